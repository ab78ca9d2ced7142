// The My Number as read from a photo of an ID document: from the text of the QR code on the
// back of a マイナンバーカード, or from the printed digits that OCR found on a 通知カード or a
// 住民票. Pure functions that run anywhere: the core's cross-check uses them, and so will the
// phone form, which reads the QR code in the browser. Only a number with a valid check digit
// counts; a wrong read almost never has one (every single-digit error is caught).
import { isValidMyNumber } from './mynumber';

/** Blocks of digits, each as written or joined by single spaces or hyphens (1234-5678-9018). */
const DIGIT_BLOCK = /\d+(?:[ -]\d+)*/g;

/**
 * The My Number held by a QR code's text: its digit blocks (separators of a 4-4-4 grouping
 * ignored) must hold exactly one valid 12-digit My Number, which may appear more than once;
 * otherwise (none, two different ones, a block of 13 digits) null.
 */
export function myNumberFromQrText(text: string): string | null {
  const found = new Set<string>();
  for (const block of text.normalize('NFKC').match(DIGIT_BLOCK) ?? []) {
    const digits = block.replace(/[ -]/g, '');
    if (isValidMyNumber(digits)) found.add(digits);
  }
  return found.size === 1 ? [...found][0]! : null;
}

/**
 * Every valid My Number in text that OCR read from a printed document, in the shape it is
 * printed in: three groups of four on one line (1234 5678 9012), as on a マイナンバーカード and
 * a 通知カード; with `unbroken`, also twelve digits in one run, as many a 住民票 prints them.
 * Stray digits around them (OCR noise) are other groups and do not spoil them. Anything of
 * another shape — a lost space, a date and a time run together — is not taken for a number,
 * so noise seldom reads as a different number (printedTextShows finds the typed one anyway).
 */
export function myNumbersInPrintedText(text: string, options: { unbroken?: boolean } = {}): string[] {
  const found = new Set<string>();
  for (const line of text.normalize('NFKC').split(/\r?\n/)) {
    const groups = line.match(/\d+/g) ?? [];
    groups.forEach((group, i) => {
      const fours = groups.slice(i, i + 3);
      if (fours.length === 3 && fours.every((g) => g.length === 4) && isValidMyNumber(fours.join(''))) found.add(fours.join(''));
      if (options.unbroken && isValidMyNumber(group)) found.add(group);
    });
  }
  return [...found];
}

/**
 * Does text that OCR read from a printed document show this number — its twelve digits in a
 * row on one line, spaces or other marks between them ignored? Looser than
 * myNumbersInPrintedText (a group glued to stray digits still counts), which is safe only for
 * a number already in hand: twelve given digits do not turn up by chance in OCR noise.
 */
export function printedTextShows(text: string, myNumber: string): boolean {
  if (!isValidMyNumber(myNumber)) return false;
  return text
    .normalize('NFKC')
    .split(/\r?\n/)
    .some((line) => line.replace(/\D/g, '').includes(myNumber));
}
