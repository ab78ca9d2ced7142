// The number as read from a document photo (src-shared/card-number.ts): from a QR code's text,
// and from the digits OCR found in print. The valid numbers here are 123456789018 (the check
// digit vector of REFERENCE.md) and generated ones; 123456789012 has a wrong check digit.
import { describe, expect, it } from 'vitest';
import { myNumberFromQrText, myNumbersInPrintedText, printedTextShows } from '../../src-shared/card-number';
import { generateMyNumber } from '../support/numbers';

const VALID = '123456789018';
const OTHER = generateMyNumber(7); // 000001601628
const WRONG_CHECK_DIGIT = '123456789012';

describe('myNumberFromQrText', () => {
  it('takes a code holding the twelve digits, as the back of the card does', () => {
    expect(myNumberFromQrText('123456789018')).toBe('123456789018');
    expect(myNumberFromQrText(OTHER)).toBe('000001601628');
  });

  it('takes them grouped, in full width, or among other text', () => {
    expect(myNumberFromQrText('1234 5678 9018')).toBe(VALID);
    expect(myNumberFromQrText('1234-5678-9018')).toBe(VALID);
    expect(myNumberFromQrText('１２３４５６７８９０１８')).toBe(VALID);
    expect(myNumberFromQrText('MN:123456789018;V:1')).toBe(VALID);
    expect(myNumberFromQrText(`${VALID}\n${VALID}`)).toBe(VALID);
  });

  it('refuses a wrong check digit, a block of another length, none, or two different numbers', () => {
    expect(myNumberFromQrText(WRONG_CHECK_DIGIT)).toBeNull();
    expect(myNumberFromQrText('1234567890181')).toBeNull();
    expect(myNumberFromQrText('012345678901 8')).toBeNull();
    expect(myNumberFromQrText('https://example.com/')).toBeNull();
    expect(myNumberFromQrText('')).toBeNull();
    expect(myNumberFromQrText(`${VALID},${OTHER}`)).toBeNull();
  });
});

describe('myNumbersInPrintedText', () => {
  it('finds a number printed in groups of four, with OCR noise around it on the line and elsewhere', () => {
    expect(myNumbersInPrintedText('1234 5678 9018\n')).toEqual([VALID]);
    expect(myNumbersInPrintedText('5 1234 5678 9018 7\n\n24 68 158\n57 2110858')).toEqual([VALID]);
    expect(myNumbersInPrintedText(`1234 5678 9018\n0000 0160 1628`)).toEqual([VALID, OTHER]);
  });

  it('takes twelve digits in one run only where asked (a 住民票 prints them so)', () => {
    expect(myNumbersInPrintedText('123456789018')).toEqual([]);
    expect(myNumbersInPrintedText('123456789018', { unbroken: true })).toEqual([VALID]);
  });

  it('takes nothing of another shape, across lines, or with a wrong check digit', () => {
    expect(myNumbersInPrintedText('12345678 9018')).toEqual([]);
    expect(myNumbersInPrintedText('1234 56789 018')).toEqual([]);
    expect(myNumbersInPrintedText('1234 5678\n9018')).toEqual([]);
    expect(myNumbersInPrintedText('1234 5678 9012')).toEqual([]);
    expect(myNumbersInPrintedText('')).toEqual([]);
  });
});

describe('printedTextShows', () => {
  it('finds the given number on one line even when OCR glued a group to stray digits or lost a space', () => {
    expect(printedTextShows('51234 5678 9018\n2\n7', VALID)).toBe(true);
    expect(printedTextShows('12345678 9018', VALID)).toBe(true);
    expect(printedTextShows('１２３４ ５６７８ ９０１８', VALID)).toBe(true);
  });

  it('does not find it across lines, with a digit wrong, or when the given number is not valid', () => {
    expect(printedTextShows('1234 5678\n9018', VALID)).toBe(false);
    expect(printedTextShows('1234 5678 9019', VALID)).toBe(false);
    expect(printedTextShows('1234 5678 9012', WRONG_CHECK_DIGIT)).toBe(false);
    expect(printedTextShows('', VALID)).toBe(false);
  });
});
