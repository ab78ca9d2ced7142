import { describe, expect, it } from 'vitest';
import { orderedUuid } from '../../src-main/core/platform/ids';

describe('orderedUuid', () => {
  it('makes UUID version 7 ids, each a new one, that sort in the order they were made (more than one draw of random bytes)', () => {
    const ids = Array.from({ length: 10_000 }, () => orderedUuid());
    expect(ids.filter((id) => !/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(10_000);
    // Their last 64 bits are random, never the same bytes again, across the draws.
    expect(new Set(ids.map((id) => id.slice(19))).size).toBe(10_000);
    expect([...ids].sort()).toEqual(ids);
  });

  it('writes the millisecond it was made in its first 48 bits (a later one than any id before it)', () => {
    expect(orderedUuid(Date.UTC(2030, 0, 1)).slice(0, 13)).toBe('01b8dac5-b400');
  });
});
