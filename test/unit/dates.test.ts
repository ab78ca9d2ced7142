// The one date parser (src-shared/dates.ts): 西暦 and 和暦 as people type them, in either
// width, become one ISO date; an impossible day, or a day outside its era, is refused with the
// reason; and the contract's date fields read dates through it and say why in both languages.
import { describe, expect, it } from 'vitest';
import { formatWareki, parseDate } from '../../src-shared/dates';
import { fields } from '../../src-shared/contract';
import { describeIssue, formatMessage } from '../../src-shared/messages';
import { z } from '../../src-shared/contract/zod';

describe('reading a date', () => {
  it.each([
    ['1985-04-01', '1985-04-01'],
    ['1985/4/1', '1985-04-01'],
    ['1985.4.1', '1985-04-01'],
    ['1985年4月1日', '1985-04-01'],
    ['1985年4月1', '1985-04-01'],
    ['19850401', '1985-04-01'],
    ['１９８５／０４／０１', '1985-04-01'],
    ['1985ー4ー1', '1985-04-01'],
    ['S60.4.1', '1985-04-01'],
    ['s60/4/1', '1985-04-01'],
    ['Ｓ６０．４．１', '1985-04-01'],
    ['昭和60年4月1日', '1985-04-01'],
    [' 昭和 60年 4月 1日 ', '1985-04-01'],
    ['昭60.4.1', '1985-04-01'],
    ['令和7年1月1日', '2025-01-01'],
    ['R7.1.1', '2025-01-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['R元.5.1', '2019-05-01'],
    ['R1.5.1', '2019-05-01'],
    ['平成31年4月30日', '2019-04-30'],
    ['㍻31.4.30', '2019-04-30'],
    ['昭和64年1月7日', '1989-01-07'],
    ['平成元年1月8日', '1989-01-08'],
    ['H01.01.08', '1989-01-08'],
    ['大正15年12月24日', '1926-12-24'],
    ['昭和元年12月25日', '1926-12-25'],
    ['明治45年7月29日', '1912-07-29'],
    ['大正元年7月30日', '1912-07-30'],
    ['M6.1.1', '1873-01-01'],
    ['2024-02-29', '2024-02-29'],
    ['H12.2.29', '2000-02-29'],
  ])('reads %s as %s', (typed, iso) => {
    expect(parseDate(typed)).toEqual({ ok: true, iso });
  });

  it.each([
    ['平成31年5月1日', 'era'],
    ['H31.5.1', 'era'],
    ['令和元年4月30日', 'era'],
    ['昭和64年1月8日', 'era'],
    ['平成元年1月7日', 'era'],
    ['大正15年12月25日', 'era'],
    ['昭和元年12月24日', 'era'],
    ['明治5年12月31日', 'era'],
    ['2023-02-29', 'date'],
    ['2023-02-30', 'date'],
    ['1900-02-29', 'date'],
    ['令和5年2月29日', 'date'],
    ['H31.4.31', 'date'],
    ['1985-13-01', 'date'],
    ['1985-00-10', 'date'],
    ['1985-04-00', 'date'],
    ['平成0年1月1日', 'date'],
    ['85/4/1', 'format'],
    ['1985-4', 'format'],
    ['昭和60年', 'format'],
    ['X60.4.1', 'format'],
    ['1985/04-01', 'format'],
    ['1985-04-01T00:00:00Z', 'format'],
    ['0985-04-01', 'format'],
    ['', 'format'],
  ])('refuses %s (%s)', (typed, problem) => {
    expect(parseDate(typed)).toEqual({ ok: false, problem });
  });
});

describe('writing a date in 和暦', () => {
  it.each([
    ['1985-04-01', '昭和60年4月1日'],
    ['2019-04-30', '平成31年4月30日'],
    ['2019-05-01', '令和元年5月1日'],
    ['1989-01-07', '昭和64年1月7日'],
    ['1989-01-08', '平成元年1月8日'],
    ['2025-01-01', '令和7年1月1日'],
  ])('writes %s as %s', (iso, wareki) => {
    expect(formatWareki(iso)).toBe(wareki);
  });

  it('writes nothing before 明治6年 or for something that is not a date', () => {
    expect(formatWareki('1872-12-31')).toBeNull();
    expect(formatWareki('2023-02-30')).toBeNull();
    expect(formatWareki('S60.4.1')).toBeNull();
  });
});

describe('a date field of the contract', () => {
  const form = z.object({ hireDate: fields.date });
  const messages = (typed: string) => {
    const r = form.safeParse({ hireDate: typed });
    if (r.success) return r.data.hireDate;
    const ref = describeIssue(r.error.issues[0]!);
    return [formatMessage('ja', ref.key, ref.params), formatMessage('en', ref.key, ref.params)];
  };

  it('keeps the ISO date of what was typed', () => {
    expect(messages('昭和60年4月1日')).toBe('1985-04-01');
  });

  it('says why a date is refused, in Japanese and in English', () => {
    expect(messages('平成31年5月1日')).toEqual([
      '入社日の元号と年が合いません（平成は31年4月30日まで、令和は元年5月1日から、など）',
      'Hire date: the year does not fit the era (Heisei ends on 31.4.30, Reiwa begins on 1.5.1, and so on)',
    ]);
    expect(messages('2023-02-30')).toEqual(['入社日が正しい日付ではありません', 'Hire date is not a real date']);
    expect(messages('4/1')).toEqual([
      '入社日は 1985-04-01、1985/4/1、S60.4.1、昭和60年4月1日 のように入力してください',
      'Write Hire date like 1985-04-01, 1985/4/1, S60.4.1 or 昭和60年4月1日',
    ]);
    expect(messages('1899-12-31')).toEqual([
      '入社日は1900年1月1日から2099年12月31日までの日付にしてください',
      'Hire date must be between 1 January 1900 and 31 December 2099',
    ]);
  });
});
