// Migration 0240: a trail at 0170 keeps every entry as it was (the chain's rows untouched), and
// a filter by purpose of use is then answered from the new index.
import { describe, expect, it } from 'vitest';
import { AUDIT_PURPOSE_SQL } from '../../src-main/core/platform/audit/audit-log';
import { migrationDb } from '../support/migration-db';

describe('migration 0240', () => {
  it("carries 0170's audit entries through and finds a purpose's entries through audit_log_purpose", () => {
    const { db, run } = migrationDb();
    run(170);
    const insert = db.prepare(
      "INSERT INTO audit_log (seq, at, action, outcome, detail, prev_hash, hash) VALUES (?, '2026-12-01T00:00:00.000Z', ?, 'success', ?, 'p', 'h')",
    );
    insert.run(1, 'mynumber.reveal', JSON.stringify({ purposeId: 'withholding_slip', purpose: '給与所得・退職所得の源泉徴収票作成事務' }));
    insert.run(2, 'documents.view', JSON.stringify({ purpose: 'identity_check' }));
    insert.run(3, 'registrants.list', JSON.stringify({ returned: 3 }));
    insert.run(4, 'auth.logout', null);
    const before = JSON.stringify(db.prepare('SELECT * FROM audit_log ORDER BY seq').all());

    expect(run(240).to).toBe(240);
    expect(JSON.stringify(db.prepare('SELECT * FROM audit_log ORDER BY seq').all())).toBe(before);
    const byPurpose = `SELECT seq FROM audit_log WHERE ${AUDIT_PURPOSE_SQL} = ? ORDER BY seq DESC`;
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${byPurpose}`).all('identity_check') as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toContain('INDEX audit_log_purpose (<expr>=?)');
    expect(db.prepare(byPurpose).all('withholding_slip')).toEqual([{ seq: 1 }]);
    expect(db.prepare(byPurpose).all('identity_check')).toEqual([{ seq: 2 }]);
    db.close();
  });
});
