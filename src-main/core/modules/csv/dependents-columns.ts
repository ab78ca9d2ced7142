// The header row and cells of a dependents file (扶養家族): which field each column fills (the
// headers of CSV_DEPENDENT_HEADERS in any order, the export preset 'dependents' among them, or
// the caller's own mapping), and each data row's cells cleaned as the registrants' are. 続柄 is
// read from its Japanese label or English name, 税扶養 and 第3号被保険者 from ○/1/true/はい
// (empty: no). What the other values must be is the contract's dependent schema's to decide.
import { CSV_DEPENDENT_HEADERS, csvDependentFieldOfHeader, fields, type CsvDependentField, type Relationship } from '../../../../src-shared/contract';
import { cleanCell, headerKey, issueProblem, readHeaderRow } from './columns';
import { raggedRow } from './file-rows';
import type { CsvRowProblem } from './problems';

export interface DependentColumns {
  /** Per column of the file, the field it fills (null: ignored). */
  fields: (CsvDependentField | null)[];
  /** The header of each field present, as the file writes it. */
  headerOf: Map<CsvDependentField, string>;
  /** Whether the columns that key a dependent are all there (else no row is matched to the vault). */
  keyed: boolean;
}

/** The columns a dependents file must have: the key of a dependent (社員番号, 続柄, 姓, 名). */
const REQUIRED: readonly CsvDependentField[] = ['employeeCode', 'relationship', 'familyName', 'givenName'];

type TextField = 'familyName' | 'givenName' | 'familyNameKana' | 'givenNameKana' | 'birthDate';
type FlagField = 'taxDependent' | 'category3';

export interface PreparedDependentRow {
  row: number;
  employeeCode: string;
  relationship?: Relationship;
  /** Text fields as cleaned (empty: the column is there and the cell blank, which clears the field). */
  values: Partial<Record<TextField, string>>;
  flags: Partial<Record<FlagField, boolean>>;
  /** The 12 digits, checked (check digit); held only until the row is sealed. */
  myNumber?: string;
  /** Their blind index, set as the file is read (readFileRows). */
  myNumberIndex?: string;
}

/** 続柄 as HR writes it, compared after headerKey's folding (NFKC, lower case, no spaces). */
const RELATIONSHIP_BY_LABEL = new Map<string, Relationship>(
  (
    [
      ['spouse', ['配偶者', '妻', '夫', 'spouse', 'wife', 'husband']],
      ['child', ['子', '長男', '長女', '次男', '次女', '三男', '三女', '息子', '娘', 'child', 'son', 'daughter']],
      ['father', ['父', '実父', '義父', 'father']],
      ['mother', ['母', '実母', '義母', 'mother']],
      ['other', ['その他', '他', 'other']],
    ] as const
  ).flatMap(([code, labels]) => labels.map((label) => [headerKey(label), code] as const)),
);

const YES = new Set(['○', '◯', '〇', '1', 'true', 'yes', 'y', 'はい', '有', 'あり', '対象'].map(headerKey));
const NO = new Set(['', '0', 'false', 'no', 'n', 'いいえ', '無', 'なし', '×', '-', '対象外'].map(headerKey));

export function relationshipOf(label: string): Relationship | null {
  return RELATIONSHIP_BY_LABEL.get(headerKey(label)) ?? null;
}

export function flagOf(cell: string): boolean | null {
  const key = headerKey(cell);
  return YES.has(key) ? true : NO.has(key) ? false : null;
}

/** The header row read into columns, and its problems (unknown, doubled or missing columns) at row 1. */
export function readDependentHeader(cells: string[], mapping: Record<string, string> = {}): { columns: DependentColumns; problems: CsvRowProblem[] } {
  const read = readHeaderRow(
    cells,
    mapping as Record<string, CsvDependentField | 'ignore'>,
    csvDependentFieldOfHeader,
    REQUIRED.map((field) => ({ field, header: CSV_DEPENDENT_HEADERS[field][0]! })),
  );
  return { columns: { fields: read.fields, headerOf: read.headerOf, keyed: read.missing.length === 0 }, problems: read.problems };
}

/** A data row's cells by field, cleaned, with the problems found in the cells themselves. */
export function prepareDependentRow(cells: string[], row: number, columns: DependentColumns): { prepared: PreparedDependentRow; problems: CsvRowProblem[] } {
  const problems: CsvRowProblem[] = [];
  const prepared: PreparedDependentRow = { row, employeeCode: '', values: {}, flags: {} };
  const header = (f: CsvDependentField) => columns.headerOf.get(f) ?? null;
  const ragged = raggedRow(cells, row, columns.fields.length);
  if (ragged) return { prepared, problems: [ragged] };
  columns.fields.forEach((field, i) => {
    if (!field) return;
    const cleaned = cleanCell(cells[i] ?? '', { ascii: field === 'employeeCode' || field === 'myNumber' });
    if ('problem' in cleaned) return void problems.push({ row, column: header(field), key: cleaned.problem });
    const text = cleaned.text;
    switch (field) {
      case 'employeeCode':
        if (text === '') problems.push({ row, column: header(field), key: 'validation.required', params: { field } });
        prepared.employeeCode = text;
        return;
      case 'relationship': {
        const relationship = relationshipOf(text);
        if (text === '') problems.push({ row, column: header(field), key: 'validation.required', params: { field } });
        else if (!relationship) problems.push({ row, column: header(field), key: 'errors.csv.unknownRelationship', params: { value: text } });
        else prepared.relationship = relationship;
        return;
      }
      case 'taxDependent':
      case 'category3': {
        const flag = flagOf(text);
        if (flag === null) problems.push({ row, column: header(field), key: 'errors.csv.badFlag', params: { value: text } });
        else prepared.flags[field] = flag;
        return;
      }
      case 'myNumber': {
        if (text === '') return;
        const parsed = fields.myNumberInput.safeParse(text);
        if (parsed.success) prepared.myNumber = parsed.data;
        else problems.push(issueProblem(parsed.error.issues[0]!, 'myNumber', row, header(field)));
        return;
      }
      default:
        prepared.values[field] = text;
    }
  });
  return { prepared, problems };
}
