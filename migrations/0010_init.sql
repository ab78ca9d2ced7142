-- 0010: login users, their second factors and throttling, settings, and the append-only audit trail.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE users (
  id                   TEXT PRIMARY KEY,
  login_id             TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name         TEXT NOT NULL,
  email                TEXT NOT NULL,
  role                 TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'viewer')),
  password_hash        TEXT NOT NULL,
  second_factor        TEXT NOT NULL CHECK (second_factor IN ('totp', 'email')),
  -- the TOTP secret, sealed with the field key (AES-256-GCM)
  totp_secret_sealed   BLOB,
  -- the last TOTP time step accepted: a code is accepted once per step
  totp_last_step       INTEGER,
  disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  last_login_at        TEXT,
  password_changed_at  TEXT,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
) STRICT;

-- Login throttling, keyed by an HMAC of the login ID as typed (lower-cased), so an unknown
-- ID is throttled exactly like a real one and the answers never tell them apart.
CREATE TABLE login_throttle (
  subject              TEXT PRIMARY KEY,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  next_attempt_at      TEXT,
  locked_until         TEXT
) STRICT;

CREATE TABLE login_failures (
  subject TEXT NOT NULL,
  at      TEXT NOT NULL
) STRICT;
CREATE INDEX login_failures_subject_at ON login_failures (subject, at);

-- One-time codes sent by e-mail (login second factor, password reminder): stored as an
-- HMAC, valid 10 minutes, single use, at most 5 tries. user_id is NULL for a reminder
-- asked for an unknown login ID (it can never be satisfied, but looks the same).
CREATE TABLE one_time_codes (
  id          TEXT PRIMARY KEY,
  user_id     TEXT REFERENCES users (id) ON DELETE CASCADE,
  purpose     TEXT NOT NULL CHECK (purpose IN ('login', 'reset')),
  code_hash   TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  attempts    INTEGER NOT NULL DEFAULT 0,
  used_at     TEXT
) STRICT;
CREATE INDEX one_time_codes_user ON one_time_codes (user_id, purpose, created_at);

CREATE TABLE audit_log (
  seq          INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  actor_id     TEXT,
  actor_label  TEXT,
  action       TEXT NOT NULL,
  outcome      TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  target_type  TEXT,
  target_id    TEXT,
  detail       TEXT,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
) STRICT;

CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_target ON audit_log (target_id, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- The head of the chain, MACed, so that cutting entries off the end is caught too.
CREATE TABLE audit_head (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  seq   INTEGER NOT NULL,
  hash  TEXT NOT NULL,
  mac   TEXT NOT NULL
) STRICT;
