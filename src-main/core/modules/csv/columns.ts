// The header row of a registrants file: which field each column fills (by the headers of
// CSV_REGISTRANT_HEADERS, in any order, or by the caller's own mapping), and each data row's
// cells cleaned the way Excel files need (half-width kana widened, full-width letters and
// digits narrowed where a field is ASCII, BOMs dropped, 属性 split on ; or 、). What a value
// must be is not decided here: the contract's schemas decide that (import-plan.ts).
import { CSV_REGISTRANT_FIELDS, CSV_REGISTRANT_HEADERS, csvHeaderKey, fields, type CsvRegistrantField } from '../../../../src-shared/contract';
import { describeIssue, type IssueLike } from '../../../../src-shared/messages';
import { raggedRow } from './file-rows';
import type { CsvRowProblem } from './problems';
import { UNSHARED, type SharedValues } from './shared-values';

/** How a header is compared (shared with the UI's mapping step). */
export const headerKey = csvHeaderKey;

const FIELD_BY_HEADER = new Map<string, CsvRegistrantField>(
  CSV_REGISTRANT_FIELDS.flatMap((field) => CSV_REGISTRANT_HEADERS[field].map((h) => [headerKey(h), field] as const)),
);

export interface Columns {
  /** Per column of the file, the field it fills (null: ignored). */
  fields: (CsvRegistrantField | null)[];
  /** The header of each field present, as the file writes it. */
  headerOf: Map<CsvRegistrantField, string>;
}

/**
 * A header row read into the fields its columns fill, for either kind of file: by the caller's
 * own mapping first (a header → its field, or 'ignore'), else by `fieldOf`. Unknown and doubled
 * columns are problems at row 1, and so is each `required` field no column fills.
 */
export function readHeaderRow<F extends string>(
  cells: string[],
  mapping: Record<string, F | 'ignore'>,
  fieldOf: (header: string) => F | null,
  required: readonly { field: F; header: string }[],
): { fields: (F | null)[]; headerOf: Map<F, string>; missing: F[]; problems: CsvRowProblem[] } {
  const problems: CsvRowProblem[] = [];
  const ownMapping = new Map(Object.entries(mapping).map(([h, f]) => [headerKey(h), f]));
  const headerOf = new Map<F, string>();
  const columnFields = cells.map((cell) => {
    const header = cell.replace(/\uFEFF/g, '').trim();
    const key = headerKey(header);
    if (key === '') return null;
    const mapped = ownMapping.get(key);
    if (mapped === 'ignore') return null;
    const field = mapped ?? fieldOf(header);
    if (!field) {
      problems.push({ row: 1, column: header, key: 'errors.csv.unknownColumn', params: { header } });
      return null;
    }
    if (headerOf.has(field)) {
      problems.push({ row: 1, column: header, key: 'errors.csv.duplicateColumn', params: { header } });
      return null;
    }
    headerOf.set(field, header);
    return field;
  });
  const missing = required.filter((r) => !headerOf.has(r.field));
  for (const r of missing) problems.push({ row: 1, column: null, key: 'errors.csv.missingColumn', params: { header: r.header } });
  return { fields: columnFields, headerOf, missing: missing.map((r) => r.field), problems };
}

/** The header row of a registrants file read into columns, and its problems at row 1 (社員番号 required). */
export function readHeader(cells: string[], mapping: Record<string, CsvRegistrantField | 'ignore'> = {}): { columns: Columns; problems: CsvRowProblem[] } {
  const read = readHeaderRow(cells, mapping, (header) => FIELD_BY_HEADER.get(headerKey(header)) ?? null, [
    { field: 'employeeCode', header: CSV_REGISTRANT_HEADERS.employeeCode[0]! },
  ]);
  return { columns: { fields: read.fields, headerOf: read.headerOf }, problems: read.problems };
}

/** A data row's cells by field, cleaned, with the problems found in the cells themselves. */
export interface PreparedRow {
  row: number;
  /** Text fields as cleaned (empty: the column is there and the cell blank, which clears the field). */
  values: Partial<Record<Exclude<CsvRegistrantField, 'myNumber' | 'attributes'>, string>>;
  /** 属性 as written, split; absent when the file has no 属性 column. */
  attributeLabels?: string[];
  /** The 12 digits, checked (check digit); held only until the row is sealed. */
  myNumber?: string;
  /** Their blind index, set as the file is read (readFileRows). */
  myNumberIndex?: string;
}

