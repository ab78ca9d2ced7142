-- 0160: collection e-mails (収集メール) and their outbox. HR sends a batch (an invitation or a
-- reminder to a selection or a filter of registrants); each mail carries a freshly issued
-- invitation link, so its rendered message (recipient, subject, body with the link's token) is
-- kept only sealed with the field key, bound to the row and its registrant, and only while it
-- waits: once it is sent or given up the sealed message is wiped (the CHECK holds that). A
-- sender drains the queued rows with retries, so nothing is lost while the SMTP server is
-- down or the app is restarted; each row ends as sent or failed, with the server's reply
-- (scrubbed of anything like a token).

CREATE TABLE mail_batches (
  id               TEXT PRIMARY KEY,
  kind             TEXT NOT NULL CHECK (kind IN ('invitation', 'reminder')),
  created_at       TEXT NOT NULL,
  created_by       TEXT REFERENCES users (id),
  created_by_label TEXT
) STRICT;

CREATE INDEX mail_batches_by_time ON mail_batches (created_at);

CREATE TABLE mail_outbox (
  seq             INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  batch_id        TEXT NOT NULL REFERENCES mail_batches (id) ON DELETE CASCADE,
  registrant_id   TEXT NOT NULL REFERENCES registrants (id) ON DELETE CASCADE,
  -- the link the mail carries: a mail whose link was replaced, revoked or expired is not sent
  invitation_id   TEXT NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
  state           TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed')),
  sealed_message  BLOB,
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- why the last attempt failed: a code (smtp_rejected, smtp_unavailable, link_replaced, ...)
  -- and the server's reply or the connection error, scrubbed
  failure_code    TEXT,
  failure_text    TEXT,
  queued_at       TEXT NOT NULL,
  last_attempt_at TEXT,
  settled_at      TEXT,
  CHECK ((state = 'queued') = (sealed_message IS NOT NULL)),
  CHECK ((state = 'queued') = (settled_at IS NULL))
) STRICT;

CREATE INDEX mail_outbox_queued ON mail_outbox (seq) WHERE state = 'queued';
CREATE INDEX mail_outbox_by_batch ON mail_outbox (batch_id, state);
CREATE INDEX mail_outbox_by_registrant ON mail_outbox (registrant_id);
