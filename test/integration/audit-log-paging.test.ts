// The trail's pages at scale: the total is counted up to AUDIT_COUNT_CAP and then said to be
// "at least" that; a period is read as a range of entries (they are appended in time order),
// exactly; and the result filter reads its index.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AUDIT_COUNT_CAP } from '../../src-shared/contract';
import { createAuditLog } from '../../src-main/core/platform/audit/audit-log';
import { migrationDb } from '../support/migration-db';

function trail(entries: number) {
  const { db, run } = migrationDb();
  run(240);
  const log = createAuditLog(db, randomBytes(32).toString('hex'));
  const start = Date.parse('2026-01-01T00:00:00Z');
  db.transaction(() => {
    for (let i = 0; i < entries; i++) {
      log.append(i % 10 === 0 ? { action: 'auth.login', outcome: 'failure', detail: { reason: 'bad_password' } } : { action: 'registrants.list', detail: { returned: 50 } }, new Date(start + i * 60_000));
    }
  })();
  return { db, log };
}

describe('audit log paging', () => {
  it(`counts up to ${AUDIT_COUNT_CAP.toLocaleString('en')} and then says "at least"`, () => {
    const { db, log } = trail(AUDIT_COUNT_CAP + 5);
    expect(AUDIT_COUNT_CAP).toBe(1000);
    const all = log.query({}, 0, 50);
    expect([all.total, all.totalIsLowerBound, all.rows.length, all.rows[0]!.seq]).toEqual([1000, true, 50, 1005]);
    const failures = log.query({ outcome: 'failure' }, 0, 50);
    expect([failures.total, failures.totalIsLowerBound]).toEqual([101, false]);
    db.close();
  });

  it('reads a period exactly, through the range of entries it spans', () => {
    const { db, log } = trail(300);
    // Entries 101..160 (seq) fall in this hour: minute 100 to minute 159.
    const hour = log.query({ from: '2026-01-01T01:40:00.000Z', to: '2026-01-01T02:39:59.999Z' }, 0, 100);
    expect([hour.total, hour.rows[0]!.seq, hour.rows.at(-1)!.seq]).toEqual([60, 160, 101]);
    expect(log.query({ from: '2026-02-01T00:00:00.000Z' }, 0, 10).total).toBe(0);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan("SELECT seq FROM audit_log WHERE outcome = 'failure' ORDER BY seq DESC LIMIT 50")).toContain('audit_log_outcome');
    db.close();
  });
});
