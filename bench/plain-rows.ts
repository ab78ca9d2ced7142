// The floors' way to read a page's rows on the plain copy: one statement for the 50 keys,
// read as values (raw mode), made into the same row objects the core returns. The cheapest
// plain way we found: better-sqlite3's own row objects cost about 150 µs more a page of 50.
import type { Db } from '../src-main/core/platform/db/open';

export const PAGE = 50;

const COLUMNS = `SELECT r.seq, r.id, r.employee_code, r.family_name, r.given_name, r.family_name_kana, r.given_name_kana, r.email,
    r.birth_date, r.phone, r.postal_code, r.address, r.hire_date, r.leave_date, r.group_id, r.notes, r.status, r.has_my_number,
    r.created_at, r.updated_at, (SELECT group_concat(code, ',') FROM registrant_attributes a WHERE a.registrant_id = r.id) AS attributes
  FROM registrants r`;

/** The statement of the floors before: one row by its key, as better-sqlite3's row object. */
export const ROW_BY_SEQ = `${COLUMNS} WHERE r.seq = ?`;

type Values = [number, string, ...(string | number | null)[]];

/** The row object the core's list returns, from one row's values (as the core's toRow). */
function rowObject(v: Values) {
  const attributes = v[20] as string | null;
  return {
    id: v[1],
    employeeCode: v[2],
    familyName: v[3],
    givenName: v[4],
    familyNameKana: v[5],
    givenNameKana: v[6],
    email: v[7],
    birthDate: v[8],
    phone: v[9],
    postalCode: v[10],
    address: v[11],
    hireDate: v[12],
    leaveDate: v[13],
    groupId: v[14],
    notes: v[15],
    status: v[16],
    attributes: attributes ? attributes.split(',').sort() : [],
    hasMyNumber: v[17] === 1,
    createdAt: v[18],
    updatedAt: v[19],
  };
}

/** Reads a full page (PAGE keys, in their order) as row objects. */
export function pageRowReader(plain: Db): (seqs: number[]) => ReturnType<typeof rowObject>[] {
  const rows = plain.prepare(`${COLUMNS} WHERE r.seq IN (${Array.from({ length: PAGE }, () => '?').join(', ')})`).raw(true);
  return (seqs) => {
    const bySeq = new Map((rows.all(...seqs) as Values[]).map((v) => [v[0], v]));
    return seqs.map((seq) => rowObject(bySeq.get(seq)!));
  };
}
