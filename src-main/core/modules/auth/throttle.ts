// Login throttling per login ID as typed: growing delays after 3 consecutive failures, a
// one-hour lock after 10 (an admin may unlock sooner), and never more than 100 failures an
// hour. The subject is an HMAC of the lower-cased ID, so unknown IDs get exactly the same
// answers as real ones.
import type { Db } from '../../platform/db/open';
import type { FieldCrypto } from '../../platform/crypto/field';

export const DELAY_AFTER_FAILURES = 3;
export const LOCK_AFTER_FAILURES = 10;
export const LOCK_MS = 60 * 60 * 1000;
export const MAX_FAILURES_PER_HOUR = 100;
const MAX_DELAY_MS = 5 * 60 * 1000;

export type ThrottleState = { kind: 'open' } | { kind: 'wait'; retryAt: Date } | { kind: 'locked'; until: Date } | { kind: 'ceiling' };

interface Row {
  consecutive_failures: number;
  next_attempt_at: string | null;
  locked_until: string | null;
}

export function createLoginThrottle(db: Db, fields: FieldCrypto) {
  const subjectOf = (loginId: string) => fields.blindIndex(loginId.trim().toLowerCase(), 'login-throttle');
  const read = db.prepare<[string], Row>('SELECT consecutive_failures, next_attempt_at, locked_until FROM login_throttle WHERE subject = ?');
  const failuresSince = db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM login_failures WHERE subject = ? AND at > ?');

  return {
    /** May this login ID try now? Check before verifying anything. */
    check(loginId: string, now: Date): ThrottleState {
      const subject = subjectOf(loginId);
      const row = read.get(subject);
      const hourAgo = new Date(now.getTime() - 60 * 60 * 1000).toISOString();
      if (failuresSince.get(subject, hourAgo)!.n >= MAX_FAILURES_PER_HOUR) return { kind: 'ceiling' };
      if (row?.locked_until && row.locked_until > now.toISOString()) return { kind: 'locked', until: new Date(row.locked_until) };
      if (row?.next_attempt_at && row.next_attempt_at > now.toISOString()) return { kind: 'wait', retryAt: new Date(row.next_attempt_at) };
      return { kind: 'open' };
    },

    /** Records a failure (call inside a transaction); returns true when this failure locked the ID. */
    recordFailure(loginId: string, now: Date): boolean {
      const subject = subjectOf(loginId);
      const failures = (read.get(subject)?.consecutive_failures ?? 0) + 1;
      const locks = failures >= LOCK_AFTER_FAILURES;
      const delayMs = failures >= DELAY_AFTER_FAILURES ? Math.min(1000 * 2 ** (failures - DELAY_AFTER_FAILURES), MAX_DELAY_MS) : 0;
      db.prepare(
        `INSERT INTO login_throttle (subject, consecutive_failures, next_attempt_at, locked_until) VALUES (@subject, @failures, @next, @locked)
         ON CONFLICT (subject) DO UPDATE SET consecutive_failures = @failures, next_attempt_at = @next, locked_until = coalesce(@locked, locked_until)`,
      ).run({
        subject,
        failures: locks ? 0 : failures,
        next: delayMs ? new Date(now.getTime() + delayMs).toISOString() : null,
        locked: locks ? new Date(now.getTime() + LOCK_MS).toISOString() : null,
      });
      db.prepare('INSERT INTO login_failures (subject, at) VALUES (?, ?)').run(subject, now.toISOString());
      db.prepare('DELETE FROM login_failures WHERE at < ?').run(new Date(now.getTime() - 2 * 60 * 60 * 1000).toISOString());
      return locks;
    },

    /** A success ends the run of failures (the hourly count stays). */
    recordSuccess(loginId: string): void {
      db.prepare('DELETE FROM login_throttle WHERE subject = ?').run(subjectOf(loginId));
    },

    /** An admin's unlock: lifts the lock and the delay (the hourly ceiling stays). */
    unlock(loginId: string): void {
      db.prepare('DELETE FROM login_throttle WHERE subject = ?').run(subjectOf(loginId));
    },

    isLocked(loginId: string, now: Date): boolean {
      const row = read.get(subjectOf(loginId));
      return !!row?.locked_until && row.locked_until > now.toISOString();
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
