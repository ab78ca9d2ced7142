// Reading and writing registrants (the people whose numbers are kept): the SQL of the
// registrants module. A row never carries a number: only whether one is held. Every write of a
// row writes its search doc in the same statement and its pieces (registrant_grams) in the
// same transaction, so the search index never holds a stale row (migration 0050).
import { randomUUID } from 'node:crypto';
import type { RegistrantRow } from '../../../../src-shared/contract';
import type { AttributeCode, RegistrantSortKey, RegistrantStatus } from '../../../../src-shared/domain';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../../platform/db/open';
import { scopeCondition, type RegistrantScope, type SqlCondition } from './scope';
import { SEARCH_VERSION, searchEntry, searchQuery } from './search';

export interface RegistrantFields {
  employeeCode?: string | undefined;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  email?: string | undefined;
  birthDate?: string | undefined;
  phone?: string | undefined;
  postalCode?: string | undefined;
  address?: string | undefined;
  hireDate?: string | undefined;
  leaveDate?: string | undefined;
  groupId?: string | undefined;
  notes?: string | undefined;
  attributes: AttributeCode[];
}

/** How a new row starts when it is not a plain 未登録 one (the CSV import). */
export interface NewRowState {
  id?: string;
  status?: RegistrantStatus;
  hasMyNumber?: boolean;
}

export interface RegistrantFilter {
  text?: string | undefined;
  status?: RegistrantStatus | undefined;
  /** null: in no group. */
  groupId?: string | null | undefined;
  attribute?: AttributeCode | undefined;
  hasMyNumber?: boolean | undefined;
  leaveDate?: { from?: string | undefined; to?: string | undefined } | undefined;
}

