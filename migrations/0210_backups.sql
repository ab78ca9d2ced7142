-- Backups (バックアップ): every run, manual or scheduled, successful or not. A successful row
-- names its file in its folder; rotation marks the rows whose files it deleted, so "which
-- backups taken before a disposal still exist" is answered from here. Never a key or a code.
CREATE TABLE backup_runs (
  id TEXT PRIMARY KEY,
  started_at TEXT NOT NULL,
  trigger TEXT NOT NULL CHECK (trigger IN ('manual', 'scheduled')),
  outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure')),
  folder TEXT NOT NULL,
  file_name TEXT,
  bytes INTEGER,
  head_seq INTEGER,
  -- A failure's message key (src-shared/messages), never free text.
  error_key TEXT,
  deleted_at TEXT,
  CHECK ((outcome = 'success') = (file_name IS NOT NULL AND bytes IS NOT NULL AND head_seq IS NOT NULL)),
  CHECK (outcome = 'success' OR (error_key IS NOT NULL AND deleted_at IS NULL))
);
CREATE INDEX backup_runs_started ON backup_runs (started_at);
-- The copies still on disk, newest first: rotation and the disposal record read these.
CREATE INDEX backup_runs_kept ON backup_runs (started_at) WHERE outcome = 'success' AND deleted_at IS NULL;
