// Backups: the settings, a backup taken now or when the daily one is due, the rotation that
// keeps the last N, and what the disposal records need to know about copies still on disk.
import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_INTERVAL_MS, BACKUP_STALE_MS, type BackupRun, type BackupSettings } from '../../../../src-shared/contract';
import type { ErrorKey } from '../../../../src-shared/messages';
import type { Clock } from '../../kernel/clock';
import type { CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { AuditEntry } from '../../platform/audit/audit-log';
import type { TakenBackup } from '../../platform/backup/take';
import type { BackupRunRow, BackupsRepository } from './repository';

/** A failed scheduled backup is tried again this long after, not at every check. */
const SCHEDULED_RETRY_MS = 3_600_000;
const RECENT_LIMIT = 20;

export interface BackupsDeps {
  repository: BackupsRepository;
  clock: Clock;
  /** The vault's data folder: a backup folder may not be it or inside it. */
  dataDir: string;
  /** Takes one backup into `folder` (platform/backup/take.ts, bound to the open vault). */
  take(folder: string, now: Date): Promise<TakenBackup>;
  /** Commits `fn` (and the audit entries it appends) outside any call: the scheduled run. */
  commit<T>(fn: () => T): T;
  appendAudit(entry: AuditEntry, at: Date): void;
  log(line: string): void;
}

/** A copy of the vault still on disk. */
export interface KeptBackup {
  fileName: string;
  folder: string;
  takenAt: string;
  bytes: number;
  headSeq: number;
}

/**
 * When rotation will have deleted every copy taken before a moment: `none` (no such copy
 * remains), `by` (the date of the scheduled backup after which the last of them is deleted,
 * if every daily backup from now on succeeds), or `unscheduled` (scheduled backups are off or
 * have no folder: the copies stay until someone takes backups or deletes them).
 */
export type CopiesGone = { kind: 'none' } | { kind: 'by'; at: string } | { kind: 'unscheduled' };

type Trigger = 'manual' | 'scheduled';

function folderProblem(folder: string, dataDir: string): ErrorKey | null {
  if (!path.isAbsolute(folder)) return 'errors.backups.folderNotAbsolute';
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch {
    return 'errors.backups.folderMissing';
  }
  if (!stat.isDirectory()) return 'errors.backups.folderMissing';
  const rel = path.relative(fs.realpathSync(dataDir), fs.realpathSync(folder));
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) return 'errors.backups.folderInsideVault';
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch {
    return 'errors.backups.folderNotWritable';
  }
  return null;
}

function toRun(row: BackupRunRow): BackupRun {
  const gone = row.outcome === 'success' && (row.deleted_at !== null || !fs.existsSync(path.join(row.folder, row.file_name!)));
  return {
    id: row.id,
    startedAt: row.started_at,
    trigger: row.trigger,
    outcome: row.outcome,
    fileName: row.file_name,
    bytes: row.bytes,
    headSeq: row.head_seq,
    errorKey: row.error_key,
    gone,
  };
}

