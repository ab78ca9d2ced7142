// What a file's rows share: one copy of a value many rows repeat, the lists frozen so a row
// cannot change another's, and no more than a bound of distinct values held.
import { describe, expect, it } from 'vitest';
import { createSharedValues } from '../../src-main/core/modules/csv/shared-values';

describe("a file's shared values", () => {
  it('give back a text as it is (a string shared is the same value: only memory tells them apart)', () => {
    const shared = createSharedValues();
    expect(shared.text('山田')).toBe('山田');
    expect(shared.text('山田')).toBe('山田');
  });

  it('give back the first list of the same items, frozen, and never the caller’s own array', () => {
    const shared = createSharedValues();
    const mine = ['employee', 'shareholder'];
    const kept = shared.list(mine);
    expect(kept).not.toBe(mine);
    expect(kept).toEqual(['employee', 'shareholder']);
    expect(Object.isFrozen(kept)).toBe(true);
    expect(shared.list(['employee', 'shareholder'])).toBe(kept);
    expect(shared.list(['shareholder', 'employee'])).not.toBe(kept);
    expect(() => kept.push('other')).toThrow(TypeError);
    mine.push('other');
    expect(shared.list(['employee', 'shareholder'])).toEqual(['employee', 'shareholder']);
  });

  it('keep an empty list and a list of one apart', () => {
    const shared = createSharedValues();
    expect(shared.list([])).toEqual([]);
    expect(shared.list([''])).toEqual(['']);
    expect(shared.list([''])).not.toBe(shared.list([]));
  });

  it('leave long lists unshared, and as they are', () => {
    const shared = createSharedValues();
    const many = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    expect(shared.list(many)).toBe(many);
    expect(Object.isFrozen(many)).toBe(false);
  });

  it('hold at most 20,000 distinct lists, the first ones met', () => {
    const shared = createSharedValues();
    const first = shared.list(['c0']);
    for (let i = 1; i < 20_000; i++) shared.list([`c${i}`]);
    expect(shared.list(['c0'])).toBe(first);
    const late = shared.list(['c20000']);
    expect(late).toEqual(['c20000']);
    expect(shared.list(['c20000'])).not.toBe(late);
  });
});
