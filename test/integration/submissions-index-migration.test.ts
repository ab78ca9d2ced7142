// Migration 0140: a database at 0130 with submissions keeps them, and a registrant's
// submissions are then found through the new index, not by a scan.
import { describe, expect, it } from 'vitest';
import { migrationDb } from '../support/migration-db';

describe('migration 0140', () => {
  it("carries 0130's submissions through and answers a registrant's submissions from the index", () => {
    const { db, run } = migrationDb();
    run(130);
    const at = '2026-12-01T00:00:00.000Z';
    db.prepare(
      `INSERT INTO registrants (id, family_name, given_name, family_name_kana, given_name_kana, status, created_at, updated_at)
       VALUES ('r1', '山田', '太郎', 'ヤマダ', 'タロウ', 'returned', ?, ?)`,
    ).run(at, at);
    db.prepare("INSERT INTO submissions (id, registrant_id, source, state, review_required, created_at, has_number) VALUES ('s1', 'r1', 'proxy', 'returned', 1, ?, 0)").run(at);
    db.prepare("INSERT INTO submissions (id, registrant_id, source, state, review_required, created_at, has_number) VALUES ('s2', 'r1', 'proxy', 'pending', 1, ?, 0)").run('2026-12-02T00:00:00.000Z');
    const before = JSON.stringify(db.prepare('SELECT * FROM submissions ORDER BY id').all());

    expect(run(140).to).toBe(140);
    expect(JSON.stringify(db.prepare('SELECT * FROM submissions ORDER BY id').all())).toBe(before);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT id FROM submissions WHERE registrant_id = ? ORDER BY created_at, rowid").all('r1') as { detail: string }[]).map((r) => r.detail);
    expect(plan.join('\n')).toContain('USING INDEX submissions_by_registrant');
    expect(db.prepare('SELECT id FROM submissions WHERE registrant_id = ? ORDER BY created_at, rowid').all('r1')).toEqual([{ id: 's1' }, { id: 's2' }]);
    db.close();
  });
});
