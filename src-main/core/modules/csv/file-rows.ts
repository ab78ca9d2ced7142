// An imported file read into rows, for either kind of file (registrants, dependents): the bytes
// decoded, the header read into columns, each data row's cells prepared by the kind's own
// reader, and the rows the file holds twice found by the kind's own key (社員番号 for a
// registrant, 社員番号+続柄+姓+名 for a dependent) and by number. The problems are the cells',
// the file's own (too many rows, empty, unparsable) and the duplicates'.
import type { CsvEncoding } from '../../../../src-shared/contract';
import type { CsvRowProblem } from './problems';
import { decodeCsv, readRecords } from './read';

/** Data rows a file may have. */
export const MAX_IMPORT_ROWS = 200_000;

export interface FileColumns<F extends string> {
  /** Per column of the file, the field it fills (null: ignored). */
  fields: (F | null)[];
  /** The header of each field present, as the file writes it. */
  headerOf: Map<F, string>;
}

/** How one kind of file is read: its header, its rows, and what makes two of its rows the same one. */
export interface RowReader<F extends string, C extends FileColumns<F>, R extends { row: number; myNumber?: string }> {
  readHeader(cells: string[]): { columns: C; problems: CsvRowProblem[] };
  prepareRow(cells: string[], row: number, columns: C): { prepared: R; problems: CsvRowProblem[] };
  /** The key two rows of the same record share (null: the row has none), reported at `field`'s column as `problem`. */
  duplicate: { keyOf(row: R): string | null; field: F; problem: CsvRowProblem['key'] };
}

export interface FileRows<C, R> {
  encoding: CsvEncoding;
  columns: C | null;
  /** The rows without problems of their own (a duplicate is still among them: its problem is listed). */
  rows: R[];
  /** Data rows read (at most MAX_IMPORT_ROWS). */
  dataRows: number;
  problems: CsvRowProblem[];
}

export function readFileRows<F extends string, C extends FileColumns<F>, R extends { row: number; myNumber?: string }>(
  bytes: Buffer,
  reader: RowReader<F, C, R>,
): FileRows<C, R> {
  const problems: CsvRowProblem[] = [];
  const rows: R[] = [];
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return { encoding: 'utf8', columns: null, rows, dataRows: 0, problems: [decoded.problem] };
  let columns: C | null = null;
  let dataRows = 0;
  // Found as the rows are read (a row with problems of its own too: a duplicate of one is still a
  // duplicate), listed after the file's other problems.
  const duplicates: CsvRowProblem[] = [];
  const keyAt = new Map<string, number>();
  const numberAt = new Map<string, number>();
  const markDuplicate = (r: R, c: C) => {
    const key = reader.duplicate.keyOf(r);
    if (key !== null) {
      const first = keyAt.get(key);
      if (first !== undefined) duplicates.push({ row: r.row, column: c.headerOf.get(reader.duplicate.field) ?? null, key: reader.duplicate.problem, params: { row: first } });
      else keyAt.set(key, r.row);
    }
    if (r.myNumber) {
      const first = numberAt.get(r.myNumber);
      if (first !== undefined) duplicates.push({ row: r.row, column: c.headerOf.get('myNumber' as F) ?? null, key: 'errors.csv.duplicateNumber', params: { row: first } });
      else numberAt.set(r.myNumber, r.row);
    }
  };
  const stop = readRecords(decoded.text, (cells, row) => {
    if (row === 1) {
      const header = reader.readHeader(cells);
      columns = header.columns;
      problems.push(...header.problems);
      return;
    }
    dataRows++;
    if (dataRows > MAX_IMPORT_ROWS) {
      problems.push({ row, column: null, key: 'errors.csv.tooManyRows', params: { maximum: MAX_IMPORT_ROWS } });
      return false;
    }
    const { prepared, problems: cellProblems } = reader.prepareRow(cells, row, columns!);
    markDuplicate(prepared, columns!);
    if (cellProblems.length > 0) problems.push(...cellProblems);
    else rows.push(prepared);
  });
  if (stop) problems.push(stop);
  if (!columns && !stop) problems.push({ row: 1, column: null, key: 'errors.csv.empty' });
  else if (columns && dataRows === 0 && !stop) problems.push({ row: 2, column: null, key: 'errors.csv.noRows' });
  problems.push(...duplicates);
  return { encoding: decoded.encoding, columns, rows, dataRows: Math.min(dataRows, MAX_IMPORT_ROWS), problems };
}

/**
 * A row with more or fewer cells than the header has columns (trailing empty cells, which Excel
 * leaves, excepted), as its problem; null when the row fits.
 */
export function raggedRow(cells: string[], row: number, width: number): CsvRowProblem | null {
  if (cells.length === width) return null;
  if (cells.length > width && cells.slice(width).every((c) => c.trim() === '')) return null;
  return { row, column: null, key: 'errors.csv.raggedRow', params: { count: cells.length, expected: width } };
}
