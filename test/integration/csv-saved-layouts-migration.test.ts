// Migration 0200: a database at 0170 with registrants, users and their audit keeps every row
// as it was, and gains the empty tables of saved column mappings and export presets, which
// take only the layouts, date styles, encodings and line endings they allow.
import { describe, expect, it } from 'vitest';
import { migrationDb } from '../support/migration-db';

describe('migration 0200', () => {
  it("carries 0170's rows through and adds the saved layouts' tables, empty", () => {
    const { db, run } = migrationDb();
    run(170);
    const at = '2026-12-01T00:00:00.000Z';
    db.prepare(
      `INSERT INTO registrants (id, employee_code, family_name, given_name, family_name_kana, given_name_kana, status, created_at, updated_at)
       VALUES ('r1', 'E001', '髙橋', '一郎', 'タカハシ', 'イチロウ', 'unregistered', ?, ?)`,
    ).run(at, at);
    const before = db.prepare('SELECT * FROM registrants').all();

    expect(run(200).to).toBe(200);
    expect(db.prepare('SELECT * FROM registrants').all()).toEqual(before);
    expect(db.prepare('SELECT count(*) AS n FROM csv_mappings').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM csv_presets').get()).toEqual({ n: 0 });

    db.prepare(`INSERT INTO csv_mappings (id, name, columns_json, created_at, updated_at) VALUES ('m1', '人事システムA', '{"従業員CD":"employeeCode"}', ?, ?)`).run(at, at);
    db.prepare(`INSERT INTO csv_presets (id, name, columns_json, date_style, encoding, line_ending, created_at, updated_at) VALUES ('p1', '給与', '[{"field":"employeeCode","header":"CD"}]', 'wareki', 'cp932', 'crlf', ?, ?)`).run(at, at);
    expect(db.prepare('SELECT name, json_extract(columns_json, \'$.従業員CD\') AS field FROM csv_mappings').get()).toEqual({ name: '人事システムA', field: 'employeeCode' });
    expect(() => db.prepare(`INSERT INTO csv_mappings (id, name, columns_json, created_at, updated_at) VALUES ('m2', '人事システムA', '{}', ?, ?)`).run(at, at)).toThrow(/UNIQUE/);
    expect(() => db.prepare(`INSERT INTO csv_mappings (id, name, columns_json, created_at, updated_at) VALUES ('m3', 'x', '[1]', ?, ?)`).run(at, at)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE csv_presets SET date_style = 'heisei'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE csv_presets SET encoding = 'utf16'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE csv_presets SET line_ending = 'cr'").run()).toThrow(/CHECK/);
    db.close();
  });
});
