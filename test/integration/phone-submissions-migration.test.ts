// Migration 0170: a database at 0150 with submissions, their dependents and uploaded documents
// keeps every row as it was; the new columns start empty (no document set, no cross-check, no
// form id, nobody attached), and take only the values they allow.
import { describe, expect, it } from 'vitest';
import { migrationDb } from '../support/migration-db';

describe('migration 0170', () => {
  it("carries 0150's submissions and documents through, with the new columns empty", () => {
    const { db, run } = migrationDb();
    run(150);
    const at = '2026-12-01T00:00:00.000Z';
    db.prepare(
      `INSERT INTO registrants (id, family_name, given_name, family_name_kana, given_name_kana, status, created_at, updated_at)
       VALUES ('r1', '山田', '太郎', 'ヤマダ', 'タロウ', 'pending', ?, ?)`,
    ).run(at, at);
    db.prepare("INSERT INTO submissions (id, registrant_id, source, state, review_required, created_at, has_number) VALUES ('s1', 'r1', 'proxy', 'pending', 1, ?, 0)").run(at);
    db.prepare(
      `INSERT INTO submission_dependents (submission_id, position, relationship, family_name, given_name, family_name_kana, given_name_kana, tax_dependent, category3, has_number)
       VALUES ('s1', 0, 'child', '山田', '花', 'ヤマダ', 'ハナ', 1, 0, 0)`,
    ).run();
    db.prepare("INSERT INTO documents (id, registrant_id, subject, kind, sealed_image, sealed_thumbnail, created_at, submission_id) VALUES ('d1', 'r1', 'self', 'card_front', x'01', x'02', ?, 's1')").run(at);
    const tables = ['submissions', 'submission_dependents', 'documents'];
    const before = tables.map((t) => db.prepare(`SELECT * FROM ${t}`).all());

    expect(run(170).to).toBe(170);
    tables.forEach((t, i) => {
      const after = db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[];
      expect(after.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => k in (before[i] as Record<string, unknown>[])[0]!)))).toEqual(before[i]);
    });
    expect(db.prepare('SELECT document_set, cross_check FROM submissions').get()).toEqual({ document_set: null, cross_check: null });
    expect(db.prepare('SELECT temp_id, document_set, cross_check FROM submission_dependents').get()).toEqual({ temp_id: null, document_set: null, cross_check: null });
    expect(db.prepare('SELECT attached_by FROM documents').get()).toEqual({ attached_by: null });

    db.prepare("UPDATE submissions SET document_set = 'card', cross_check = 'match'").run();
    expect(() => db.prepare("UPDATE submissions SET cross_check = '123456789012'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE submission_dependents SET document_set = 'passport'").run()).toThrow(/CHECK/);
    db.close();
  });
});
