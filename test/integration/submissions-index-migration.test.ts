// Migration 0140: a database at 0130 with submissions keeps them, and a registrant's
// submissions are then found through the new index, not by a scan.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../src-main/core/platform/db/open';
import { loadMigrations, migrate } from '../../src-main/core/platform/db/migrate';
import { sourceMigrationsDir } from '../../src-main/core/platform/paths';
import { tempDir } from '../support/vault';

const real = loadMigrations(sourceMigrationsDir);

describe('migration 0140', () => {
  it("carries 0130's submissions through and answers a registrant's submissions from the index", () => {
    const dir = tempDir();
    const file = path.join(dir, 'vault.db');
    const db = openEncryptedDatabase(file, { keyHex: randomBytes(32).toString('hex') });
    const run = (upTo: number) => migrate({ db, dbFile: file, migrations: real.filter((m) => m.version <= upTo), backupDir: path.join(dir, 'backups'), now: new Date('2026-12-01T00:00:00Z') });
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
