// Reading and writing dependents (扶養親族): the SQL of the dependents module. A row never
// carries a number, only whether one is held.
import { randomUUID } from 'node:crypto';
import type { DependentRow, Relationship } from '../../../../src-shared/contract';
import type { Db } from '../../platform/db/open';

export interface DependentFields {
  relationship: Relationship;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  birthDate?: string | undefined;
  taxDependent?: boolean | undefined;
  category3?: boolean | undefined;
}

interface Row {
  id: string;
  registrant_id: string;
  relationship: Relationship;
  family_name: string;
  given_name: string;
  family_name_kana: string;
  given_name_kana: string;
  birth_date: string | null;
  tax_dependent: number;
  category3: number;
  has_my_number: number;
  created_at: string;
  updated_at: string;
}

const SELECT = `
  SELECT d.*, EXISTS (SELECT 1 FROM my_numbers m WHERE m.subject_type = 'dependent' AND m.subject_id = d.id) AS has_my_number
  FROM dependents d`;

function toRow(r: Row): DependentRow {
  return {
    id: r.id,
    registrantId: r.registrant_id,
    relationship: r.relationship,
    familyName: r.family_name,
    givenName: r.given_name,
    familyNameKana: r.family_name_kana,
    givenNameKana: r.given_name_kana,
    birthDate: r.birth_date,
    taxDependent: r.tax_dependent === 1,
    category3: r.category3 === 1,
    hasMyNumber: r.has_my_number === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The dependent columns from relationship to category3; absent is NULL (or 0 for a flag). */
function columnValues(f: DependentFields): (string | number | null)[] {
  return [f.relationship, f.familyName, f.givenName, f.familyNameKana, f.givenNameKana, f.birthDate ?? null, f.taxDependent ? 1 : 0, f.category3 ? 1 : 0];
}

export function createDependentRepository(db: Db) {
  const byId = db.prepare<[string], Row>(`${SELECT} WHERE d.id = ?`);
  const byRegistrant = db.prepare<[string], Row>(`${SELECT} WHERE d.registrant_id = ? ORDER BY d.rowid`);
  const idsByRegistrant = db.prepare<[string], { id: string }>('SELECT id FROM dependents WHERE registrant_id = ? ORDER BY rowid');
  const insert = db.prepare(
    `INSERT INTO dependents (id, registrant_id, relationship, family_name, given_name, family_name_kana, given_name_kana,
       birth_date, tax_dependent, category3, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = db.prepare(
    `UPDATE dependents SET relationship = ?, family_name = ?, given_name = ?, family_name_kana = ?, given_name_kana = ?,
       birth_date = ?, tax_dependent = ?, category3 = ?, updated_at = ? WHERE id = ?`,
  );
  return {
    findById(id: string): DependentRow | null {
      const row = byId.get(id);
      return row ? toRow(row) : null;
    },
    listByRegistrant(registrantId: string): DependentRow[] {
      return byRegistrant.all(registrantId).map(toRow);
    },
    /** The ids of a registrant's dependents (for the audit trail's filter). */
    idsOfRegistrant(registrantId: string): string[] {
      return idsByRegistrant.all(registrantId).map((r) => r.id);
    },
    insert(registrantId: string, fields: DependentFields, now: Date): string {
      const id = randomUUID();
      const at = now.toISOString();
      insert.run(id, registrantId, ...columnValues(fields), at, at);
      return id;
    },
    update(id: string, fields: DependentFields, now: Date): void {
      update.run(...columnValues(fields), now.toISOString(), id);
    },
  };
}

export type DependentRepository = ReturnType<typeof createDependentRepository>;
