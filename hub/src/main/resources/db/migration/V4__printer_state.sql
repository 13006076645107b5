-- A kiosk's receipt printer, from its health (schema 1.1): ok, paper-near-end, paper-out, cover-open, offline,
-- disconnected, none.
ALTER TABLE devices ADD COLUMN printer_state VARCHAR(32);
