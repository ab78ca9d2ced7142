// A problem of an imported file, where it is (row and column as the file has them) and what it
// is as a message key: the preview shows it in Japanese, with the key for the English UI.
import type { CsvProblem } from '../../../../src-shared/contract';
import { formatMessage, type ErrorKey, type MessageParams } from '../../../../src-shared/messages';

export interface CsvRowProblem {
  row: number;
  column: string | null;
  key: ErrorKey | `validation.${string}`;
  params?: MessageParams;
}

export function toProblem(p: CsvRowProblem): CsvProblem {
  return { row: p.row, column: p.column, message: formatMessage('ja', p.key, p.params), messageKey: p.key, ...(p.params ? { params: p.params } : {}) };
}
