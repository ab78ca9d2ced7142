// The proxy-entry form's own logic (src-renderer/admin/submissions/proxy-entry.ts): which
// dependents it sends, how the contract's issues land on the fields that were typed, and the
// input it sends, normalised by the contract.
import { describe, expect, it } from 'vitest';
import type { DependentRow } from '../../src-shared/contract';
import { initialValues, newAdded, proxyInput, validateProxy, type ProxyValues } from '../../src-renderer/admin/submissions/proxy-entry';
import { generateMyNumber } from '../support/numbers';

const onRecord: DependentRow[] = [
  {
    id: 'dep-1',
    registrantId: 'reg-1',
    relationship: 'spouse',
    familyName: '山田',
    givenName: '花子',
    familyNameKana: 'ヤマダ',
    givenNameKana: 'ハナコ',
    birthDate: '1987-06-01',
    taxDependent: false,
    category3: true,
    hasMyNumber: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  },
  {
    id: 'dep-2',
    registrantId: 'reg-1',
    relationship: 'child',
    familyName: '山田',
    givenName: '一郎',
    familyNameKana: 'ヤマダ',
    givenNameKana: 'イチロウ',
    birthDate: null,
    taxDependent: true,
    category3: false,
    hasMyNumber: true,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  },
];

function withTypos(values: ProxyValues): ProxyValues {
  const valid = generateMyNumber(7);
  const wrong = valid.slice(0, 11) + String((Number(valid[11]) + 1) % 10);
  const added = { ...newAdded(), relationship: 'child' as const, familyName: '山田', givenName: '', familyNameKana: 'やまだ', givenNameKana: 'じろう', myNumber: wrong };
  return { ...values, existing: [values.existing[0]!, { ...values.existing[1]!, myNumber: wrong }], added: [added] };
}

describe('proxy entry form', () => {
  it('maps the contract issues of the sent list back to the fields typed', () => {
    const errors = validateProxy(withTypos(initialValues(onRecord)), onRecord, true, 'own number required');
    // Only the second dependent on record was given a number: its problem is there, not on the first.
    expect(Object.keys(errors).sort()).toEqual(['added.0.givenName', 'added.0.myNumber', 'existing.1.myNumber']);
  });

  it('asks for the own number when none is held, and for something when nothing is typed', () => {
    expect(validateProxy(initialValues(onRecord), onRecord, false, 'own number required')).toEqual({ myNumber: 'own number required' });
    expect(Object.keys(validateProxy(initialValues(onRecord), onRecord, true, 'x'))).toEqual(['myNumber']);
  });

  it('sends a dependent on record whole, with its stored fields, and readings in katakana', () => {
    const own = generateMyNumber(11);
    const spouse = generateMyNumber(12);
    const child = generateMyNumber(13);
    const values = initialValues(onRecord);
    values.myNumber = `${own.slice(0, 4)}-${own.slice(4, 8)}-${own.slice(8)}`;
    values.existing[0]!.myNumber = spouse;
    values.added = [{ ...newAdded(), relationship: 'child', familyName: '山田', givenName: '次郎', familyNameKana: 'やまだ', givenNameKana: 'じろう', myNumber: child }];
    expect(validateProxy(values, onRecord, false, 'x')).toEqual({});
    const input = proxyInput('reg-1', values, onRecord);
    expect(input.myNumber).toBe(own);
    expect(input.dependents).toHaveLength(2);
    expect(input.dependents![0]).toMatchObject({ dependentId: 'dep-1', relationship: 'spouse', givenName: '花子', birthDate: '1987-06-01', category3: true, myNumber: spouse });
    expect(input.dependents![1]).toMatchObject({ relationship: 'child', familyNameKana: 'ヤマダ', givenNameKana: 'ジロウ', myNumber: child });
    expect(input.dependents![1]).not.toHaveProperty('key');
  });
});
