-- An alert's text as a key of the hub's catalogue and its arguments (JSON), rendered in the reader's language at
-- read time; message keeps the French rendering (mail, webhook, rows raised before this column).
ALTER TABLE alerts ADD COLUMN message_key VARCHAR(64);
ALTER TABLE alerts ADD COLUMN message_args TEXT;
