// Migration 0130 (invitations): a database at 0120 with registrants, a submission and settings
// keeps them all, and the new table holds its rules: one live link per registrant, a revoked
// link always says why, a token hash never twice, and links go with their registrant.
import { describe, expect, it } from 'vitest';
import { migrationDb } from '../support/migration-db';

describe('migration 0130', () => {
  it('carries 0120 data through and holds invitations to their rules', () => {
    const { db, run } = migrationDb();
    run(120);
    const at = '2026-12-01T00:00:00.000Z';
    db.prepare(
      `INSERT INTO registrants (id, family_name, given_name, family_name_kana, given_name_kana, status, created_at, updated_at)
       VALUES ('r1', '山田', '太郎', 'ヤマダ', 'タロウ', 'pending', ?, ?)`,
    ).run(at, at);
    db.prepare("INSERT INTO submissions (id, registrant_id, source, state, review_required, created_at, has_number) VALUES ('s1', 'r1', 'proxy', 'pending', 1, ?, 0)").run(at);
    db.prepare("INSERT INTO settings (key, value) VALUES ('security', '{\"idleLockMinutes\":10}')").run();
    const before = JSON.stringify([db.prepare('SELECT * FROM registrants').all(), db.prepare('SELECT * FROM submissions').all(), db.prepare('SELECT * FROM settings').all()]);

    expect(run(130).to).toBe(130);
    expect(JSON.stringify([db.prepare('SELECT * FROM registrants').all(), db.prepare('SELECT * FROM submissions').all(), db.prepare('SELECT * FROM settings').all()])).toBe(before);

    const insert = db.prepare('INSERT INTO invitations (id, registrant_id, token_hash, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)');
    insert.run('i1', 'r1', 'h1', at, at);
    expect(() => insert.run('i2', 'r1', 'h2', at, at)).toThrow(/UNIQUE/); // one live link
    expect(() => db.prepare("UPDATE invitations SET revoked_at = ? WHERE id = 'i1'").run(at)).toThrow(/CHECK/); // revoked says why
    expect(() => db.prepare("UPDATE invitations SET revoked_at = ?, revoked_reason = 'whim' WHERE id = 'i1'").run(at)).toThrow(/CHECK/);
    db.prepare("UPDATE invitations SET revoked_at = ?, revoked_reason = 'replaced' WHERE id = 'i1'").run(at);
    insert.run('i2', 'r1', 'h2', at, at);
    expect(() => insert.run('i3', 'r1', 'h2', at, at)).toThrow(/UNIQUE/); // a token hash once
    expect(() => insert.run('i4', 'nobody', 'h4', at, at)).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM registrants WHERE id = 'r1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM invitations').get()).toEqual({ n: 0 });
    db.close();
  });
});
