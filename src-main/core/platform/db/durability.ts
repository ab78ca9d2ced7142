// When a commit reaches the disk. An ordinary transaction commits with synchronous=FULL: the
// WAL is synced before the call returns, with everything committed before it.
//
// Routine views (a list read as HR types, audited with its counts; their one write is that
// entry) are grouped instead: the first opens an IMMEDIATE transaction on the connection and
// each view runs in a savepoint of it, appending its entry there; the group commits, with
// synchronous=NORMAL (the WAL written, not synced), at the first of:
//   - VIEW_BATCH_MS after the group opened: a timer, and the next view after that time even if
//     the timer has not run yet (the event loop busy);
//   - any ordinary commit (`commit`), which commits the group first, then itself with FULL:
//     its sync carries the group's frames too, so a write's entry never waits in a group and
//     the views before it are on disk with it; a write made inside a view's own callback is
//     committed with the group and synced (a checkpoint) as soon as that view returns;
//   - `flush` or `settle` (closing, a backup's VACUUM INTO: nothing may run inside a
//     transaction left open).
// What a crash can lose: a crash of the process, the entries of the views of the open group
// (at most VIEW_BATCH_MS of them), never a write's entry; a power cut, as well the views
// committed but not yet synced, which the next ordinary commit or a checkpoint at most
// FLUSH_AFTER_MS after the first of them syncs. Should the group's commit fail (a full disk),
// its views' entries are lost like a crash's and that is logged with their number.
// Until the views are synced the audit head counts as not durable: `durableHead` keeps the one
// before (beforeAhead), so the copy of the head kept outside the database never runs ahead of
// what the disk holds. Other connections see a group's entries once it has committed.
import type { Db } from './open';

export const FLUSH_AFTER_MS = 1000;
/** The longest a routine view's entry waits in an open group before the group commits. */
export const VIEW_BATCH_MS = 200;

export interface CommitDurability {
  /** Runs `fn` in an IMMEDIATE transaction that is on disk when this returns. */
  commit<T>(fn: () => T): T;
  /** Runs `fn` (a routine view) in the open group of views; its commit waits for the group, not for the disk. */
  commitView<T>(fn: () => T): T;
  /** Commits the open group of views (not waiting for the disk), so the connection is outside any transaction. */
  settle(): void;
  /** Commits the open group and syncs every view committed since the last durable point (a WAL checkpoint), now. */
  flush(): void;
  /** Whether everything appended so far is committed and on disk. */
  durable(): boolean;
  /** Commits the open group and stops the timers (before closing the database). */
  stop(): void;
}

export interface DurabilityOptions {
  /** Told (outside any transaction) when the views committed so far have reached the disk. */
  onDurable?: () => void;
  /** Told just before a view makes the database run ahead of the disk. */
  beforeAhead?: () => void;
  flushAfterMs?: number;
  viewBatchMs?: number;
  log?: (line: string) => void;
}

export function createCommitDurability(
  db: Db,
  { onDurable, beforeAhead, flushAfterMs = FLUSH_AFTER_MS, viewBatchMs = VIEW_BATCH_MS, log }: DurabilityOptions = {},
): CommitDurability {
  // Committed or grouped views not yet synced.
  let ahead = false;
  let syncTimer: NodeJS.Timeout | null = null;
  // The open group: when it opened, its timer, how many views it holds; whether a view's callback wrote.
  let group: { openedAt: number; timer: NodeJS.Timeout; views: number } | null = null;
  let viewDepth = 0;
  let wroteInView = false;
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commitStatement = db.prepare('COMMIT');
  // Each view in a savepoint of the group, so a view that fails takes back only what it wrote.
  // Prepared once: db.transaction() would build a new wrapper at every view.
  const savepoint = db.prepare('SAVEPOINT routine_view');
  const release = db.prepare('RELEASE routine_view');
  const rollbackTo = db.prepare('ROLLBACK TO routine_view');

  function settled() {
    ahead = false;
    if (syncTimer) clearTimeout(syncTimer);
    syncTimer = null;
    onDurable?.();
  }

  function lost(views: number, err?: unknown) {
    log?.(`durability: ${views} routine view entr${views === 1 ? 'y' : 'ies'} not committed${err ? `: ${err instanceof Error ? err.name : 'error'}` : ''}`);
  }

  /** Commits the open group (synchronous=NORMAL, set as it opened: SQLite refuses a change inside a transaction). */
  function endGroup() {
    if (!group) return;
    const { timer, views } = group;
    group = null;
    clearTimeout(timer);
    try {
      // An error SQLite answers with a rollback of the whole transaction took the group with it.
      if (!db.inTransaction) return lost(views);
      try {
        commitStatement.run();
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        lost(views, err);
        throw err;
      }
    } finally {
      db.pragma('synchronous = FULL');
    }
  }

  function flush() {
    if (!db.open) return;
    endGroup();
    if (!ahead) return;
    // A checkpoint syncs the WAL before copying it into the database (and the database after).
    db.pragma('wal_checkpoint(PASSIVE)');
    settled();
  }

  function runLogged(what: string, fn: () => void) {
    try {
      fn();
    } catch (err) {
      log?.(`durability: ${what} failed: ${err instanceof Error ? err.name : 'error'}`);
    }
  }

  function openGroup() {
    if (!ahead) beforeAhead?.();
    db.pragma('synchronous = NORMAL');
    try {
      begin.run();
    } catch (err) {
      db.pragma('synchronous = FULL');
      throw err;
    }
    ahead = true;
    // Referenced: a process that ends without closing the vault still commits its views first.
    group = { openedAt: performance.now(), timer: setTimeout(() => runLogged('committing the views', endGroup), viewBatchMs), views: 0 };
    syncTimer ??= setTimeout(() => {
      syncTimer = null;
      runLogged('checkpoint', flush);
    }, flushAfterMs).unref();
  }

  return {
    commit(fn) {
      if (group && viewDepth > 0) {
        // A write inside a view's callback: part of the group, which is then committed and synced (commitView).
        wroteInView = true;
        return db.transaction(fn)();
      }
      // Inside another transaction this is a savepoint of it: the outer commit decides.
      if (!group && db.inTransaction) return db.transaction(fn)();
      // The views before this write commit first: they come before it in the chain.
      endGroup();
      const result = db.transaction(fn).immediate();
      // Its commit synced the WAL, and with it every view committed before.
      if (ahead) settled();
      return result;
    },

    commitView(fn) {
      if (!group && db.inTransaction) return db.transaction(fn)();
      // The window is kept by the clock too, not by the timer alone: a run of calls that never
      // lets the event loop reach its timers still commits every VIEW_BATCH_MS.
      if (group && viewDepth === 0 && performance.now() - group.openedAt >= viewBatchMs) endGroup();
      if (!group) openGroup();
      const open = group!;
      viewDepth++;
      try {
        savepoint.run();
        let result;
        try {
          result = fn();
        } catch (err) {
          if (db.inTransaction) {
            rollbackTo.run();
            release.run();
          }
          throw err;
        }
        release.run();
        open.views++;
        return result;
      } catch (err) {
        // An error SQLite answered with a rollback of the whole transaction took the group with it.
        if (!db.inTransaction) endGroup();
        throw err;
      } finally {
        viewDepth--;
        if (viewDepth === 0 && wroteInView) {
          wroteInView = false;
          flush();
        }
      }
    },

    settle: endGroup,
    flush,
    durable: () => !ahead,
    stop() {
      if (db.open) endGroup();
      if (syncTimer) clearTimeout(syncTimer);
      syncTimer = null;
    },
  };
}
