// The number a マイナンバーカード's QR code holds (src-shared/card-number.ts): twelve digits with a
// valid check digit, read however the text was written, and nothing when it is not that.
import { describe, expect, it } from 'vitest';
import { myNumberFromQrText } from '../../src-shared/card-number';
import { generateMyNumber } from '../support/numbers';

const NUMBER = generateMyNumber(11);
const OTHER = generateMyNumber(12);

describe('myNumberFromQrText', () => {
  it('reads the twelve digits the code holds', () => {
    expect(myNumberFromQrText(NUMBER)).toBe(NUMBER);
    expect(myNumberFromQrText(` ${NUMBER}\n`)).toBe(NUMBER);
  });

  it('reads them written in groups, with hyphens or in full width', () => {
    expect(myNumberFromQrText(`${NUMBER.slice(0, 4)} ${NUMBER.slice(4, 8)} ${NUMBER.slice(8)}`)).toBe(NUMBER);
    expect(myNumberFromQrText(`${NUMBER.slice(0, 4)}-${NUMBER.slice(4, 8)}-${NUMBER.slice(8)}`)).toBe(NUMBER);
    const wide = [...NUMBER].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
    expect(myNumberFromQrText(wide)).toBe(NUMBER);
  });

  it('finds the one number in a text around it', () => {
    expect(myNumberFromQrText(`個人番号:${NUMBER}`)).toBe(NUMBER);
    expect(myNumberFromQrText(`${NUMBER};${NUMBER}`)).toBe(NUMBER);
  });

  it('gives nothing for a wrong check digit, two different numbers, or digits of another length', () => {
    const wrong = `${NUMBER.slice(0, 11)}${(Number(NUMBER[11]) + 1) % 10}`;
    expect(myNumberFromQrText(wrong)).toBeNull();
    expect(myNumberFromQrText(`${NUMBER} ${OTHER}`.replace(' ', ';'))).toBeNull();
    expect(myNumberFromQrText(`${NUMBER}7`)).toBeNull();
    expect(myNumberFromQrText(NUMBER.slice(0, 11))).toBeNull();
    expect(myNumberFromQrText('https://example.com/')).toBeNull();
    expect(myNumberFromQrText('')).toBeNull();
  });
});
