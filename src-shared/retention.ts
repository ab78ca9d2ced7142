// Retention (保存期間) of a registrant's data after they leave (退職) or the relation ends
// (契約終了 etc.), and the day from which it is due for disposal (廃棄予定日). Pure: the core's
// due list and the UI's explanations use the same rule.
//
// A rule is "N years from a starting day":
//   'year_after' — from 1月11日 of the year after the end date (扶養控除等申告書: 7 years from
//                  the 11th of January after the year of its filing deadline, which for the
//                  last 申告書 an employee handed in is the year they left);
//   'end_date'   — from the end date itself (健康保険・厚生年金 documents: 2 years).
// The period runs N years from the starting day (民法143条: it ends the day before the
// corresponding day); the data is due for disposal on that corresponding day, or, when the
// starting day is 2月29日 and the final year has none, on 3月1日 (the period then ends with
// February).

export const RETENTION_BASES = ['year_after', 'end_date'] as const;
export type RetentionBasis = (typeof RETENTION_BASES)[number];

export interface RetentionRule {
  years: number;
  basis: RetentionBasis;
}

export const RETENTION_MAX_YEARS = 100;

/** The starting day of a 'year_after' period: 1月11日 of the following year. */
export const YEAR_AFTER_START = { month: 1, day: 11 } as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function parse(date: string): { y: number; m: number; d: number } | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

/** The day N years after `start` (YYYY-MM-DD), or 3月1日 when that year has no 2月29日. */
function addYears(start: { y: number; m: number; d: number }, years: number): string {
  const y = start.y + years;
  if (start.m === 2 && start.d === 29 && !isLeapYear(y)) return `${pad(y, 4)}-03-01`;
  return `${pad(y, 4)}-${pad(start.m)}-${pad(start.d)}`;
}

/** The first day of the retention period of data whose end date is `endDate`. */
export function retentionStart(endDate: string, basis: RetentionBasis): string | null {
  const end = parse(endDate);
  if (!end) return null;
  if (basis === 'end_date') return endDate;
  return `${pad(end.y + 1, 4)}-${pad(YEAR_AFTER_START.month)}-${pad(YEAR_AFTER_START.day)}`;
}

/**
 * The day from which the data is due for disposal, as YYYY-MM-DD; null without an end date
 * (someone still employed, or whose end nobody recorded, is never due) or with one that is not
 * a calendar date.
 */
export function disposalDueDate(endDate: string | null | undefined, rule: RetentionRule): string | null {
  if (!endDate) return null;
  const start = retentionStart(endDate, rule.basis);
  if (!start) return null;
  return addYears(parse(start)!, rule.years);
}

/**
 * For a registrant with several attributes (an employee who is also a shareholder): the data
 * is kept as long as the longest of their rules asks, so the latest due date wins.
 */
export function latestDueDate(endDate: string | null | undefined, rules: readonly RetentionRule[]): string | null {
  let latest: string | null = null;
  for (const rule of rules) {
    const due = disposalDueDate(endDate, rule);
    if (due !== null && (latest === null || due > latest)) latest = due;
  }
  return latest;
}
