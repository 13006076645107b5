-- The network's patron keys (issue 20): the current one makes new pseudonyms, older ones only read them until
-- the retention has passed, then are destroyed (key_material cleared, the row kept so that its id is never reused
-- and the audit log's lines name something). Kept in the store so that hubs sharing the load share the rotation;
-- the key is wrapped (AES-256-GCM, base64 of nonce || ciphertext) under a secret that is never in the store (the
-- configured patron key, or <data>/patron.key): a copy of the store alone re-identifies nobody.
CREATE TABLE patron_keys (
  key_id        VARCHAR(16)  PRIMARY KEY,
  key_material  TEXT,
  created_at    BIGINT       NOT NULL,
  -- null: the current key (one row at most)
  retired_at    BIGINT,
  destroyed_at  BIGINT
);
CREATE INDEX patron_keys_retired ON patron_keys (retired_at);
