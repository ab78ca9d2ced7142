// The listener's kept upload buffers (lan/upload-buffers.ts): a buffer given back is zeroed where a
// body filled it and handed out again; no more than `keep` are kept; one given back twice is kept
// once, so two uploads never share it; and the free ones are let go once uploads stop.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createUploadBuffers } from '../../src-main/lan/upload-buffers';

afterEach(() => vi.useRealTimers());

const fill = (b: { bytes: Buffer; used: number }, n: number, value: number) => {
  b.bytes.fill(value, 0, n);
  b.used = n;
};

describe('upload buffers', () => {
  it('hand out a buffer of the capacity, and hand the same one out again once given back, zeroed', () => {
    const pool = createUploadBuffers({ capacity: 64 * 1024, keep: 2, idleMs: 1000 });
    const a = pool.take();
    expect(a.bytes.length).toBe(64 * 1024);
    expect(a.used).toBe(0);
    fill(a, 5000, 0xab);
    pool.give(a);
    expect(a.used).toBe(0);
    expect(a.bytes.subarray(0, 5000).equals(Buffer.alloc(5000))).toBe(true);
    expect(pool.take()).toBe(a);
  });

  it('give each taker its own buffer while others are out', () => {
    const pool = createUploadBuffers({ capacity: 1024, keep: 4, idleMs: 1000 });
    const taken = [pool.take(), pool.take(), pool.take()];
    expect(new Set(taken.map((b) => b.bytes)).size).toBe(3);
  });

  it('keep at most `keep` free buffers', () => {
    const pool = createUploadBuffers({ capacity: 1024, keep: 2, idleMs: 1000 });
    const taken = [pool.take(), pool.take(), pool.take()];
    for (const b of taken) pool.give(b);
    expect(pool.free()).toBe(2);
  });

  it('keep a buffer given back twice only once, so the next two takers get different ones', () => {
    const pool = createUploadBuffers({ capacity: 1024, keep: 4, idleMs: 1000 });
    const a = pool.take();
    pool.give(a);
    pool.give(a);
    expect(pool.free()).toBe(1);
    expect(pool.take()).not.toBe(pool.take());
  });

  it('let the free buffers go after idleMs without an upload, and not while uploads come', () => {
    vi.useFakeTimers();
    const pool = createUploadBuffers({ capacity: 1024, keep: 4, idleMs: 30_000 });
    pool.give(pool.take());
    vi.advanceTimersByTime(20_000);
    const again = pool.take();
    vi.advanceTimersByTime(20_000);
    pool.give(again);
    vi.advanceTimersByTime(29_000);
    expect(pool.free()).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(pool.free()).toBe(0);
  });

  it('let them go at once when cleared', () => {
    const pool = createUploadBuffers({ capacity: 1024, keep: 4, idleMs: 30_000 });
    pool.give(pool.take());
    pool.clear();
    expect(pool.free()).toBe(0);
  });
});
