// Migration 0190: a database at 0170 with registrants, their attributes (a built-in one and one
// an admin added) and numbers keeps every row as it was; every attribute that exists gets its
// retention rule (7 years from the January after leaving, 2 years from the end date for
// 第3号被保険者); the disposal record starts empty and takes no change or deletion.
import { describe, expect, it } from 'vitest';
import { migrationDb } from '../support/migration-db';

describe('migration 0190', () => {
  it("carries 0170's registrants through and gives every attribute its retention rule", () => {
    const { db, run } = migrationDb();
    run(170);
    const at = '2026-12-01T00:00:00.000Z';
    db.prepare("INSERT INTO attributes (code, label, builtin, sort_order, created_at, updated_at) VALUES ('x_0a1b2c3d4e', 'アルバイト', 0, 70, ?, ?)").run(at, at);
    db.prepare(
      `INSERT INTO registrants (id, employee_code, family_name, given_name, family_name_kana, given_name_kana, leave_date, status, created_at, updated_at)
       VALUES ('r1', 'E001', '山田', '太郎', 'ヤマダ', 'タロウ', '2025-03-31', 'completed', ?, ?)`,
    ).run(at, at);
    db.prepare("INSERT INTO registrant_attributes (registrant_id, code) VALUES ('r1', 'employee'), ('r1', 'x_0a1b2c3d4e')").run();
    db.prepare("INSERT INTO my_numbers (subject_type, subject_id, sealed, blind_index, set_at) VALUES ('registrant', 'r1', x'0102', 'bi-1', ?)").run(at);
    const tables = ['registrants', 'registrant_attributes', 'my_numbers', 'attributes'];
    const before = tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all());

    expect(run(190).to).toBe(190);
    tables.forEach((t, i) => expect(db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()).toEqual(before[i]));
    expect(db.prepare('SELECT attribute_code, years, basis FROM retention_rules ORDER BY attribute_code').all()).toEqual([
      { attribute_code: 'category3_insured', years: 2, basis: 'end_date' },
      { attribute_code: 'employee', years: 7, basis: 'year_after' },
      { attribute_code: 'other', years: 7, basis: 'year_after' },
      { attribute_code: 'professional', years: 7, basis: 'year_after' },
      { attribute_code: 'real_estate_owner', years: 7, basis: 'year_after' },
      { attribute_code: 'shareholder', years: 7, basis: 'year_after' },
      { attribute_code: 'x_0a1b2c3d4e', years: 7, basis: 'year_after' },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM disposal_records').get()).toEqual({ n: 0 });

    expect(() => db.prepare("INSERT INTO retention_rules (attribute_code, years, basis, updated_at) VALUES ('nobody', 7, 'year_after', ?)").run(at)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE retention_rules SET basis = 'forever'").run()).toThrow(/CHECK/);
    db.prepare(
      `INSERT INTO disposal_records (id, batch_id, disposed_at, actor_label, subject_type, subject_id, employee_code, subject_name, scope, items, reason)
       VALUES ('d1', 'b1', ?, '管理 太郎（admin）', 'registrant', 'r1', 'E001', '山田 太郎', 'whole_record', '{"record":1}', '保存期間の経過')`,
    ).run(at);
    expect(() => db.prepare("UPDATE disposal_records SET reason = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM disposal_records').run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO disposal_records (id, batch_id, disposed_at, actor_label, subject_type, subject_id, subject_name, scope, items, reason) VALUES ('d2', 'b1', ?, 'a', 'registrant', 'r2', 'x', 'everything', '{}', 'r')").run(at)).toThrow(/CHECK/);
    db.close();
  });
});
