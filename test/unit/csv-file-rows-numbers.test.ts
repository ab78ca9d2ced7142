// How readFileRows (csv/file-rows.ts) finds a number the file holds twice: by the number's blind
// index, worked out once per row and handed on with it (the consumers seal and look up by it),
// never by a list of the file's digits. Read through a small reader of its own (社員番号, 個人番号).
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readFileRows, type FileColumns, type RowReader } from '../../src-main/core/modules/csv/file-rows';
import { generateMyNumber } from '../support/numbers';

type Field = 'employeeCode' | 'myNumber';
interface Row {
  row: number;
  employeeCode: string;
  myNumber?: string;
  myNumberIndex?: string;
}

const reader: RowReader<Field, FileColumns<Field>, Row> = {
  readHeader: () => ({
    columns: {
      fields: ['employeeCode', 'myNumber'],
      headerOf: new Map<Field, string>([
        ['employeeCode', '社員番号'],
        ['myNumber', '個人番号'],
      ]),
    },
    problems: [],
  }),
  prepareRow: (cells, row) => ({ prepared: { row, employeeCode: cells[0]!, ...(cells[1] ? { myNumber: cells[1] } : {}) }, problems: [] }),
  duplicate: { keyOf: (r) => r.employeeCode, field: 'employeeCode', problem: 'errors.csv.duplicateEmployeeCode' },
};

const hmacIndex = (digits: string) => createHmac('sha256', 'test-index-key').update(digits).digest('hex');

function read(lines: string[], indexOfNumber: (digits: string) => string) {
  const rows: Row[] = [];
  const file = readFileRows(Buffer.from(['社員番号,個人番号', ...lines].join('\r\n'), 'utf8'), reader, (batch) => void rows.push(...batch), indexOfNumber);
  return { rows, problems: file.problems };
}

describe('numbers a file holds twice', () => {
  const [a, b, c] = [generateMyNumber(1), generateMyNumber(2), generateMyNumber(3)];

  it('are found on the later row, naming the first, and every row carries its number’s index', () => {
    const calls: string[] = [];
    const { rows, problems } = read([`E1,${a}`, `E2,${b}`, `E3,${a}`, 'E4,'], (digits) => (calls.push(digits), hmacIndex(digits)));
    expect(problems).toEqual([{ row: 4, column: '個人番号', key: 'errors.csv.duplicateNumber', params: { row: 2 } }]);
    // Worked out once a row with a number, and handed on (the duplicate too: the consumer skips it by its problem).
    expect(calls).toEqual([a, b, a]);
    expect(rows.map((r) => [r.row, r.myNumberIndex])).toEqual([
      [2, hmacIndex(a)],
      [3, hmacIndex(b)],
      [4, hmacIndex(a)],
      [5, undefined],
    ]);
  });

  it('are told apart by the index alone: two numbers with one index are the same, one number with its own index is not', () => {
    // An index that puts a and c together shows what the rows are compared by.
    const together = (digits: string) => (digits === c ? hmacIndex(a) : hmacIndex(digits));
    expect(read([`E1,${a}`, `E2,${c}`], together).problems).toEqual([{ row: 3, column: '個人番号', key: 'errors.csv.duplicateNumber', params: { row: 2 } }]);
    expect(read([`E1,${a}`, `E2,${b}`], hmacIndex).problems).toEqual([]);
  });
});