export interface RegistrantQuery {
  filter?: RegistrantFilter | undefined;
  sort?: { by: RegistrantSortKey; dir: 'asc' | 'desc' } | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

/**
 * A row as SELECT reads it, in raw mode: its values in column order, not an object per row.
 * better-sqlite3 builds a row object property by property; reading the values and building
 * each RegistrantRow once, in toRow, costs about half as much for a page of 50.
 */
type Row = [
  seq: number,
  id: string,
  employee_code: string | null,
  family_name: string,
  given_name: string,
  family_name_kana: string,
  given_name_kana: string,
  email: string | null,
  birth_date: string | null,
  phone: string | null,
  postal_code: string | null,
  address: string | null,
  hire_date: string | null,
  leave_date: string | null,
  group_id: string | null,
  notes: string | null,
  status: RegistrantStatus,
  has_my_number: number,
  created_at: string,
  updated_at: string,
  attributes: string | null,
];

/** The columns a row is read with, in Row's order (not search_doc, which is the index's). */
const SELECT = `
  SELECT r.seq, r.id, r.employee_code, r.family_name, r.given_name, r.family_name_kana, r.given_name_kana, r.email,
    r.birth_date, r.phone, r.postal_code, r.address, r.hire_date, r.leave_date, r.group_id, r.notes, r.status,
    r.has_my_number, r.created_at, r.updated_at,
    (SELECT group_concat(code, ',') FROM registrant_attributes a WHERE a.registrant_id = r.id) AS attributes
  FROM registrants r`;

/** A list's page when the caller names no limit. */
const PAGE_SIZE = 50;

const KANA = 'r.family_name_kana {dir}, r.given_name_kana {dir}, r.seq {dir}';

/**
 * Each order as the indexes of migration 0040 hold it (the expressions must stay exactly
 * those of the indexes), seq last so that pages never overlap. A value some rows lack comes
 * last in either direction; within a status the names stay in gojūon order.
 */
const ORDER_BY: Record<RegistrantSortKey, { asc: string; desc: string }> = {
  kana: { asc: KANA.replaceAll('{dir}', 'ASC'), desc: KANA.replaceAll('{dir}', 'DESC') },
  employeeCode: { asc: "coalesce(r.employee_code, '~') ASC, r.seq ASC", desc: "coalesce(r.employee_code, '') DESC, r.seq DESC" },
  status: {
    asc: 'r.status_rank ASC, r.family_name_kana ASC, r.given_name_kana ASC, r.seq ASC',
    desc: 'r.status_rank DESC, r.family_name_kana ASC, r.given_name_kana ASC, r.seq ASC',
  },
  hireDate: { asc: "coalesce(r.hire_date, '~') ASC, r.seq ASC", desc: "coalesce(r.hire_date, '') DESC, r.seq DESC" },
  leaveDate: { asc: "coalesce(r.leave_date, '~') ASC, r.seq ASC", desc: "coalesce(r.leave_date, '') DESC, r.seq DESC" },
  updatedAt: { asc: 'r.updated_at ASC, r.seq ASC', desc: 'r.updated_at DESC, r.seq DESC' },
};

function toRow(r: Row): RegistrantRow {
  return {
    id: r[1],
    employeeCode: r[2],
    familyName: r[3],
    givenName: r[4],
    familyNameKana: r[5],
    givenNameKana: r[6],
    email: r[7],
    birthDate: r[8],
    phone: r[9],
    postalCode: r[10],
    address: r[11],
    hireDate: r[12],
    leaveDate: r[13],
    groupId: r[14],
    notes: r[15],
    status: r[16],
    attributes: (r[20] ? r[20].split(',').sort() : []) as AttributeCode[],
    hasMyNumber: r[17] === 1,
    createdAt: r[18],
    updatedAt: r[19],
  };
}

/** The stored columns in table order, employee_code … notes, then search_doc; absent is NULL. */
function columnValues(f: RegistrantFields, doc: string): (string | null)[] {
  return [
    f.employeeCode ?? null,
    f.familyName,
    f.givenName,
    f.familyNameKana,
    f.givenNameKana,
    f.email ?? null,
    f.birthDate ?? null,
    f.phone ?? null,
    f.postalCode ?? null,
    f.address ?? null,
    f.hireDate ?? null,
    f.leaveDate ?? null,
    f.groupId ?? null,
    f.notes ?? null,
    doc,
  ];
}

const COLUMNS = [
  'employee_code',
  'family_name',
  'given_name',
  'family_name_kana',
  'given_name_kana',
  'email',
  'birth_date',
  'phone',
  'postal_code',
  'address',
  'hire_date',
  'leave_date',
  'group_id',
  'notes',
  'search_doc',
];

interface Where {
  conditions: string[];
  params: unknown[];
  /** Only the text: the total can be counted in the search index alone. */
  textOnly: boolean;
  search: ReturnType<typeof searchQuery>;
}

function whereOf(filter: RegistrantFilter, scope: RegistrantScope): Where {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (c: SqlCondition | string, ...p: unknown[]) => {
    if (typeof c === 'string') {
      conditions.push(c);
      params.push(...p);
    } else {
      conditions.push(c.sql);
      params.push(...c.params);
    }
  };
  // Text that normalizes to nothing (only spaces or control characters) filters nothing.
  const search = filter.text ? searchQuery(filter.text) : null;
  if (search?.trigram) add('r.seq IN (SELECT rowid FROM registrant_fts WHERE registrant_fts MATCH ?)', search.trigram);
  if (search?.grams) add('r.seq IN (SELECT rowid FROM registrant_grams WHERE registrant_grams MATCH ?)', search.grams);
  const textConditions = conditions.length;
  if (scope.kind !== 'all') add(scopeCondition(scope));
  if (filter.status) add('r.status = ?', filter.status);
  if (filter.groupId === null) add('r.group_id IS NULL');
  else if (filter.groupId !== undefined) add('r.group_id = ?', filter.groupId);
  if (filter.attribute) add('r.id IN (SELECT registrant_id FROM registrant_attributes WHERE code = ?)', filter.attribute);
  if (filter.hasMyNumber !== undefined) add('r.has_my_number = ?', filter.hasMyNumber ? 1 : 0);
  if (filter.leaveDate) {
    // The expression of the leave-date index; a row without a leave date ('~') is never in range.
    add("coalesce(r.leave_date, '~') BETWEEN ? AND ?", filter.leaveDate.from ?? '0000-00-00', filter.leaveDate.to ?? '9999-12-31');
  }
  return { conditions, params, textOnly: textConditions > 0 && conditions.length === textConditions, search };
}

function listSql(query: RegistrantQuery, scope: RegistrantScope) {
  const where = whereOf(query.filter ?? {}, scope);
  const whereSql = where.conditions.length ? ` WHERE ${where.conditions.join(' AND ')}` : '';
  const sort = query.sort ?? { by: 'kana', dir: 'asc' };
  return { where, whereSql, orderSql: ORDER_BY[sort.by][sort.dir] };
}

export function createRegistrantRepository(db: Db) {
  const byId = db.prepare<[string], Row>(`${SELECT} WHERE r.id = ?`).raw(true);
  const insertAttribute = db.prepare('INSERT INTO registrant_attributes (registrant_id, code) VALUES (?, ?)');
  const deleteAttributes = db.prepare('DELETE FROM registrant_attributes WHERE registrant_id = ?');
  const insertRow = db.prepare(
    `INSERT INTO registrants (id, ${COLUMNS.join(', ')}, status, has_my_number, created_at, updated_at) VALUES (?, ${COLUMNS.map(() => '?').join(', ')}, ?, ?, ?, ?) RETURNING seq`,
  );
  const updateRow = db.prepare(`UPDATE registrants SET ${COLUMNS.map((c) => `${c} = ?`).join(', ')}, updated_at = ? WHERE id = ? RETURNING seq`);
  const deleteGrams = db.prepare('DELETE FROM registrant_grams WHERE rowid = ?');
  const idByCode = db.prepare<[string], { id: string }>('SELECT id FROM registrants WHERE employee_code = ?');
  const byCodes = db.prepare<[string], Row>(`${SELECT} WHERE r.employee_code IN (SELECT value FROM json_each(?))`).raw(true);
  const insertGrams = db.prepare('INSERT INTO registrant_grams (rowid, grams) VALUES (?, ?)');
  // Many new rows in one statement each, from a JSON array: one statement writes every row of a
  // batch into the trigram index, where a statement per row would have SQLite flush the
  // index's pending terms at every statement (FTS5 does at each statement's savepoint).
  const insertRows = db.prepare(
    `INSERT INTO registrants (id, ${COLUMNS.join(', ')}, status, has_my_number, created_at, updated_at)
     SELECT value->>0, ${COLUMNS.map((_, i) => `value->>${i + 1}`).join(', ')}, value->>${COLUMNS.length + 1}, value->>${COLUMNS.length + 2}, ?, ? FROM json_each(?)`,
  );
  const insertManyGrams = db.prepare(
    'INSERT INTO registrant_grams (rowid, grams) SELECT r.seq, j.value->>1 FROM json_each(?) j JOIN registrants r ON r.id = j.value->>0',
  );
  const insertManyAttributes = db.prepare(
    "INSERT INTO registrant_attributes (registrant_id, code) SELECT DISTINCT j.value->>0, a.value FROM json_each(?) j, json_each(j.value, '$[1]') a",
  );
  // The list's statements differ only by which filters are set: few enough to keep prepared.
  const prepared = new Map<string, Database.Statement<unknown[]>>();
  const statement = (sql: string) => {
    let st = prepared.get(sql);
    if (!st) {
      if (prepared.size >= 200) prepared.clear();
      st = db.prepare<unknown[]>(sql);
      prepared.set(sql, st);
    }
    return st;
  };
  // Statements that read rows (SELECT …), in raw mode: their values as Row.
  const rowsStatement = (sql: string) => statement(sql).raw(true);

  function writeAttributes(id: string, codes: readonly AttributeCode[]) {
    deleteAttributes.run(id);
    for (const code of new Set(codes)) insertAttribute.run(id, code);
  }

  // A full page (the list's usual 50) is read by a statement prepared once; other sizes through `statement`.
  const fullPageRows = db.prepare(`${SELECT} WHERE r.seq IN (${Array.from({ length: PAGE_SIZE }, () => '?').join(', ')})`).raw(true);
  function rowsBySeq(seqs: number[]): RegistrantRow[] {
    if (seqs.length === 0) return [];
    const page = seqs.length === PAGE_SIZE ? fullPageRows : rowsStatement(`${SELECT} WHERE r.seq IN (${seqs.map(() => '?').join(', ')})`);
    const found = page.all(...seqs) as Row[];
    const bySeq = new Map(found.map((r) => [r[0], r]));
    return seqs.map((s) => toRow(bySeq.get(s)!));
  }

  return {
    findById(id: string): RegistrantRow | null {
      const row = byId.get(id);
      return row ? toRow(row) : null;
    },
    /** The registrant holding this employee code, if any (codes are unique). */
    idByEmployeeCode(code: string): string | null {
      return idByCode.get(code)?.id ?? null;
    },
    /** The registrants holding these employee codes, by code (one query, for a file's rows at once). */
    byEmployeeCodes(codes: readonly string[]): Map<string, RegistrantRow> {
      const found = new Map<string, RegistrantRow>();
      // In slices: json_each's argument is one string, kept well under SQLite's limits.
      for (let i = 0; i < codes.length; i += 20_000) {
        for (const row of byCodes.all(JSON.stringify(codes.slice(i, i + 20_000)))) found.set(row[2]!, toRow(row));
      }
      return found;
    },
    /**
     * Call inside a transaction: the row, its attributes and its search pieces go together.
     * `initial`: an id chosen beforehand, the status the status module has moved the new row
     * to (its move kept in the history by that module), and whether my_numbers holds its
     * number already (stored just before the row, in the same transaction: the trigger that
     * keeps has_my_number found no row to set then). By default a new id, 未登録, no number.
     */
    insert(fields: RegistrantFields, now: Date, initial: NewRowState = {}): string {
      const id = initial.id ?? randomUUID();
      const at = now.toISOString();
      const entry = searchEntry(fields);
      const { seq } = insertRow.get(id, ...columnValues(fields, entry.doc), initial.status ?? 'unregistered', initial.hasMyNumber ? 1 : 0, at, at) as {
        seq: number;
      };
      writeAttributes(id, fields.attributes);
      insertGrams.run(seq, entry.grams);
      return id;
    },
    /**
     * New rows, many at once (the CSV import's batches): each as `insert` writes it, with its
     * attributes and search pieces, in three statements for the whole batch. Call inside a transaction.
     */
    insertMany(rows: readonly (NewRowState & { id: string; fields: RegistrantFields })[], now: Date): void {
      if (rows.length === 0) return;
      const at = now.toISOString();
      const entries = rows.map((r) => searchEntry(r.fields));
      insertRows.run(at, at, JSON.stringify(rows.map((r, i) => [r.id, ...columnValues(r.fields, entries[i]!.doc), r.status ?? 'unregistered', r.hasMyNumber ? 1 : 0])));
      insertManyGrams.run(JSON.stringify(rows.map((r, i) => [r.id, entries[i]!.grams])));
      insertManyAttributes.run(JSON.stringify(rows.map((r) => [r.id, [...new Set(r.fields.attributes)]])));
    },
    /** Call inside a transaction. */
    update(id: string, fields: RegistrantFields, now: Date): void {
      const entry = searchEntry(fields);
      const { seq } = updateRow.get(...columnValues(fields, entry.doc), now.toISOString(), id) as { seq: number };
      writeAttributes(id, fields.attributes);
      deleteGrams.run(seq);
      insertGrams.run(seq, entry.grams);
    },

    /**
     * Counts for the dashboard, within the scope: by status, with a number, and per group
     * (null: in no group). No person in them.
     */
    summary(scope: RegistrantScope): { groupId: string | null; status: RegistrantStatus; n: number; withNumber: number }[] {
      const c = scopeCondition(scope);
      return db
        .prepare<unknown[], { group_id: string | null; status: RegistrantStatus; n: number; with_number: number }>(
          `SELECT r.group_id, r.status, count(*) AS n, sum(r.has_my_number) AS with_number
           FROM registrants r WHERE ${c.sql} GROUP BY r.group_id, r.status`,
        )
        .all(...c.params)
        .map((g) => ({ groupId: g.group_id, status: g.status, n: g.n, withNumber: g.with_number }));
    },

    /**
     * What the vault holds, for the handling report (every registrant, no scope): registrants
     * and those with a number per attribute and per group (null: in no group), and dependents.
     */
    heldCounts() {
      type Row = { key: string | null; n: number; with_number: number | null };
      const byAttribute = db
        .prepare<[], Row>(
          `SELECT a.code AS key, count(*) AS n, sum(r.has_my_number) AS with_number
           FROM registrant_attributes a JOIN registrants r ON r.id = a.registrant_id GROUP BY a.code ORDER BY a.code`,
        )
        .all();
      const byGroup = db.prepare<[], Row>('SELECT group_id AS key, count(*) AS n, sum(has_my_number) AS with_number FROM registrants GROUP BY group_id').all();
      const totals = db
        .prepare<[], { registrants: number; with_number: number | null; dependents: number; dependents_with_number: number }>(
          `SELECT (SELECT count(*) FROM registrants) AS registrants, (SELECT sum(has_my_number) FROM registrants) AS with_number,
                  (SELECT count(*) FROM dependents) AS dependents,
                  (SELECT count(*) FROM my_numbers WHERE subject_type = 'dependent') AS dependents_with_number`,
        )
        .get()!;
      const counts = (rows: Row[]) => rows.map((r) => ({ key: r.key, registrants: r.n, withNumber: r.with_number ?? 0 }));
      return {
        registrants: totals.registrants,
        withNumber: totals.with_number ?? 0,
        dependents: totals.dependents,
        dependentsWithNumber: totals.dependents_with_number,
        byAttribute: counts(byAttribute),
        byGroup: counts(byGroup),
      };
    },

    /** Registrants whose leave date (退職日) is before `today` (YYYY-MM-DD), within the scope. */
    countLeftBefore(scope: RegistrantScope, today: string): number {
      const c = scopeCondition(scope);
      return (
        db
          .prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM registrants r WHERE r.leave_date < ? AND ${c.sql}`)
          .get(today, ...c.params) as { n: number }
      ).n;
    },

    list(query: RegistrantQuery, scope: RegistrantScope): { rows: RegistrantRow[]; total: number } {
      const { where, whereSql, orderSql } = listSql(query, scope);
      // Every search-index row is a registrant's (kept exact), so a search alone is counted there.
      const total = where.textOnly
        ? (statement(
              where.search?.trigram && where.search.grams
                ? 'SELECT count(*) AS n FROM registrant_fts WHERE registrant_fts MATCH ? AND rowid IN (SELECT rowid FROM registrant_grams WHERE registrant_grams MATCH ?)'
                : where.search?.trigram
                  ? 'SELECT count(*) AS n FROM registrant_fts WHERE registrant_fts MATCH ?'
                  : 'SELECT count(*) AS n FROM registrant_grams WHERE registrant_grams MATCH ?',
            )
            .get(...where.params) as { n: number }).n
        : (statement(`SELECT count(*) AS n FROM registrants r${whereSql}`).get(...where.params) as { n: number }).n;
      // The page's keys first, in order; then those rows with their attributes and number flag.
      // Plucked: the keys as plain numbers, not an object each.
      const seqs = statement(`SELECT r.seq FROM registrants r${whereSql} ORDER BY ${orderSql} LIMIT ? OFFSET ?`)
        .pluck(true)
        .all(...where.params, query.limit ?? PAGE_SIZE, query.offset ?? 0) as number[];
      return { rows: rowsBySeq(seqs), total };
    },

    /** Every row the filter and the scope let through, by employee code (rows without one last): for an export. */
    all(filter: RegistrantFilter, scope: RegistrantScope): RegistrantRow[] {
      const where = whereOf(filter, scope);
      const whereSql = where.conditions.length ? ` WHERE ${where.conditions.join(' AND ')}` : '';
      return (rowsStatement(`${SELECT}${whereSql} ORDER BY coalesce(r.employee_code, '~'), r.seq`).all(...where.params) as Row[]).map(toRow);
    },

    /**
     * Every registrant the filter finds within the scope, of these statuses only when given, in
     * the list's default order (gojūon), at most `limit`; and how many the filter finds in all
     * (any status). For work on a whole filter at once (collection e-mails, QR sheets).
     */
    matching(filter: RegistrantFilter, scope: RegistrantScope, options: { statuses?: readonly RegistrantStatus[]; limit: number }): { rows: RegistrantRow[]; found: number } {
      const where = whereOf(filter, scope);
      const whereSql = where.conditions.length ? ` WHERE ${where.conditions.join(' AND ')}` : '';
      const found = (statement(`SELECT count(*) AS n FROM registrants r${whereSql}`).get(...where.params) as { n: number }).n;
      const statuses = options.statuses ?? [];
      const statusSql = statuses.length ? `${whereSql ? ' AND' : ' WHERE'} r.status IN (${statuses.map(() => '?').join(', ')})` : '';
      const rows = rowsStatement(`${SELECT}${whereSql}${statusSql} ORDER BY ${ORDER_BY.kana.asc} LIMIT ?`).all(...where.params, ...statuses, options.limit) as Row[];
      return { rows: rows.map(toRow), found };
    },

    /** How SQLite answers a list's page and total (EXPLAIN QUERY PLAN), to check that indexes do. */
    plan(query: RegistrantQuery, scope: RegistrantScope): { total: string[]; page: string[] } {
      const { where, whereSql, orderSql } = listSql(query, scope);
      const explain = (sql: string, params: unknown[]) =>
        (db.prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(...params)).map((r) => r.detail);
      return {
        total: explain(`SELECT count(*) AS n FROM registrants r${whereSql}`, where.params),
        page: explain(`SELECT r.seq FROM registrants r${whereSql} ORDER BY ${orderSql} LIMIT ? OFFSET ?`, [...where.params, 50, 0]),
      };
    },

    /**
     * Rewrites every search doc and its pieces when they were written by another version of
     * the normalization (or before the index existed): once, in one transaction.
     */
    ensureSearchIndex(): boolean {
      const state = db.prepare<[], { version: number }>('SELECT version FROM registrant_search_state WHERE id = 1').get();
      if (state?.version === SEARCH_VERSION) return false;
      db.transaction(() => {
        db.prepare("INSERT INTO registrant_grams (registrant_grams) VALUES ('delete-all')").run();
        const all = db
          .prepare<
            [],
            { seq: number; employee_code: string | null; family_name: string; given_name: string; family_name_kana: string; given_name_kana: string; email: string | null }
          >(
            'SELECT seq, employee_code, family_name, given_name, family_name_kana, given_name_kana, email FROM registrants',
          )
          .all();
        const setDoc = db.prepare('UPDATE registrants SET search_doc = ? WHERE seq = ?');
        for (const r of all) {
          const entry = searchEntry({
            familyName: r.family_name,
            givenName: r.given_name,
            familyNameKana: r.family_name_kana,
            givenNameKana: r.given_name_kana,
            employeeCode: r.employee_code,
            email: r.email,
          });
          setDoc.run(entry.doc, r.seq);
          insertGrams.run(r.seq, entry.grams);
        }
        db.prepare('UPDATE registrant_search_state SET version = ? WHERE id = 1').run(SEARCH_VERSION);
      }).immediate();
      return true;
    },

    /**
     * Merges the search indexes' segments, so that entries of deleted rows are gone from the
     * file's pages too (before a VACUUM of a physical deletion, say).
     */
    compactSearchIndex(): void {
      db.prepare("INSERT INTO registrant_fts (registrant_fts) VALUES ('optimize')").run();
      db.prepare("INSERT INTO registrant_grams (registrant_grams) VALUES ('optimize')").run();
    },
  };
}

export type RegistrantRepository = ReturnType<typeof createRegistrantRepository>;