export function createBackupsService({ repository, clock, dataDir, take, commit, appendAudit, log }: BackupsDeps) {
  let running: Promise<unknown> | null = null;

  function nextDueAt(settings: BackupSettings): Date | null {
    if (!settings.enabled || !settings.folder) return null;
    const last = repository.lastSuccessAt();
    const failed = repository.lastScheduledFailureAt();
    const due = Math.max(last ? Date.parse(last) + BACKUP_INTERVAL_MS : 0, failed ? Date.parse(failed) + SCHEDULED_RETRY_MS : 0);
    return new Date(due || clock.now().getTime());
  }

  /** Deletes the oldest copies beyond `keep`; a file that cannot be removed stays listed, tried again next time. */
  function rotate(keep: number, at: Date): number {
    let deleted = 0;
    for (const row of repository.kept().slice(keep)) {
      try {
        fs.rmSync(path.join(row.folder, row.file_name!), { force: true });
      } catch (err) {
        log(`backup rotation: could not delete an old backup: ${(err as Error).name}`);
        continue;
      }
      repository.markDeleted(row.id, at.toISOString());
      deleted++;
    }
    return deleted;
  }

  /** Takes one backup and records it (the run row, the rotation, the audit entry) through `record`. */
  async function runOnce(trigger: Trigger, record: <T>(fn: (audit: (e: AuditEntry) => void) => T) => T, into?: string): Promise<TakenBackup> {
    const folder = into ?? repository.settings().folder;
    if (!folder) throw new AppError('VALIDATION', 'errors.backups.noFolder');
    if (running) throw new AppError('CONFLICT', 'errors.backups.running');
    const started = clock.now();
    const fail = (errorKey: ErrorKey, reason: 'folder_unavailable' | 'write_failed') => {
      record((audit) => {
        repository.recordFailure({ startedAt: started.toISOString(), trigger, folder, errorKey });
        audit({ action: 'backups.run', outcome: 'failure', detail: { trigger, reason } });
      });
      // A folder gone (a share disconnected) is the admin's to fix; a failed write is not.
      return new AppError(reason === 'folder_unavailable' ? 'VALIDATION' : 'INTERNAL', errorKey);
    };
    const problem = folderProblem(folder, dataDir);
    if (problem) throw fail(problem, 'folder_unavailable');
    const job = take(folder, started);
    running = job.catch(() => undefined);
    let taken: TakenBackup;
    try {
      taken = await job;
    } catch (err) {
      log(`backup failed: ${(err as Error).name} ${(err as NodeJS.ErrnoException).code ?? ''}`.trim());
      throw fail('errors.backups.failed', 'write_failed');
    } finally {
      running = null;
    }
    record((audit) => {
      repository.recordSuccess({ startedAt: started.toISOString(), trigger, folder, ...taken });
      const deleted = rotate(repository.settings().keep, clock.now());
      audit({ action: 'backups.run', detail: { trigger, fileName: taken.fileName, bytes: taken.bytes, headSeq: taken.headSeq, deleted } });
    });
    return taken;
  }

  return {
    status() {
      const settings = repository.settings();
      const lastSuccessAt = repository.lastSuccessAt();
      return {
        settings,
        recent: repository.recent(RECENT_LIMIT).map(toRun),
        lastSuccessAt,
        stale: lastSuccessAt === null || clock.now().getTime() - Date.parse(lastSuccessAt) > BACKUP_STALE_MS,
        nextDueAt: nextDueAt(settings)?.toISOString() ?? null,
      };
    },

    configure(ctx: CallContext, input: BackupSettings & { folder: string }) {
      const problem = folderProblem(input.folder, dataDir);
      if (problem) throw new AppError('VALIDATION', problem);
      ctx.tx(() => {
        repository.setSettings(input);
        ctx.audit({ action: 'backups.configure', detail: { folder: input.folder, enabled: input.enabled, keep: input.keep } });
      });
      return {};
    },

    /** `backups.run`: a backup now, by the admin. */
    run(ctx: CallContext): Promise<TakenBackup> {
      return runOnce('manual', (fn) => ctx.tx(() => fn((e) => ctx.audit(e))));
    },

    /** `mnv backup`: into `folder`, or the folder set in the app; entries appended through `appendAudit`. */
    runOffline(folder?: string): Promise<TakenBackup> {
      return runOnce('manual', (fn) => commit(() => fn((e) => appendAudit(e, clock.now()))), folder);
    },

    /** Called by the core's timer: takes the daily backup when it is due; never throws. */
    async runScheduledIfDue(): Promise<TakenBackup | null> {
      const settings = repository.settings();
      const due = nextDueAt(settings);
      if (!due || running || clock.now() < due) return null;
      try {
        return await runOnce('scheduled', (fn) => commit(() => fn((e) => appendAudit(e, clock.now()))));
      } catch (err) {
        log(`scheduled backup not taken: ${err instanceof AppError ? err.messageKey : (err as Error).name}`);
        return null;
      }
    },

    /** Resolves once a backup under way has finished (the core waits for it before closing). */
    async idle(): Promise<void> {
      await running;
    },

    /** The copies taken before `iso` that still exist (for the disposal record, 廃棄記録). */
    backupsTakenBefore(iso: string): KeptBackup[] {
      const before = new Date(iso).toISOString();
      return repository
        .kept()
        .filter((r) => r.started_at < before && fs.existsSync(path.join(r.folder, r.file_name!)))
        .map((r) => ({ fileName: r.file_name!, folder: r.folder, takenAt: r.started_at, bytes: r.bytes!, headSeq: r.head_seq! }));
    },

    /**
     * The date by which rotation has deleted every copy taken before `iso`, from the schedule
     * and N: the newest such copy goes once N newer ones exist, and each day brings one.
     */
    lastCopyGoneBy(iso: string): CopiesGone {
      const before = new Date(iso).toISOString();
      const kept = repository.kept().filter((r) => fs.existsSync(path.join(r.folder, r.file_name!)));
      const newestBefore = kept.findIndex((r) => r.started_at < before);
      if (newestBefore === -1) return { kind: 'none' };
      const settings = repository.settings();
      const due = nextDueAt(settings);
      if (!due) return { kind: 'unscheduled' };
      // `newestBefore` copies newer than it exist already; rotation deletes it at the backup
      // that makes them `keep`.
      const more = Math.max(1, settings.keep - newestBefore);
      const start = Math.max(due.getTime(), clock.now().getTime());
      return { kind: 'by', at: new Date(start + (more - 1) * BACKUP_INTERVAL_MS).toISOString() };
    },
  };
}

export type BackupsService = ReturnType<typeof createBackupsService>;
