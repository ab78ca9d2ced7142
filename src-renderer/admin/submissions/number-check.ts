// The live check of a My Number as it is typed, by the contract's own field (12 digits;
// full-width digits, spaces and hyphens accepted and dropped; the check digit).
import { contract } from '../../../src-shared/contract';
import { normalizeMyNumberInput } from '../../../src-shared/text';

const numberOnly = contract['mynumber.set'].input.pick({ myNumber: true });

export interface NumberCheck {
  /** What would be sent: the typed text normalised (digits only when it is a number). */
  digits: string;
  /** How many digits have been typed. */
  count: number;
  /** The contract's first complaint (in the UI's language), or null; '' typed is no problem. */
  problem: string | null;
  /**
   * Whether the problem should show while the field is still being typed in: it can no
   * longer become right by typing on (a non-digit, too many digits, twelve digits with the
   * wrong check digit).
   */
  final: boolean;
}

export function checkNumber(typed: string): NumberCheck {
  const digits = normalizeMyNumberInput(typed);
  const count = digits.replace(/\D/g, '').length;
  if (typed.trim() === '') return { digits: '', count: 0, problem: null, final: false };
  const result = numberOnly.safeParse({ myNumber: typed });
  const problem = result.success ? null : (result.error.issues[0]?.message ?? null);
  return { digits, count, problem, final: problem !== null && (digits.length >= 12 || /\D/.test(digits)) };
}
