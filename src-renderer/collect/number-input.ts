// The My Number field as it is typed: digits only (full-width ones narrowed), at most 12, shown
// in groups of four (1234 5678 9012) with the caret kept after the same digit. Pure functions.
import { formatMyNumber } from '../../src-shared/text';

export const MY_NUMBER_LENGTH = 12;

export interface NumberFieldValue {
  /** The digits typed, at most 12. */
  digits: string;
  /** What the field shows. */
  text: string;
  /** Where the caret goes in `text`. */
  caret: number;
}

const digitsOf = (typed: string) => typed.normalize('NFKC').replace(/\D/g, '');

/** Where the caret stands in the grouped text after `count` digits. */
function caretAfter(count: number): number {
  return count === 0 ? 0 : count + Math.floor((count - 1) / 4);
}

/** Reformats what the field holds after a keystroke or a paste, `caret` being where it was left. */
export function reformatNumberInput(typed: string, caret: number = typed.length): NumberFieldValue {
  const digits = digitsOf(typed).slice(0, MY_NUMBER_LENGTH);
  const before = Math.min(digitsOf(typed.slice(0, caret)).length, digits.length);
  return { digits, text: formatMyNumber(digits), caret: caretAfter(before) };
}

/** A number shown on the review page: only its last four digits (•••• •••• 9012). */
export function maskMyNumber(digits: string): string {
  if (digits.length < 4) return '';
  return `${'•'.repeat(digits.length - 4)}${digits.slice(-4)}`.replace(/(.{4})(?=.)/g, '$1 ');
}
