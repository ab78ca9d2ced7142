// Writing a table for Excel and payroll software: CRLF, quoted as needed (csv-stringify), a
// cell that a spreadsheet would take for a formula neutralised, and the text in CP932 (with
// no character silently turned into `?`), UTF-8 with its BOM, or UTF-8.
import iconv from 'iconv-lite';
import { stringify } from 'csv-stringify/sync';
import type { CsvEncoding, CsvLineEnding } from '../../../../src-shared/contract';

/** A cell beginning with one of these is read as a formula by Excel (=, +, -, @, tab, CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as a spreadsheet will show it, never run it: a formula-looking one gets a leading '. */
export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * Characters that Japanese text from Macs and the web uses where CP932 has its own code point
 * for the same sign (WAVE DASH and FULLWIDTH TILDE, and so on): written as Windows writes them.
 */
const CP932_EQUIVALENTS: Record<string, string> = {
  '\u301C': '\uFF5E', // 〜 → ～
  '\u2016': '\u2225', // ‖ → ∥
  '\u2212': '\uFF0D', // − → －
  '\u2014': '\u2015', // — → ―
  '\u00A2': '\uFFE0', // ¢ → ￠
  '\u00A3': '\uFFE1', // £ → ￡
  '\u00AC': '\uFFE2', // ¬ → ￢
};
const EQUIVALENT = new RegExp(`[${Object.keys(CP932_EQUIVALENTS).join('')}]`, 'g');

export interface Unencodable {
  /** The row as a spreadsheet numbers it (the header is 1). */
  row: number;
  column: string;
  characters: string;
}

function cp932Text(text: string): string {
  return text.replace(EQUIVALENT, (c) => CP932_EQUIVALENTS[c]!);
}

/** Whether CP932 holds every character of `text` (iconv-lite writes `?` for one it cannot). */
function fitsCp932(text: string): boolean {
  return iconv.decode(iconv.encode(text, 'cp932'), 'cp932') === text;
}

/** The cells of `rows` holding characters CP932 cannot write, and which characters. */
export function unencodableCells(header: readonly string[], rows: readonly (readonly string[])[]): Unencodable[] {
  const found: Unencodable[] = [];
  const check = (cells: readonly string[], row: number) =>
    cells.forEach((cell, i) => {
      const text = cp932Text(cell);
      if (fitsCp932(text)) return;
      const characters = [...new Set(Array.from(text).filter((ch) => !fitsCp932(ch)))].join('');
      found.push({ row, column: header[i] ?? '', characters });
    });
  check(header, 1);
  rows.forEach((cells, i) => check(cells, i + 2));
  return found;
}

export type Encoded = { ok: true; bytes: Buffer } | { ok: false; unencodable: Unencodable[] };

/** Rows written, encoded and checked together: the file is never held as one string. */
const CHUNK_ROWS = 2000;
const QUESTION_MARK = 0x3f;

function countChar(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

function countByte(bytes: Buffer, byte: number): number {
  let n = 0;
  for (let i = bytes.indexOf(byte); i !== -1; i = bytes.indexOf(byte, i + 1)) n++;
  return n;
}

/**
 * Text in CP932, or null when some character has none. iconv-lite writes `?` (0x3F) for such a
 * character, and 0x3F is never the second byte of a CP932 pair: more of them than the text's
 * own `?` means a character was lost.
 */
function cp932Bytes(text: string): Buffer | null {
  const mapped = cp932Text(text);
  const bytes = iconv.encode(mapped, 'cp932');
  return countByte(bytes, QUESTION_MARK) === countChar(mapped, '?') ? bytes : null;
}

/** The table as a CSV file: header, rows, CRLF (or LF, for a saved preset that asks for it), in `encoding`. */
export function encodeTable(header: readonly string[], rows: readonly (readonly string[])[], encoding: CsvEncoding, lineEnding: CsvLineEnding = 'crlf'): Encoded {
  const options = { record_delimiter: lineEnding === 'lf' ? '\n' : '\r\n' } as const;
  const chunks: Buffer[] = encoding === 'utf8bom' ? [Buffer.from([0xef, 0xbb, 0xbf])] : [];
  let unencodable: Unencodable[] | null = null;
  const write = (cells: string[][], firstRow: number) => {
    const text = stringify(cells, options);
    if (encoding !== 'cp932') return void chunks.push(Buffer.from(text, 'utf8'));
    const bytes = cp932Bytes(text);
    if (bytes) return void chunks.push(bytes);
    // Only a chunk that lost something has its cells looked at one by one.
    const found =
      firstRow === 1
        ? unencodableCells(header, cells.slice(1))
        : unencodableCells(header, cells)
            .filter((u) => u.row !== 1) // the header: reported with the first chunk
            .map((u) => ({ ...u, row: u.row - 2 + firstRow }));
    (unencodable ??= []).push(...found);
  };
  for (let i = 0; i < rows.length || i === 0; i += CHUNK_ROWS) {
    const cells = rows.slice(i, i + CHUNK_ROWS).map((row) => row.map(neutralizeFormula));
    // Spreadsheet rows: the header is 1, so data row i is row i + 2.
    if (i === 0) write([[...header], ...cells], 1);
    else write(cells, i + 2);
  }
  return unencodable ? { ok: false, unencodable } : { ok: true, bytes: Buffer.concat(chunks) };
}
