// An imported file read into rows, for either kind of file (registrants, dependents): the bytes
// decoded, the header read into columns, each data row's cells prepared by the kind's own
// reader and handed over a batch at a time as the file is read (never every row's objects at
// once), and the rows the file holds twice found by the kind's own key (社員番号 for a
// registrant, 社員番号+続柄+姓+名 for a dependent) and by number: by the number's blind index,
// worked out once here and handed on with the row, so no list of the file's numbers in plain
// digits is held while it is read. The problems are the cells', the file's own (too many rows,
// empty, unparsable) and the duplicates'.
import type { CsvEncoding } from '../../../../src-shared/contract';
import type { CsvRowProblem } from './problems';
import { decodeCsv, readRecords } from './read';
import { createSharedValues, type SharedValues } from './shared-values';

/** Data rows a file may have. */
export const MAX_IMPORT_ROWS = 200_000;

export interface FileColumns<F extends string> {
  /** Per column of the file, the field it fills (null: ignored). */
  fields: (F | null)[];
  /** The header of each field present, as the file writes it. */
  headerOf: Map<F, string>;
}

/** How one kind of file is read: its header, its rows, and what makes two of its rows the same one. */
/** A prepared row with a number: its digits, and their blind index (set by readFileRows). */
export interface RowWithNumber {
  row: number;
  myNumber?: string;
  myNumberIndex?: string;
}

export interface RowReader<F extends string, C extends FileColumns<F>, R extends RowWithNumber> {
  readHeader(cells: string[]): { columns: C; problems: CsvRowProblem[] };
  /** `shared` gives back a value another row already holds (kept once for the file), else the value itself. */
  prepareRow(cells: string[], row: number, columns: C, shared: SharedValues): { prepared: R; problems: CsvRowProblem[] };
  /** The key two rows of the same record share (null: the row has none), reported at `field`'s column as `problem`. */
  duplicate: { keyOf(row: R): string | null; field: F; problem: CsvRowProblem['key'] };
}

export interface FileRows<C> {
  encoding: CsvEncoding;
  columns: C | null;
  /** Data rows read (at most MAX_IMPORT_ROWS). */
  dataRows: number;
  problems: CsvRowProblem[];
}

/**
 * Takes the rows without problems in their cells, a batch at a time as the file is read (each
 * row whole: a duplicate is found on the later row, so a batch's problems are all known when it
 * is handed over); `withProblems` holds the rows that have any so far (the header's, a duplicate's among them).
 */
export type RowsConsumer<C, R> = (rows: R[], columns: C, withProblems: ReadonlySet<number>) => void;

/** Rows handed to the consumer together. */
const BATCH_ROWS = 2000;

export function readFileRows<F extends string, C extends FileColumns<F>, R extends RowWithNumber>(
  bytes: Buffer,
  reader: RowReader<F, C, R>,
  onRows: RowsConsumer<C, R>,
  /** The blind index of a number's digits (the vault's own, so a duplicate is found as the vault finds one). */
  indexOfNumber: (digits: string) => string,
): FileRows<C> {
  const problems: CsvRowProblem[] = [];
  let rows: R[] = [];
  const withProblems = new Set<number>();
  const shared = createSharedValues();
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return { encoding: 'utf8', columns: null, dataRows: 0, problems: [decoded.problem] };
  let columns: C | null = null;
  let dataRows = 0;
  // Found as the rows are read (a row with problems of its own too: a duplicate of one is still a
  // duplicate), listed after the file's other problems.
  const duplicates: CsvRowProblem[] = [];
  const keyAt = new Map<string, number>();
  /** The first row of each number, by its blind index. */
  const numberAt = new Map<string, number>();
  const markDuplicate = (r: R, c: C) => {
    const key = reader.duplicate.keyOf(r);
    if (key !== null) {
      const first = keyAt.get(key);
      if (first !== undefined) {
        duplicates.push({ row: r.row, column: c.headerOf.get(reader.duplicate.field) ?? null, key: reader.duplicate.problem, params: { row: first } });
        withProblems.add(r.row);
      } else keyAt.set(key, r.row);
    }
    if (r.myNumber) {
      const index = (r.myNumberIndex = indexOfNumber(r.myNumber));
      const first = numberAt.get(index);
      if (first !== undefined) {
        duplicates.push({ row: r.row, column: c.headerOf.get('myNumber' as F) ?? null, key: 'errors.csv.duplicateNumber', params: { row: first } });
        withProblems.add(r.row);
      } else numberAt.set(index, r.row);
    }
  };
  const stop = readRecords(decoded.text, (cells, row) => {
    if (row === 1) {
      const header = reader.readHeader(cells);
      columns = header.columns;
      problems.push(...header.problems);
      if (header.problems.length > 0) withProblems.add(row);
      return;
    }
    dataRows++;
    if (dataRows > MAX_IMPORT_ROWS) {
      problems.push({ row, column: null, key: 'errors.csv.tooManyRows', params: { maximum: MAX_IMPORT_ROWS } });
      return false;
    }
    const { prepared, problems: cellProblems } = reader.prepareRow(cells, row, columns!, shared);
    markDuplicate(prepared, columns!);
    if (cellProblems.length > 0) {
      problems.push(...cellProblems);
      withProblems.add(row);
    } else rows.push(prepared);
    if (rows.length >= BATCH_ROWS) {
      onRows(rows, columns!, withProblems);
      rows = [];
    }
  });
  if (rows.length > 0) onRows(rows, columns!, withProblems);
  if (stop) problems.push(stop);
  if (!columns && !stop) problems.push({ row: 1, column: null, key: 'errors.csv.empty' });
  else if (columns && dataRows === 0 && !stop) problems.push({ row: 2, column: null, key: 'errors.csv.noRows' });
  problems.push(...duplicates);
  return { encoding: decoded.encoding, columns, dataRows: Math.min(dataRows, MAX_IMPORT_ROWS), problems };
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
