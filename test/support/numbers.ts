// Generated My Numbers with valid check digits: tests never use a real person's number.
import { myNumberCheckDigit } from '../../src-shared/mynumber';

export function generateMyNumber(seed: number): string {
  const first11 = String(Math.abs(seed * 7919 + 104729) % 100_000_000_000).padStart(11, '0');
  return first11 + myNumberCheckDigit(first11);
}
