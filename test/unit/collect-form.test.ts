// The phone form's own logic (src-renderer/collect): the number field as it is typed (groups of
// four, the caret kept after the same digit), the number masked for the review, the problems of
// a number, a date, a dependent and a decline as message keys, and the submission it sends.
import { describe, expect, it } from 'vitest';
import { phoneApi } from '../../src-shared/contract/collect';
import {
  declineInput,
  declineProblem,
  dependentProblems,
  emptyDependent,
  liveNumberProblem,
  missingKinds,
  numberProblem,
  optionalDateProblem,
  savedDependent,
  submissionInput,
  type DependentDraft,
} from '../../src-renderer/collect/form-model';
import { maskMyNumber, reformatNumberInput } from '../../src-renderer/collect/number-input';
import { generateMyNumber } from '../support/numbers';

const NUMBER = generateMyNumber(21);
const SPOUSE_NUMBER = generateMyNumber(22);
const WRONG = `${NUMBER.slice(0, 11)}${(Number(NUMBER[11]) + 1) % 10}`;

describe('the number field', () => {
  it('shows the digits in groups of four as they are typed', () => {
    expect(reformatNumberInput('1')).toEqual({ digits: '1', text: '1', caret: 1 });
    expect(reformatNumberInput('1234')).toEqual({ digits: '1234', text: '1234', caret: 4 });
    expect(reformatNumberInput('12345')).toEqual({ digits: '12345', text: '1234 5', caret: 6 });
    expect(reformatNumberInput('1234 56789')).toEqual({ digits: '123456789', text: '1234 5678 9', caret: 11 });
  });

  it('keeps twelve digits at most, narrows full-width ones and drops anything else', () => {
    expect(reformatNumberInput('１２３４-５６７８-９０１２-３４')).toEqual({ digits: '123456789012', text: '1234 5678 9012', caret: 14 });
    expect(reformatNumberInput('12a3 4b')).toEqual({ digits: '1234', text: '1234', caret: 4 });
  });

  it('keeps the caret after the same digit when one is typed or deleted in the middle', () => {
    // "1234 5678" with 9 typed after the 2: "129 34 5678" → the caret after the 9 (third digit).
    expect(reformatNumberInput('1293 45678', 3)).toEqual({ digits: '129345678', text: '1293 4567 8', caret: 3 });
    // The 5 deleted from "1234 5678" (caret was after it): "1234 678", caret after the 4.
    expect(reformatNumberInput('1234 678', 5)).toEqual({ digits: '1234678', text: '1234 678', caret: 4 });
    expect(reformatNumberInput('', 0)).toEqual({ digits: '', text: '', caret: 0 });
  });

  it('masks a number for the review but for its last four digits', () => {
    expect(maskMyNumber('123456789012')).toBe('•••• •••• 9012');
    expect(maskMyNumber('')).toBe('');
  });
});

