// Backups (バックアップ): where and how often the vault copies itself, the copies taken, and a
// backup taken now. Admins only; changing the settings or taking one needs the password re-entered.
import { channel } from './define';
import { empty, isoDate } from './fields';
import { z } from './zod';

/** Copies kept unless the admin says otherwise; the oldest beyond this are deleted after each backup. */
export const BACKUP_DEFAULT_KEEP = 7;
export const BACKUP_MAX_KEEP = 365;
/** A scheduled backup is due this long after the last successful one. */
export const BACKUP_INTERVAL_MS = 24 * 3_600_000;
/** The dashboard warns when the last successful backup is older than this. */
export const BACKUP_STALE_MS = 7 * 24 * 3_600_000;

export const backupSettings = z.object({
  /** An absolute path to a folder (another disk or a network share); null until chosen. */
  folder: z.string().trim().min(1).max(1024).nullable(),
  /** Scheduled (daily) backups on or off; manual ones work either way. */
  enabled: z.boolean(),
  keep: z.number().int().min(1).max(BACKUP_MAX_KEEP),
});
export type BackupSettings = z.infer<typeof backupSettings>;

const backupRun = z.object({
  id: z.string(),
  startedAt: isoDate,
  trigger: z.enum(['manual', 'scheduled']),
  outcome: z.enum(['success', 'failure']),
  fileName: z.string().nullable(),
  bytes: z.number().int().nullable(),
  headSeq: z.number().int().nullable(),
  /** A failure's message key (src-shared/messages). */
  errorKey: z.string().nullable(),
  /** Deleted by rotation (or missing from the folder): the copy no longer exists. */
  gone: z.boolean(),
});
export type BackupRun = z.infer<typeof backupRun>;

export const backupsChannels = {
  'backups.status': channel({
    input: empty,
    output: z.object({
      settings: backupSettings,
      /** The latest runs, newest first (at most 20). */
      recent: z.array(backupRun),
      lastSuccessAt: isoDate.nullable(),
      /** No successful backup yet, or the last one is older than a week: the dashboard warns. */
      stale: z.boolean(),
      /** When the next scheduled backup is due (null: scheduling off or no folder). */
      nextDueAt: isoDate.nullable(),
    }),
  }),
  'backups.configure': channel({
    input: backupSettings.extend({ folder: z.string().trim().min(1).max(1024) }),
    output: empty,
  }),
  'backups.run': channel({
    input: empty,
    output: z.object({ fileName: z.string(), bytes: z.number().int(), headSeq: z.number().int() }),
  }),
};
