// What the registrant list's free text is matched against, and how a typed search becomes
// index queries. A row's searchable fields (name, reading, employee code, e-mail) and a typed
// word are normalized alike: NFKC (full-width ASCII narrowed, half-width kana widened),
// hiragana as katakana, lower case. Then each word must be found, in part, in one field:
//   3 characters or more  the FTS5 trigram index over search_doc (registrant_fts);
//   1 or 2 characters     the field's 1- and 2-character pieces, kept as tokens (registrant_grams).
// Both answer exactly (a substring of one field), so no row is re-checked afterwards.
import { toKatakana } from '../../../../src-shared/text';

/** Bump when the normalization or the pieces change: the core then rewrites every doc once. */
export const SEARCH_VERSION = 1;

/** Between the fields of a doc: never in a typed word, so no match spans two fields. */
const FIELD_SEPARATOR = '\u001f';
const MAX_WORDS = 5;

export interface SearchableFields {
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  employeeCode?: string | null | undefined;
  email?: string | null | undefined;
}

/** NFKC, katakana, lower case, no control characters, single spaces. */
export function normalizeForSearch(text: string): string {
  return toKatakana(text.replace(/\p{Cc}/gu, ' ')).toLowerCase();
}

function fieldsOf(f: SearchableFields): string[] {
  return [
    normalizeForSearch(f.familyName + f.givenName),
    normalizeForSearch(f.familyNameKana + f.givenNameKana),
    normalizeForSearch(f.employeeCode ?? ''),
    normalizeForSearch(f.email ?? ''),
  ];
}

const tokens = new Map<string, string>();

/** The token standing for a piece of one or two characters: its UTF-8 bytes in hex (memoized). */
function pieceToken(piece: string): string {
  let token = tokens.get(piece);
  if (token === undefined) {
    if (tokens.size > 100_000) tokens.clear();
    token = `g${Buffer.from(piece, 'utf8').toString('hex')}`;
    tokens.set(piece, token);
  }
  return token;
}

/** Every 1- and 2-character piece of each field (none across two fields or a space), as tokens. */
function gramsOf(fields: string[]): string {
  const found = new Set<string>();
  for (const field of fields) {
    const chars = Array.from(field);
    for (let i = 0; i < chars.length; i++) {
      if (chars[i] === ' ') continue;
      found.add(pieceToken(chars[i]!));
      if (i + 1 < chars.length && chars[i + 1] !== ' ') found.add(pieceToken(chars[i]! + chars[i + 1]!));
    }
  }
  return [...found].join(' ');
}

/**
 * What the index holds of a row: `doc` (search_doc: the normalized fields one after another,
 * for the trigram index) and `grams` (their 1- and 2-character pieces, for registrant_grams).
 */
export function searchEntry(f: SearchableFields): { doc: string; grams: string } {
  const fields = fieldsOf(f);
  return { doc: fields.join(FIELD_SEPARATOR), grams: gramsOf(fields) };
}

export interface SearchQuery {
  /** An FTS5 expression for registrant_fts (trigram), or null when no word is that long. */
  trigram: string | null;
  /** An FTS5 expression for registrant_grams, or null when no word is that short. */
  grams: string | null;
}

/** The typed text as index queries; null when it holds no word. */
export function searchQuery(text: string): SearchQuery | null {
  const words = [...new Set(normalizeForSearch(text).split(' ').filter(Boolean))].slice(0, MAX_WORDS);
  if (words.length === 0) return null;
  const long = words.filter((w) => Array.from(w).length >= 3);
  const short = words.filter((w) => Array.from(w).length < 3);
  return {
    // A phrase in double quotes is taken literally (a quote inside is doubled).
    trigram: long.length ? long.map((w) => `"${w.replaceAll('"', '""')}"`).join(' AND ') : null,
    grams: short.length ? short.map(pieceToken).join(' AND ') : null,
  };
}
