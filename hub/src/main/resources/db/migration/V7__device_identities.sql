-- Device identities (issue 16): who may enrol, what the network CA issued, what it revoked, and who did what.
-- Apart from `devices` (what devices say about themselves): an identity exists before its device ever publishes.
CREATE TABLE device_identities (
  device_id    VARCHAR(64)  PRIMARY KEY,
  site         VARCHAR(64)  NOT NULL,
  kind         VARCHAR(16)  NOT NULL,
  state        VARCHAR(16)  NOT NULL,  -- pending (no certificate yet), enrolled, revoked
  serial       VARCHAR(40),            -- the current certificate's serial, hex
  not_after    BIGINT,
  created_at   BIGINT       NOT NULL,
  enrolled_at  BIGINT,
  renewed_at   BIGINT,
  revoked_at   BIGINT
);

-- One-time enrolment tokens: only the SHA-256 of the secret (hex), never the secret.
CREATE TABLE enrolment_tokens (
  token_id       VARCHAR(16)  PRIMARY KEY,
  secret_sha256  VARCHAR(64)  NOT NULL,
  device_id      VARCHAR(64)  NOT NULL,
  site           VARCHAR(64)  NOT NULL,
  kind           VARCHAR(16)  NOT NULL,
  expires_at     BIGINT       NOT NULL,
  used_at        BIGINT
);

-- Revoked certificates, for the CRL and renewal refusals.
CREATE TABLE revocations (
  serial      VARCHAR(40)  PRIMARY KEY,
  device_id   VARCHAR(64)  NOT NULL,
  revoked_at  BIGINT       NOT NULL
);

-- Who enrolled, renewed, revoked what, and when (and the refusals).
CREATE TABLE identity_audit (
  audit_id   VARCHAR(36)  PRIMARY KEY,
  at         BIGINT       NOT NULL,
  actor      VARCHAR(80)  NOT NULL,
  action     VARCHAR(32)  NOT NULL,
  device_id  VARCHAR(64)  NOT NULL,
  serial     VARCHAR(40)  NOT NULL,
  detail     TEXT         NOT NULL
);
CREATE INDEX identity_audit_at ON identity_audit (at);
