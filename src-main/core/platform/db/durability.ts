// When a commit reaches the disk. An ordinary transaction commits with synchronous=FULL: the
// WAL is synced before the call returns. A routine view (a list read as HR types, audited with
// its counts) commits with synchronous=NORMAL instead: its frames are in the WAL (a crash of
// the process loses nothing) but not yet synced, so a power cut could lose the last views'
// entries; the next ordinary commit, or a checkpoint at most FLUSH_AFTER_MS later, syncs them.
// Until then the audit head counts as not durable: `durableHead` keeps the one before, so the
// copy of the head kept outside the database never runs ahead of what the disk holds.
import type { Db } from './open';

export const FLUSH_AFTER_MS = 1000;

export interface CommitDurability {
  /** Runs `fn` in an IMMEDIATE transaction that is on disk when this returns. */
  commit<T>(fn: () => T): T;
  /** Runs `fn` in an IMMEDIATE transaction whose commit does not wait for the disk (routine views only). */
  commitView<T>(fn: () => T): T;
  /** Syncs the views committed since the last durable point (a WAL checkpoint), now. */
  flush(): void;
  /** Whether everything committed so far is on disk. */
  durable(): boolean;
  /** Stops the timer (before closing the database). */
  stop(): void;
}

export interface DurabilityOptions {
  /** Told (outside any transaction) when the views committed so far have reached the disk. */
  onDurable?: () => void;
  /** Told just before a view's commit makes the database run ahead of the disk. */
  beforeAhead?: () => void;
  flushAfterMs?: number;
  log?: (line: string) => void;
}

export function createCommitDurability(db: Db, { onDurable, beforeAhead, flushAfterMs = FLUSH_AFTER_MS, log }: DurabilityOptions = {}): CommitDurability {
  let ahead = false;
  let timer: NodeJS.Timeout | null = null;

  function settled() {
    ahead = false;
    if (timer) clearTimeout(timer);
    timer = null;
    onDurable?.();
  }

  function flush() {
    if (!ahead || !db.open) return;
    // A checkpoint syncs the WAL before copying it into the database (and the database after).
    db.pragma('wal_checkpoint(PASSIVE)');
    settled();
  }

  return {
    commit(fn) {
      // Inside another transaction this is a savepoint of it: the outer commit decides.
      if (db.inTransaction) return db.transaction(fn)();
      const result = db.transaction(fn).immediate();
      // Its commit synced the WAL, and with it every view committed before.
      if (ahead) settled();
      return result;
    },

    commitView(fn) {
      if (db.inTransaction) return db.transaction(fn)();
      if (!ahead) beforeAhead?.();
      db.pragma('synchronous = NORMAL');
      let result;
      try {
        result = db.transaction(fn).immediate();
      } finally {
        db.pragma('synchronous = FULL');
      }
      ahead = true;
      timer ??= setTimeout(() => {
        timer = null;
        try {
          flush();
        } catch (err) {
          log?.(`durability: checkpoint failed: ${err instanceof Error ? err.name : 'error'}`);
        }
      }, flushAfterMs).unref();
      return result;
    },

    flush,
    durable: () => !ahead,
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
