// The backup settings (in the settings table) and the runs (backup_runs, migration 0210).
import { randomUUID } from 'node:crypto';
import { BACKUP_DEFAULT_KEEP, type BackupSettings } from '../../../../src-shared/contract';
import type { Db } from '../../platform/db/open';

export interface BackupRunRow {
  id: string;
  started_at: string;
  trigger: 'manual' | 'scheduled';
  outcome: 'success' | 'failure';
  folder: string;
  file_name: string | null;
  bytes: number | null;
  head_seq: number | null;
  error_key: string | null;
  deleted_at: string | null;
}

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { folder: null, enabled: true, keep: BACKUP_DEFAULT_KEEP };

export function createBackupsRepository(db: Db) {
  return {
    settings(): BackupSettings {
      const row = db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'backups'").get();
      return { ...DEFAULT_BACKUP_SETTINGS, ...(row ? (JSON.parse(row.value) as Partial<BackupSettings>) : {}) };
    },
    setSettings(value: BackupSettings): void {
      db.prepare("INSERT INTO settings (key, value) VALUES ('backups', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(value));
    },
    recordSuccess(run: { startedAt: string; trigger: 'manual' | 'scheduled'; folder: string; fileName: string; bytes: number; headSeq: number }): string {
      const id = randomUUID();
      db.prepare(
        `INSERT INTO backup_runs (id, started_at, trigger, outcome, folder, file_name, bytes, head_seq)
         VALUES (?, ?, ?, 'success', ?, ?, ?, ?)`,
      ).run(id, run.startedAt, run.trigger, run.folder, run.fileName, run.bytes, run.headSeq);
      return id;
    },
    recordFailure(run: { startedAt: string; trigger: 'manual' | 'scheduled'; folder: string; errorKey: string }): void {
      db.prepare(`INSERT INTO backup_runs (id, started_at, trigger, outcome, folder, error_key) VALUES (?, ?, ?, 'failure', ?, ?)`).run(
        randomUUID(),
        run.startedAt,
        run.trigger,
        run.folder,
        run.errorKey,
      );
    },
    recent(limit: number): BackupRunRow[] {
      return db.prepare<[number], BackupRunRow>('SELECT * FROM backup_runs ORDER BY started_at DESC, rowid DESC LIMIT ?').all(limit);
    },
    /** The copies not deleted by rotation, newest first. */
    kept(): BackupRunRow[] {
      return db
        .prepare<[], BackupRunRow>("SELECT * FROM backup_runs WHERE outcome = 'success' AND deleted_at IS NULL ORDER BY started_at DESC, rowid DESC")
        .all();
    },
    markDeleted(id: string, at: string): void {
      db.prepare('UPDATE backup_runs SET deleted_at = ? WHERE id = ?').run(at, id);
    },
    lastSuccessAt(): string | null {
      return db.prepare<[], { at: string | null }>("SELECT max(started_at) AS at FROM backup_runs WHERE outcome = 'success'").get()?.at ?? null;
    },
    lastScheduledFailureAt(): string | null {
      return (
        db.prepare<[], { at: string | null }>("SELECT max(started_at) AS at FROM backup_runs WHERE outcome = 'failure' AND trigger = 'scheduled'").get()?.at ?? null
      );
    },
  };
}

export type BackupsRepository = ReturnType<typeof createBackupsRepository>;