describe('problems, as message keys', () => {
  it('says a wrong check digit at once, and a short number only when asked', () => {
    expect(liveNumberProblem(WRONG)).toEqual({ key: 'validation.checkDigit', params: { field: 'myNumber' } });
    expect(liveNumberProblem(NUMBER.slice(0, 11))).toBeNull();
    expect(liveNumberProblem(NUMBER)).toBeNull();
    expect(numberProblem(NUMBER.slice(0, 11))).toEqual({ key: 'validation.byField.myNumber.format', params: { field: 'myNumber' } });
    expect(numberProblem('')).toEqual({ key: 'validation.required', params: { field: 'myNumber' } });
    expect(numberProblem(NUMBER)).toBeNull();
  });

  it('takes a blank optional date, and names a date that is not one', () => {
    expect(optionalDateProblem('birthDate', '')).toBeNull();
    expect(optionalDateProblem('birthDate', 'S60.4.1')).toBeNull();
    expect(optionalDateProblem('birthDate', '2023/2/30')).toEqual({ key: 'validation.date', params: { field: 'birthDate' } });
  });

  it("checks a dependent with the contract's schema, field by field", () => {
    const blank = emptyDependent();
    expect(dependentProblems(blank)).toEqual({
      relationship: { key: 'validation.required', params: { field: 'relationship' } },
      familyName: { key: 'validation.required', params: { field: 'familyName', minimum: 1 } },
      givenName: { key: 'validation.required', params: { field: 'givenName', minimum: 1 } },
      familyNameKana: { key: 'validation.required', params: { field: 'familyNameKana', minimum: 1 } },
      givenNameKana: { key: 'validation.required', params: { field: 'givenNameKana', minimum: 1 } },
    });
    const child = { ...spouse(), relationship: 'child' as const, givenNameKana: 'Hanako', myNumber: WRONG };
    expect(dependentProblems(child)).toEqual({
      givenNameKana: { key: 'validation.katakana', params: { field: 'givenNameKana' } },
      myNumber: { key: 'validation.checkDigit', params: { field: 'myNumber' } },
    });
    expect(dependentProblems(spouse())).toEqual({});
  });

  it('saves a dependent as the contract reads it, so the list shows what will be sent', () => {
    expect(savedDependent({ ...spouse(), familyName: ' 山田 ' })).toEqual({ ...spouse(), familyNameKana: 'ヤマダ', givenNameKana: 'ハナコ', birthDate: '1987-06-01' });
    expect(savedDependent({ ...spouse(), relationship: 'child' })).toMatchObject({ relationship: 'child', category3: false });
  });

  it('wants a reason to decline, without a number in it', () => {
    expect(declineProblem('  ')).toEqual({ key: 'validation.required', params: { field: 'reason', minimum: 1 } });
    expect(declineProblem(`番号は ${NUMBER} です`)).toEqual({ key: 'validation.noMyNumber', params: { field: 'reason' } });
    expect(declineProblem('家族の同意が得られないため')).toBeNull();
    expect(declineInput(' 家族の同意が得られないため ')).toEqual({ decline: { reason: '家族の同意が得られないため' } });
  });
});

function spouse(): DependentDraft {
  return {
    ...emptyDependent(),
    tempId: 'd-spouse',
    relationship: 'spouse',
    familyName: '山田',
    givenName: '花子',
    familyNameKana: 'やまだ',
    givenNameKana: 'ﾊﾅｺ',
    birthDate: '昭和62年6月1日',
    taxDependent: true,
    category3: true,
    myNumber: SPOUSE_NUMBER,
    documentSet: 'card',
  };
}

describe('the submission', () => {
  const sent: Record<string, string> = { 'self/card_front': 'doc-1', 'self/card_back': 'doc-2', 'd-spouse/card_front': 'doc-3', 'd-spouse/card_back': 'doc-4', 'self/photo_id': 'doc-old' };
  const documentIdOf = (subject: string, kind: string) => sent[`${subject}/${kind}`];

  it('names the photos of a set not yet sent', () => {
    expect(missingKinds('card', 'self', documentIdOf)).toEqual([]);
    expect(missingKinds('notice_card_and_id', 'self', documentIdOf)).toEqual(['notice_card']);
  });

  it("sends the number, the chosen set's photos of everyone, and the dependents as the contract reads them", () => {
    const input = submissionInput({ myNumber: NUMBER, documentSet: 'card', dependents: [spouse(), { ...spouse(), tempId: 'd-child', relationship: 'child', category3: true, myNumber: '', documentSet: null }] }, documentIdOf);
    expect(input).toEqual({
      myNumber: NUMBER,
      documentSet: 'card',
      documentIds: ['doc-1', 'doc-2', 'doc-3', 'doc-4'],
      dependents: [
        { tempId: 'd-spouse', relationship: 'spouse', familyName: '山田', givenName: '花子', familyNameKana: 'ヤマダ', givenNameKana: 'ハナコ', birthDate: '1987-06-01', taxDependent: true, category3: true, myNumber: SPOUSE_NUMBER, documentSet: 'card' },
        // 第3号 is a spouse's only: the box ticked before the relationship changed is dropped.
        { tempId: 'd-child', relationship: 'child', familyName: '山田', givenName: '花子', familyNameKana: 'ヤマダ', givenNameKana: 'ハナコ', birthDate: '1987-06-01', taxDependent: true, category3: false },
      ],
    });
    expect(phoneApi.submit.input.safeParse(input).success).toBe(true);
  });
});
