-- 0130: invitation links for collection over the LAN (収集用リンク). The token itself is never
-- stored: only its HMAC under the index key. One live link per registrant (issuing again
-- revokes the previous one, in the same transaction). Passcode failures are counted on the
-- link: every fifth locks it for a while, the twentieth blocks it until HR issues a new one.

CREATE TABLE invitations (
  id             TEXT PRIMARY KEY,
  registrant_id  TEXT NOT NULL REFERENCES registrants (id) ON DELETE CASCADE,
  token_hash     TEXT NOT NULL UNIQUE,
  issued_at      TEXT NOT NULL,
  issued_by      TEXT REFERENCES users (id),
  expires_at     TEXT NOT NULL,
  revoked_at     TEXT,
  revoked_reason TEXT CHECK (revoked_reason IN ('replaced', 'revoked', 'blocked')),
  failures       INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
  locked_until   TEXT,
  last_opened_at TEXT,
  CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
) STRICT;

CREATE UNIQUE INDEX invitations_one_live ON invitations (registrant_id) WHERE revoked_at IS NULL;
CREATE INDEX invitations_by_registrant ON invitations (registrant_id, issued_at);
