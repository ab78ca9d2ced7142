// The disposal due date (廃棄予定日) of data whose leave or end date is known: N years from
// 1月11日 of the year after it ('year_after', employees by default), or from the date itself
// ('end_date'); with no date, never.
import { describe, expect, it } from 'vitest';
import { disposalDueDate, latestDueDate, retentionStart } from '../../src-shared/retention';

const employee = { years: 7, basis: 'year_after' } as const;
const twoYears = { years: 2, basis: 'end_date' } as const;

describe('the disposal due date', () => {
  it('runs 7 years from 1月11日 of the year after leaving, for an employee', () => {
    expect(disposalDueDate('2025-03-31', employee)).toBe('2033-01-11');
    expect(retentionStart('2025-03-31', 'year_after')).toBe('2026-01-11');
  });

  it('puts a leave on 12月31日 and one on the next 1月1日 a whole year apart', () => {
    expect(disposalDueDate('2025-12-31', employee)).toBe('2033-01-11');
    expect(disposalDueDate('2026-01-01', employee)).toBe('2034-01-11');
    expect(disposalDueDate('2026-01-10', employee)).toBe('2034-01-11');
    expect(disposalDueDate('2026-01-11', employee)).toBe('2034-01-11');
    expect(disposalDueDate('2026-12-31', employee)).toBe('2034-01-11');
  });

  it('counts from the end date itself for an end_date rule, year ends included', () => {
    expect(disposalDueDate('2025-12-31', twoYears)).toBe('2027-12-31');
    expect(disposalDueDate('2026-01-01', twoYears)).toBe('2028-01-01');
  });

  it('takes a leap day to 3月1日 in a year without one, and keeps it in a year with one', () => {
    expect(disposalDueDate('2024-02-29', twoYears)).toBe('2026-03-01');
    expect(disposalDueDate('2024-02-29', { years: 4, basis: 'end_date' })).toBe('2028-02-29');
    expect(disposalDueDate('2024-02-29', { years: 100, basis: 'end_date' })).toBe('2124-02-29');
    expect(disposalDueDate('2000-02-29', { years: 100, basis: 'end_date' })).toBe('2100-03-01');
    expect(disposalDueDate('2024-02-29', employee)).toBe('2032-01-11');
    expect(disposalDueDate('2024-02-28', twoYears)).toBe('2026-02-28');
  });

  it('is the end date itself for a rule of 0 years', () => {
    expect(disposalDueDate('2026-05-15', { years: 0, basis: 'end_date' })).toBe('2026-05-15');
    expect(disposalDueDate('2026-05-15', { years: 0, basis: 'year_after' })).toBe('2027-01-11');
  });

  it('gives no due date without a leave date, or with one that is not a calendar date', () => {
    expect(disposalDueDate(null, employee)).toBeNull();
    expect(disposalDueDate(undefined, employee)).toBeNull();
    expect(disposalDueDate('', employee)).toBeNull();
    expect(disposalDueDate('2025-02-29', employee)).toBeNull();
    expect(disposalDueDate('2025-13-01', employee)).toBeNull();
    expect(disposalDueDate('2025/03/31', employee)).toBeNull();
  });

  it('keeps the data as long as the longest rule of the attributes asks', () => {
    expect(latestDueDate('2025-12-31', [twoYears, employee])).toBe('2033-01-11');
    expect(latestDueDate('2025-12-31', [twoYears])).toBe('2027-12-31');
    expect(latestDueDate(null, [twoYears, employee])).toBeNull();
    expect(latestDueDate('2025-12-31', [])).toBeNull();
  });
});
