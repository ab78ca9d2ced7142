// The semaphore that bounds the phone uploads: never more holders than its limit, waiters served
// in arrival order, a waiter that gives up (its wait ran out, or its client went away) leaves
// the queue and is never handed a slot, and a release given twice frees one slot only.
import { describe, expect, it } from 'vitest';
import { createSemaphore } from '../../src-main/core/kernel/semaphore';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the semaphore', () => {
  it('lets at most its limit of holders in at a time, and every task through', async () => {
    const slots = createSemaphore(3);
    let inside = 0;
    let peak = 0;
    const done: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const release = await slots.acquire();
        expect(release).not.toBeNull();
        inside++;
        peak = Math.max(peak, inside, slots.load().active);
        await sleep(1 + ((i * 7) % 5));
        inside--;
        done.push(i);
        release!();
      }),
    );
    expect(peak).toBe(3);
    expect(done).toHaveLength(20);
    expect(slots.load()).toEqual({ limit: 3, active: 0, waiting: 0 });
  });

  it('serves waiters in the order they came', async () => {
    const slots = createSemaphore(1);
    const first = (await slots.acquire())!;
    const order: string[] = [];
    const waiters = ['b', 'c', 'd'].map(async (name) => {
      const release = (await slots.acquire())!;
      order.push(name);
      await sleep(1);
      release();
    });
    expect(slots.load()).toEqual({ limit: 1, active: 1, waiting: 3 });
    first();
    await Promise.all(waiters);
    expect(order).toEqual(['b', 'c', 'd']);
  });

  it('answers null once the wait runs out, and the slot freed later goes to the next waiter', async () => {
    const slots = createSemaphore(1);
    const held = (await slots.acquire())!;
    const impatient = slots.acquire({ maxWaitMs: 20 });
    const patient = slots.acquire({ maxWaitMs: 5_000 });
    expect(await impatient).toBeNull();
    expect(slots.load()).toEqual({ limit: 1, active: 1, waiting: 1 });
    held();
    const release = await patient;
    expect(release).toBeTypeOf('function');
    expect(slots.load()).toEqual({ limit: 1, active: 1, waiting: 0 });
    release!();
    expect(slots.load().active).toBe(0);
  });

  it('drops a waiter whose signal aborts, and refuses at once one already aborted', async () => {
    const slots = createSemaphore(1);
    const held = (await slots.acquire())!;
    const controller = new AbortController();
    const leaving = slots.acquire({ signal: controller.signal });
    controller.abort();
    expect(await leaving).toBeNull();
    expect(slots.load().waiting).toBe(0);
    expect(await slots.acquire({ signal: AbortSignal.abort() })).toBeNull();
    held();
    expect(slots.load().active).toBe(0);
  });

  it('frees one slot only when a release is called twice', async () => {
    const slots = createSemaphore(2);
    const a = (await slots.acquire())!;
    (await slots.acquire())!;
    a();
    a();
    expect(slots.load().active).toBe(1);
  });

  it('refuses a limit below one', () => {
    expect(() => createSemaphore(0)).toThrow(RangeError);
    expect(() => createSemaphore(1.5)).toThrow(RangeError);
  });

  it('is quiet only once no slot has been held or waited for during the time asked', async () => {
    const slots = createSemaphore(1);
    const start = performance.now();
    await slots.whenQuiet(50); // never used: quiet at once
    expect(performance.now() - start).toBeLessThan(40);

    const release = (await slots.acquire())!;
    let quietAt = 0;
    const quiet = slots.whenQuiet(80).then(() => (quietAt = performance.now()));
    await sleep(100);
    expect(quietAt).toBe(0); // still held
    const releasedAt = performance.now();
    release();
    await sleep(40);
    // Used again before the 80 ms had passed: the quiet time starts over from this release.
    (await slots.acquire())!();
    const lastUse = performance.now();
    await quiet;
    expect(quietAt - lastUse).toBeGreaterThanOrEqual(75);
    expect(quietAt - releasedAt).toBeGreaterThanOrEqual(115);
  });
});
