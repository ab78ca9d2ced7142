// Normalising what people type into name and number fields.
import { describe, expect, it } from 'vitest';
import { formatMyNumber, isKatakana, normalizeMyNumberInput, toKatakana } from '../../src-shared/text';

describe('toKatakana', () => {
  it.each([
    ['やまだ', 'ヤマダ'],
    ['ﾔﾏﾀﾞ', 'ヤマダ'],
    ['ヤマダ', 'ヤマダ'],
    ['きょうこ', 'キョウコ'],
    ['ゔぁ', 'ヴァ'],
    ['ｺｰﾋｰ', 'コーヒー'],
    ['  やま　だ  ', 'ヤマ ダ'],
  ])('%s → %s', (typed, expected) => {
    expect(toKatakana(typed)).toBe(expected);
  });

  it('leaves what is not kana alone, so the check below can refuse it', () => {
    expect(toKatakana('Yamada')).toBe('Yamada');
    expect(isKatakana(toKatakana('Yamada'))).toBe(false);
  });
});

describe('isKatakana', () => {
  it('accepts katakana, the long-vowel mark, the middle dot and single spaces', () => {
    expect(isKatakana('スミス・ジョン')).toBe(true);
    expect(isKatakana('コーヒー')).toBe(true);
    expect(isKatakana('ヤマ ダ')).toBe(true);
  });

  it('refuses kanji, latin letters, digits and the empty string', () => {
    for (const value of ['山田', 'ヤマダ1', 'ﾔﾏﾀﾞ', 'Smith', '']) expect(isKatakana(value)).toBe(false);
  });
});

describe('normalizeMyNumberInput', () => {
  it('narrows full-width digits and drops spaces and hyphens of any width', () => {
    expect(normalizeMyNumberInput('１２３４ ５６７８　９０１２')).toBe('123456789012');
    expect(normalizeMyNumberInput('1234-5678‐9012')).toBe('123456789012');
    expect(normalizeMyNumberInput('1234－5678ー9012')).toBe('123456789012');
  });

  it('keeps anything else, so the digit check can refuse it', () => {
    expect(normalizeMyNumberInput('1234a')).toBe('1234a');
  });
});

describe('formatMyNumber', () => {
  it('groups the digits in fours', () => {
    expect(formatMyNumber('123456789012')).toBe('1234 5678 9012');
  });
});
