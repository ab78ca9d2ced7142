// The My Number on a マイナンバーカード's back: its QR code holds the same 12 digits as are
// printed beside it. Pure, used by the phone form (jsqr reads the photo in the browser) and
// by the review's cross-check.
import { isValidMyNumber } from './mynumber';
import { normalizeMyNumberInput } from './text';

/**
 * The 12-digit number a card's QR code text holds, or null when it holds none, or more than
 * one, with a valid check digit (the same number twice is one). Full-width digits, spaces and hyphens are accepted; a longer
 * run of digits is never cut down to twelve.
 */
export function myNumberFromQrText(text: string): string | null {
  const whole = normalizeMyNumberInput(text);
  if (/^\d{12}$/.test(whole)) return isValidMyNumber(whole) ? whole : null;
  const runs = new Set((text.normalize('NFKC').match(/\d+/g) ?? []).filter((run) => run.length === 12 && isValidMyNumber(run)));
  return runs.size === 1 ? [...runs][0]! : null;
}
