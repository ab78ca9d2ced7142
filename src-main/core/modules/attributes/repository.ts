// Reading and writing attributes (属性): the SQL of the attributes module.
import type { AttributeCode } from '../../../../src-shared/domain';
import type { Db } from '../../platform/db/open';

export interface AttributeRecord {
  code: AttributeCode;
  label: string;
  builtin: boolean;
  retired: boolean;
  sortOrder: number;
  inUse: number;
}

interface Row {
  code: AttributeCode;
  label: string;
  builtin: number;
  retired: number;
  sort_order: number;
  in_use: number;
}

const toRecord = (r: Row): AttributeRecord => ({
  code: r.code,
  label: r.label,
  builtin: r.builtin === 1,
  retired: r.retired === 1,
  sortOrder: r.sort_order,
  inUse: r.in_use,
});

const SELECT = `SELECT a.*, (SELECT count(*) FROM registrant_attributes ra WHERE ra.code = a.code) AS in_use FROM attributes a`;

export function createAttributeRepository(db: Db) {
  const byCode = db.prepare<[string], Row>(`${SELECT} WHERE a.code = ?`);
  const state = db.prepare<[string], { retired: number }>('SELECT retired FROM attributes WHERE code = ?');
  return {
    list(): AttributeRecord[] {
      return db.prepare<[], Row>(`${SELECT} ORDER BY a.sort_order, a.code`).all().map(toRecord);
    },
    find(code: string): AttributeRecord | null {
      const row = byCode.get(code);
      return row ? toRecord(row) : null;
    },
    /** 'unknown', 'retired' or 'usable', without counting its rows. */
    stateOf(code: string): 'unknown' | 'retired' | 'usable' {
      const row = state.get(code);
      return !row ? 'unknown' : row.retired === 1 ? 'retired' : 'usable';
    },
    codeByLabel(label: string): string | null {
      return db.prepare<[string], { code: string }>('SELECT code FROM attributes WHERE label = ?').get(label)?.code ?? null;
    },
    insert(code: string, label: string, now: Date): void {
      const at = now.toISOString();
      const next = (db.prepare('SELECT coalesce(max(sort_order), 0) + 10 AS n FROM attributes').get() as { n: number }).n;
      db.prepare('INSERT INTO attributes (code, label, builtin, sort_order, created_at, updated_at) VALUES (?, ?, 0, ?, ?, ?)').run(code, label, next, at, at);
    },
    update(code: string, changes: { label?: string | undefined; sortOrder?: number | undefined; retired?: boolean | undefined }, now: Date): void {
      db.prepare(
        'UPDATE attributes SET label = coalesce(?, label), sort_order = coalesce(?, sort_order), retired = coalesce(?, retired), updated_at = ? WHERE code = ?',
      ).run(changes.label ?? null, changes.sortOrder ?? null, changes.retired === undefined ? null : changes.retired ? 1 : 0, now.toISOString(), code);
    },
  };
}

export type AttributeRepository = ReturnType<typeof createAttributeRepository>;
