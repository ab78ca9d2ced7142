import { describe, expect, it } from 'vitest';
import { corporateNumberCheckDigit, isValidCorporateNumber, isValidMyNumber, myNumberCheckDigit } from '../../src-shared/mynumber';
import { generateMyNumber } from '../support/numbers';

describe('My Number check digit', () => {
  it('matches the published vector 12345678901 → 8', () => {
    expect(myNumberCheckDigit('12345678901')).toBe(8);
    expect(isValidMyNumber('123456789018')).toBe(true);
  });

  it('is 0 when the remainder is 0 or 1', () => {
    expect(myNumberCheckDigit('00000000000')).toBe(0);
  });

  it('catches every single-digit typo of a valid number', () => {
    const valid = generateMyNumber(42);
    expect(isValidMyNumber(valid)).toBe(true);
    for (let i = 0; i < 12; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === valid[i]) continue;
        expect(isValidMyNumber(valid.slice(0, i) + d + valid.slice(i + 1))).toBe(false);
      }
    }
  });

  it('refuses anything but 12 half-width digits', () => {
    for (const bad of ['12345678901', '1234567890188', '１２３４５６７８９０１８', '12345678901a', '']) expect(isValidMyNumber(bad)).toBe(false);
  });
});

describe('corporate number check digit', () => {
  it('accepts the published example 1180301018771 and refuses a typo', () => {
    expect(corporateNumberCheckDigit('180301018771')).toBe(1);
    expect(isValidCorporateNumber('1180301018771')).toBe(true);
    expect(isValidCorporateNumber('1180301018772')).toBe(false);
  });
});