const HALF_WIDTH_KANA = /[\uFF61-\uFF9F]+/g;
/** C0 controls and DEL; line breaks and tabs only where a field may hold them. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_BREAK = /[\t\r\n]/;
const MULTI_LINE_FIELDS: ReadonlySet<CsvRegistrantField> = new Set(['address', 'notes']);
/** Fields written in ASCII: full-width letters, digits and signs narrowed (NFKC). */
const ASCII_FIELDS: ReadonlySet<CsvRegistrantField> = new Set(['employeeCode', 'email']);
/** Fields whose values many rows repeat (names, readings, dates, group): held once per file. */
const SHARED_FIELDS: ReadonlySet<CsvRegistrantField> = new Set(['familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'birthDate', 'hireDate', 'leaveDate', 'group']);

/** Half-width kana widened (ｶﾞ → ガ), leaving every other character as it is (NFKC would also change some kanji). */
export function widenKana(text: string): string {
  return text.replace(HALF_WIDTH_KANA, (run) => run.normalize('NFKC'));
}

/** A data row's cells cleaned into fields; `shared` may give back the same value held once for the file (never asked for a number, a code or an address). */
export function prepareRow(cells: string[], row: number, columns: Columns, shared: SharedValues = UNSHARED): { prepared: PreparedRow; problems: CsvRowProblem[] } {
  const problems: CsvRowProblem[] = [];
  const prepared: PreparedRow = { row, values: {} };
  const header = (f: CsvRegistrantField) => columns.headerOf.get(f) ?? null;
  const ragged = raggedRow(cells, row, columns.fields.length);
  if (ragged) return { prepared, problems: [ragged] };
  columns.fields.forEach((field, i) => {
    if (!field) return;
    const cleaned = cleanCell(cells[i] ?? '', { ascii: ASCII_FIELDS.has(field), multiLine: MULTI_LINE_FIELDS.has(field) });
    if ('problem' in cleaned) return void problems.push({ row, column: header(field), key: cleaned.problem });
    const text = cleaned.text;
    if (field === 'attributes') {
      prepared.attributeLabels = shared.list(text.split(/[;；、,，]/).map((l) => shared.text(l.trim())).filter(Boolean));
    } else if (field === 'myNumber') {
      if (text === '') return;
      const parsed = fields.myNumberInput.safeParse(text);
      if (parsed.success) prepared.myNumber = parsed.data;
      else problems.push(issueProblem(parsed.error.issues[0]!, 'myNumber', row, header(field)));
    } else {
      prepared.values[field] = SHARED_FIELDS.has(field) ? shared.text(text) : text;
    }
  });
  return { prepared, problems };
}

/** A schema issue as a problem of the cell: the message the forms show for it. */
export function issueProblem(issue: IssueLike, field: string, row: number, column: string | null): CsvRowProblem {
  const { key, params } = describeIssue({ ...issue, path: [field] });
  return { row, column, key: key as CsvRowProblem['key'], ...(params ? { params } : {}) };
}

/**
 * One cell cleaned for either kind of file (BOMs dropped, half-width kana widened, or NFKC for an
 * ASCII field), or the problem that stops it: bytes that were not text, a control character, or
 * a line break in a field that is one line.
 */
export function cleanCell(
  raw: string,
  { ascii = false, multiLine = false }: { ascii?: boolean; multiLine?: boolean } = {},
): { text: string } | { problem: 'errors.csv.unreadableText' | 'errors.csv.controlCharacter' } {
  const cell = raw.replace(/\uFEFF/g, '');
  if (cell.includes('\uFFFD')) return { problem: 'errors.csv.unreadableText' };
  if (CONTROL.test(cell) || (!multiLine && LINE_BREAK.test(cell.trim()))) return { problem: 'errors.csv.controlCharacter' };
  return { text: ascii ? cell.normalize('NFKC').trim() : widenKana(cell).trim() };
}
