-- Staff accounts (issue 17): who may open a session on the staff console, in which role, for which branches.
-- Only the password's Argon2id hash is kept, in PHC form (its parameters with it, so that they may change).
CREATE TABLE staff_accounts (
  user_name            VARCHAR(64)   PRIMARY KEY,  -- lower case
  password_hash        VARCHAR(200)  NOT NULL,
  role                 VARCHAR(16)   NOT NULL,     -- branch-staff, coordinator, admin
  language             VARCHAR(2)    NOT NULL,     -- fr, en
  disabled             SMALLINT      NOT NULL,     -- 1: may not log in (kept for the audit log's names)
  created_at           BIGINT        NOT NULL,
  updated_at           BIGINT        NOT NULL,
  password_changed_at  BIGINT        NOT NULL,
  last_login_at        BIGINT
);

-- The branches an account works in; position 0 is its home branch (shown by default).
CREATE TABLE staff_account_branches (
  user_name  VARCHAR(64)  NOT NULL REFERENCES staff_accounts (user_name) ON DELETE CASCADE,
  position   INTEGER      NOT NULL,
  branch     VARCHAR(64)  NOT NULL,
  PRIMARY KEY (user_name, position)
);
CREATE INDEX staff_account_branches_branch ON staff_account_branches (branch);

-- Who did what that changed something, for every feature (AuditLog): alarm acknowledged, crate packed, device
-- revoked, user changed... audit_id is a UUIDv7: its order is the order of the records within a millisecond.
CREATE TABLE staff_audit (
  audit_id  VARCHAR(36)   PRIMARY KEY,
  at        BIGINT        NOT NULL,
  actor     VARCHAR(80)   NOT NULL,
  action    VARCHAR(48)   NOT NULL,
  subject   VARCHAR(200)  NOT NULL,
  detail    TEXT          NOT NULL
);
CREATE INDEX staff_audit_at ON staff_audit (at);
CREATE INDEX staff_audit_actor_at ON staff_audit (actor, at);
CREATE INDEX staff_audit_action_at ON staff_audit (action, at);
