-- 0110: every move of a registrant's status (未登録, 承認待ち, 差戻し, 拒否, 完了), who made it,
-- when, by which path and why; and the unlocks of a completed record (from = to = completed,
-- via 'unlock'). The allowed moves are the status module's table (modules/status/table.ts).

CREATE TABLE registrant_status_history (
  seq           INTEGER PRIMARY KEY,
  registrant_id TEXT NOT NULL REFERENCES registrants (id) ON DELETE CASCADE,
  at            TEXT NOT NULL,
  actor_id      TEXT REFERENCES users (id),
  actor_label   TEXT,
  from_status   TEXT NOT NULL CHECK (from_status IN ('unregistered', 'pending', 'returned', 'declined', 'completed')),
  to_status     TEXT NOT NULL CHECK (to_status IN ('unregistered', 'pending', 'returned', 'declined', 'completed')),
  via           TEXT NOT NULL CHECK (via IN ('manual', 'submit', 'approve', 'return', 'decline', 'staffEntry', 'unlock')),
  reason        TEXT,
  submission_id TEXT
) STRICT;

CREATE INDEX registrant_status_history_by_registrant ON registrant_status_history (registrant_id, seq);
