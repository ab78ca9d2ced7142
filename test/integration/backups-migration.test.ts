// Migration 0210: a database at 0170 keeps its registrants and settings; backup_runs records a
// success only with its file, size and head, a failure only with its reason and never as deleted.
import { describe, expect, it } from 'vitest';
import { migrationDb } from '../support/migration-db';

describe('migration 0210', () => {
  it("carries 0170's registrants and settings through, and holds each backup run to its shape", () => {
    const { db, run } = migrationDb();
    run(170);
    const at = '2026-12-01T00:00:00.000Z';
    db.prepare(
      `INSERT INTO registrants (id, family_name, given_name, family_name_kana, given_name_kana, email, status, created_at, updated_at)
       VALUES ('r1', '山田', '太郎', 'ヤマダ', 'タロウ', 'yamada@example.jp', 'unregistered', ?, ?)`,
    ).run(at, at);
    db.prepare("INSERT INTO settings (key, value) VALUES ('security', '{\"idleLockMinutes\":5}')").run();
    const snapshot = () => JSON.stringify([db.prepare('SELECT * FROM registrants').all(), db.prepare('SELECT * FROM settings').all()]);
    const before = snapshot();

    expect(run(210).to).toBe(210);
    expect(snapshot()).toBe(before);

    const insert = db.prepare(
      'INSERT INTO backup_runs (id, started_at, trigger, outcome, folder, file_name, bytes, head_seq, error_key, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run('b1', at, 'scheduled', 'success', '/mnt/backup', 'mynumber-vault-20261201T000000Z.mnvbak', 4096, 12, null, null);
    insert.run('b2', at, 'manual', 'failure', '/mnt/backup', null, null, null, 'errors.backups.failed', null);
    expect(() => insert.run('b3', at, 'manual', 'success', '/mnt/backup', null, null, null, null, null)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('b4', at, 'manual', 'failure', '/mnt/backup', null, null, null, null, null)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('b5', at, 'manual', 'failure', '/mnt/backup', null, null, null, 'errors.backups.failed', at)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('b6', at, 'weekly', 'success', '/mnt/backup', 'x.mnvbak', 1, 1, null, null)).toThrow(/CHECK constraint failed/);
    expect(db.prepare('SELECT id, outcome FROM backup_runs ORDER BY id').all()).toEqual([
      { id: 'b1', outcome: 'success' },
      { id: 'b2', outcome: 'failure' },
    ]);
    // Rotation and the disposal record find the copies still kept through the partial index.
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT * FROM backup_runs WHERE outcome = 'success' AND deleted_at IS NULL ORDER BY started_at DESC").all() as { detail: string }[]).map((r) => r.detail);
    expect(plan.join('\n')).toContain('backup_runs_kept');
  });
});
