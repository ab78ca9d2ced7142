// Reading a CSV file as Japanese offices make them: the encoding found from the bytes (UTF-8
// with or without its BOM, else CP932, Shift_JIS with the Windows extensions such as 髙 﨑 ①),
// CRLF or LF, quoted fields holding commas and line breaks (csv-parse). Records are handed
// over one at a time as they are parsed; a file that cannot be parsed further becomes a
// problem at the line where it broke, never an exception.
import iconv from 'iconv-lite';
import { parse, CsvError } from 'csv-parse/sync';
import type { CsvEncoding } from '../../../../src-shared/contract';
import type { CsvRowProblem } from './problems';

export type DecodedCsv = { ok: true; text: string; encoding: CsvEncoding } | { ok: false; problem: CsvRowProblem };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

export function decodeCsv(bytes: Buffer): DecodedCsv {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, problem: { row: 1, column: null, key: 'errors.csv.utf16' } };
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    // Bytes that are not UTF-8 after a UTF-8 BOM read as U+FFFD, reported in their cells.
    return { ok: true, text: utf8Lenient.decode(bytes.subarray(3)), encoding: 'utf8bom' };
  }
  try {
    return { ok: true, text: utf8.decode(bytes), encoding: 'utf8' };
  } catch {
    // Not UTF-8: Shift_JIS as Windows writes it. Bytes that are not CP932 either read as U+FFFD.
    return { ok: true, text: iconv.decode(bytes, 'cp932'), encoding: 'cp932' };
  }
}

/** A single field longer than this stops the file (the longest field a registrant has is 2,000 characters). */
export const MAX_RECORD_CHARS = 100_000;

/**
 * Parses `text`, calling `onRecord` with each record's cells and its row (1 for the first
 * record: the header) as a spreadsheet numbers rows. Records whose cells are all empty (the
 * blank lines Excel leaves) are skipped. Returns the problem that stopped the parse, if one did.
 */
export function readRecords(text: string, onRecord: (cells: string[], row: number) => boolean | void): CsvRowProblem | null {
  let row = 0;
  let stopped = false;
  /** The line the last record ended on: the next one starts after it. */
  let lastLine = 0;
  try {
    parse(text, {
      bom: false,
      // Either line ending, even mixed in one file (a file pasted together from two sources).
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      max_record_size: MAX_RECORD_CHARS,
      on_record: (record: string[], info) => {
        lastLine = info.lines;
        if (stopped) return null;
        row++;
        if (onRecord(record, row) === false) stopped = true;
        return null;
      },
    });
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const endLine = typeof err.lines === 'number' ? err.lines : lastLine + 1;
    const line = err.code === 'CSV_QUOTE_NOT_CLOSED' ? lastLine + 1 : endLine;
    const key =
      err.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'errors.csv.unclosedQuote'
        : err.code === 'CSV_INVALID_CLOSING_QUOTE' || err.code === 'INVALID_OPENING_QUOTE'
          ? 'errors.csv.badQuote'
          : err.code === 'CSV_MAX_RECORD_SIZE'
            ? 'errors.csv.cellTooLarge'
            : 'errors.csv.unreadable';
    return { row: row + 1, column: null, key, params: { line } };
  }
  return null;
}
