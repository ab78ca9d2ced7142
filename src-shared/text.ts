// Normalising what people type: kana in either script or width becomes full-width katakana,
// and a My Number typed with full-width digits, spaces or hyphens becomes 12 plain digits.
// Pure functions, used by the forms (as you type) and by the core (as the rule).

/** U+3041–U+3096: one UTF-16 unit each, so replaced unit by unit. */
const HIRAGANA = /[\u3041-\u3096]/g;
const KATAKANA_OFFSET = 0x60;

/** Full-width katakana: NFKC widens half-width kana; hiragana is shifted to katakana. */
export function toKatakana(value: string): string {
  return value
    .normalize('NFKC')
    .replace(HIRAGANA, (ch) => String.fromCharCode(ch.charCodeAt(0) + KATAKANA_OFFSET))
    .replace(/[\s\u3000]+/g, ' ')
    .trim();
}

/** Katakana, the prolonged sound mark, middle dot and single spaces: what a フリガナ field holds. */
export function isKatakana(value: string): boolean {
  return /^[\u30A1-\u30FA\u30FC\u30FB ]+$/.test(value);
}

/** Digits only: full-width digits narrowed, spaces and hyphens of any width dropped. */
export function normalizeMyNumberInput(value: string): string {
  return value.normalize('NFKC').replace(/[\s\u3000\-\u2010-\u2015\u2212\u30FC]/g, '');
}

/** 1234 5678 9012: how a revealed number is shown, in groups of four. */
export function formatMyNumber(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}
