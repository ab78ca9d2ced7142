// Dates as people type them: 西暦 (1985-04-01, 1985/4/1, 1985.4.1, 1985年4月1日, 19850401) or
// 和暦 (S60.4.1, 昭和60年4月1日, 令和元年5月1日, ㍻31.4.30 …), in full- or half-width, become
// one ISO date (YYYY-MM-DD). The one parser of the app: the contract's date fields, the forms
// and the CSV import all go through it. Pure; no Node, no DOM.

export interface Era {
  /** 元号 as written in full. */
  name: string;
  /** The one-letter abbreviation (M, T, S, H, R). */
  letter: string;
  /** The first day of the era that this parser accepts (inclusive). */
  start: string;
  /** The last day of the era (inclusive); null for the current one. */
  end: string | null;
  /** Western year = era year + offset. */
  offset: number;
}

/**
 * The eras since Japan took the Gregorian calendar. 明治 is accepted from 明治6年1月1日
 * (1873-01-01): before that the dates were of the lunisolar calendar, which this parser does
 * not convert.
 */
export const ERAS: readonly Era[] = [
  { name: '明治', letter: 'M', start: '1873-01-01', end: '1912-07-29', offset: 1867 },
  { name: '大正', letter: 'T', start: '1912-07-30', end: '1926-12-24', offset: 1911 },
  { name: '昭和', letter: 'S', start: '1926-12-25', end: '1989-01-07', offset: 1925 },
  { name: '平成', letter: 'H', start: '1989-01-08', end: '2019-04-30', offset: 1988 },
  { name: '令和', letter: 'R', start: '2019-05-01', end: null, offset: 2018 },
];

/**
 * Why a text is not a date: `format` — not written in a way this parser reads; `date` — no
 * such day (2月30日, 13月); `era` — a day outside its era (平成31年5月1日, 昭和64年1月8日).
 */
export type DateProblem = 'format' | 'date' | 'era';

export type ParsedDate = { ok: true; iso: string } | { ok: false; problem: DateProblem };

const WESTERN_SEPARATED = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const WESTERN_KANJI = /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/;
const WESTERN_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const ERA_NAMES = ERAS.flatMap((e) => [e.name, e.name[0]!, e.letter]).join('|');
const JAPANESE = new RegExp(`^(${ERA_NAMES})(元|\\d{1,2})(?:年(\\d{1,2})月(\\d{1,2})日?|([-/.])(\\d{1,2})\\5(\\d{1,2}))$`, 'i');

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The ISO date of a western year, month and day, or null when there is no such day. */
function isoOf(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function eraOf(written: string): Era {
  const upper = written.toUpperCase();
  return ERAS.find((e) => e.name === written || e.name[0] === written || e.letter === upper)!;
}

/** Full-width digits and letters narrowed, ㍻-style ligatures spelled out, spaces dropped. */
function normalize(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[‐‑‒–—―−ー]/g, '-');
}

export function parseDate(input: string): ParsedDate {
  const text = normalize(input);
  const western = WESTERN_SEPARATED.exec(text) ?? WESTERN_KANJI.exec(text) ?? WESTERN_COMPACT.exec(text);
  if (western) {
    const [year, month, day] = (western.length === 5 ? [western[1], western[3], western[4]] : [western[1], western[2], western[3]]).map(Number) as [number, number, number];
    if (year < 1000) return { ok: false, problem: 'format' };
    const iso = isoOf(year, month, day);
    return iso ? { ok: true, iso } : { ok: false, problem: 'date' };
  }
  const japanese = JAPANESE.exec(text);
  if (!japanese) return { ok: false, problem: 'format' };
  const era = eraOf(japanese[1]!);
  const eraYear = japanese[2] === '元' ? 1 : Number(japanese[2]);
  const month = Number(japanese[3] ?? japanese[6]);
  const day = Number(japanese[4] ?? japanese[7]);
  if (eraYear < 1) return { ok: false, problem: 'date' };
  const iso = isoOf(era.offset + eraYear, month, day);
  if (!iso) return { ok: false, problem: 'date' };
  if (iso < era.start || (era.end !== null && iso > era.end)) return { ok: false, problem: 'era' };
  return { ok: true, iso };
}

/** 昭和60年4月1日 for 1985-04-01 (元年 for the first year); null before 明治6年 or for a malformed ISO date. */
export function formatWareki(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m || isoOf(Number(m[1]), Number(m[2]), Number(m[3])) !== iso) return null;
  const era = [...ERAS].reverse().find((e) => iso >= e.start);
  if (!era) return null;
  const year = Number(m[1]) - era.offset;
  return `${era.name}${year === 1 ? '元' : year}年${Number(m[2])}月${Number(m[3])}日`;
}
