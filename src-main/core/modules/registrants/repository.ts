// Reading and writing registrants (the people whose numbers are kept): the SQL of the
// registrants module. A row never carries a number: only whether one is held.
import { randomUUID } from 'node:crypto';
import type { RegistrantRow } from '../../../../src-shared/contract';
import { REGISTRANT_STATUSES, type AttributeCode, type RegistrantStatus } from '../../../../src-shared/domain';
import type { REGISTRANT_SORT_KEYS } from '../../../../src-shared/domain';
import { toKatakana } from '../../../../src-shared/text';
import type { Db } from '../../platform/db/open';

export interface RegistrantFields {
  employeeCode?: string | undefined;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  email?: string | undefined;
  birthDate?: string | undefined;
  attributes: AttributeCode[];
}

export interface RegistrantQuery {
  filter?: { text?: string | undefined; status?: RegistrantStatus | undefined; attribute?: AttributeCode | undefined } | undefined;
  sort?: { by: (typeof REGISTRANT_SORT_KEYS)[number]; dir: 'asc' | 'desc' } | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

interface Row {
  id: string;
  employee_code: string | null;
  family_name: string;
  given_name: string;
  family_name_kana: string;
  given_name_kana: string;
  email: string | null;
  birth_date: string | null;
  status: RegistrantStatus;
  attributes: string | null;
  has_my_number: number;
  created_at: string;
  updated_at: string;
}

const SELECT = `
  SELECT r.*,
    (SELECT group_concat(code, ',') FROM registrant_attributes a WHERE a.registrant_id = r.id) AS attributes,
    EXISTS (SELECT 1 FROM my_numbers m WHERE m.subject_type = 'registrant' AND m.subject_id = r.id) AS has_my_number
  FROM registrants r`;

const STATUS_ORDER = `CASE r.status ${REGISTRANT_STATUSES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END`;

const ORDER_BY: Record<(typeof REGISTRANT_SORT_KEYS)[number], string> = {
  kana: 'r.family_name_kana {dir}, r.given_name_kana {dir}',
  employeeCode: 'r.employee_code IS NULL, r.employee_code {dir}',
  status: `${STATUS_ORDER} {dir}, r.family_name_kana, r.given_name_kana`,
  updatedAt: 'r.updated_at {dir}',
};

function toRow(r: Row): RegistrantRow {
  return {
    id: r.id,
    employeeCode: r.employee_code,
    familyName: r.family_name,
    givenName: r.given_name,
    familyNameKana: r.family_name_kana,
    givenNameKana: r.given_name_kana,
    email: r.email,
    birthDate: r.birth_date,
    status: r.status,
    attributes: (r.attributes ? r.attributes.split(',').sort() : []) as AttributeCode[],
    hasMyNumber: r.has_my_number === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The registrant columns in table order, from employee_code to birth_date; absent is NULL. */
function columnValues(f: RegistrantFields): (string | null)[] {
  return [f.employeeCode ?? null, f.familyName, f.givenName, f.familyNameKana, f.givenNameKana, f.email ?? null, f.birthDate ?? null];
}

/** `%` and `_` typed by a person are literal characters, not wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Each word must match a name (kanji or kana, family+given), the employee code or the e-mail. */
function textConditions(text: string, params: unknown[]): string[] {
  return text
    .normalize('NFKC')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 5)
    .map((word) => {
      params.push(likePattern(word), likePattern(toKatakana(word)), likePattern(word), likePattern(word));
      return `(r.family_name || r.given_name LIKE ? ESCAPE '\\'
        OR r.family_name_kana || r.given_name_kana LIKE ? ESCAPE '\\'
        OR r.employee_code LIKE ? ESCAPE '\\'
        OR r.email LIKE ? ESCAPE '\\')`;
    });
}

export function createRegistrantRepository(db: Db) {
  const byId = db.prepare<[string], Row>(`${SELECT} WHERE r.id = ?`);
  const insertAttribute = db.prepare('INSERT INTO registrant_attributes (registrant_id, code) VALUES (?, ?)');

  function writeAttributes(id: string, codes: readonly AttributeCode[]) {
    db.prepare('DELETE FROM registrant_attributes WHERE registrant_id = ?').run(id);
    for (const code of new Set(codes)) insertAttribute.run(id, code);
  }

  return {
    findById(id: string): RegistrantRow | null {
      const row = byId.get(id);
      return row ? toRow(row) : null;
    },
    /** The registrant holding this employee code, if any (codes are unique). */
    idByEmployeeCode(code: string): string | null {
      const row = db.prepare<[string], { id: string }>('SELECT id FROM registrants WHERE employee_code = ?').get(code);
      return row?.id ?? null;
    },
    insert(fields: RegistrantFields, now: Date): string {
      const id = randomUUID();
      const at = now.toISOString();
      db.prepare(
        `INSERT INTO registrants (id, employee_code, family_name, given_name, family_name_kana, given_name_kana,
           email, birth_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, ...columnValues(fields), at, at);
      writeAttributes(id, fields.attributes);
      return id;
    },
    update(id: string, fields: RegistrantFields, now: Date): void {
      db.prepare(
        `UPDATE registrants SET employee_code = ?, family_name = ?, given_name = ?, family_name_kana = ?,
           given_name_kana = ?, email = ?, birth_date = ?, updated_at = ? WHERE id = ?`,
      ).run(...columnValues(fields), now.toISOString(), id);
      writeAttributes(id, fields.attributes);
    },
    /** Counts for the dashboard: no person in them, so reading them is not audited. */
    summary(): { total: number; byStatus: Record<RegistrantStatus, number>; withMyNumber: number } {
      const byStatus = Object.fromEntries(REGISTRANT_STATUSES.map((s) => [s, 0])) as Record<RegistrantStatus, number>;
      const counted = db.prepare<[], { status: RegistrantStatus; n: number }>('SELECT status, count(*) AS n FROM registrants GROUP BY status').all();
      for (const { status, n } of counted) byStatus[status] = n;
      const withMyNumber = (
        db.prepare("SELECT count(*) AS n FROM registrants r WHERE EXISTS (SELECT 1 FROM my_numbers m WHERE m.subject_type = 'registrant' AND m.subject_id = r.id)").get() as { n: number }
      ).n;
      return { total: counted.reduce((sum, c) => sum + c.n, 0), byStatus, withMyNumber };
    },
    setStatus(id: string, status: RegistrantStatus, now: Date): void {
      db.prepare('UPDATE registrants SET status = ?, updated_at = ? WHERE id = ?').run(status, now.toISOString(), id);
    },
    list(query: RegistrantQuery): { rows: RegistrantRow[]; total: number } {
      const where: string[] = [];
      const params: unknown[] = [];
      const { text, status, attribute } = query.filter ?? {};
      if (text) where.push(...textConditions(text, params));
      if (status) {
        where.push('r.status = ?');
        params.push(status);
      }
      if (attribute) {
        where.push('EXISTS (SELECT 1 FROM registrant_attributes a WHERE a.registrant_id = r.id AND a.code = ?)');
        params.push(attribute);
      }
      const whereSql = where.length ? ` WHERE ${where.join(' AND ')}` : '';
      const sort = query.sort ?? { by: 'kana', dir: 'asc' };
      const orderSql = ORDER_BY[sort.by].replaceAll('{dir}', sort.dir === 'desc' ? 'DESC' : 'ASC');
      const total = (db.prepare(`SELECT count(*) AS n FROM registrants r${whereSql}`).get(...params) as { n: number }).n;
      const rows = db
        .prepare<unknown[], Row>(`${SELECT}${whereSql} ORDER BY ${orderSql}, r.id LIMIT ? OFFSET ?`)
        .all(...params, query.limit ?? 50, query.offset ?? 0)
        .map(toRow);
      return { rows, total };
    },
  };
}

export type RegistrantRepository = ReturnType<typeof createRegistrantRepository>;
