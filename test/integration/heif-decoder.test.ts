// HEIC/HEIF photos are decoded on worker threads (documents/heif-decoder.ts), not on the core's
// event loop: a timer keeps its pace while a large photo decodes; the pixels come back with the
// photo's size; a truncated file is unreadable and a photo of more pixels than allowed is refused
// before it is decoded; no more threads than asked for run, an idle one is ended, and one that
// takes too long is stopped and its photo refused. Photos made here with heif-enc.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHeifDecoder, type HeifDecoder } from '../../src-main/core/modules/documents/heif-decoder';
import { timerPace } from '../support/event-loop';
import { heicPicture } from '../support/images';

let small: Buffer;
let large: Buffer;
const decoders: HeifDecoder[] = [];
const decoder = (options: Parameters<typeof createHeifDecoder>[0] = {}) => {
  const d = createHeifDecoder(options);
  decoders.push(d);
  return d;
};

beforeAll(async () => {
  small = await heicPicture(320, 240);
  large = await heicPicture(1600, 1200, { fast: true });
}, 120_000);
afterEach(async () => {
  await Promise.all(decoders.splice(0).map((d) => d.close()));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('decoding HEIC off the event loop', () => {
  it('keeps the event loop free while a large photo decodes, and gives back its pixels', async () => {
    const heif = decoder();
    await heif.decode(small, 50_000_000); // the thread started and libheif loaded
    const { value: result, took, longestGap } = await timerPace(() => heif.decode(large, 50_000_000));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([result.width, result.height, result.pixels.length]).toEqual([1600, 1200, 1600 * 1200 * 4]);
    // On the event loop the ticker would have stood still for the whole decode.
    expect(took, 'the decode should take long enough to tell').toBeGreaterThan(300);
    expect(longestGap).toBeLessThan(150);
  });

  it('refuses a truncated file as unreadable and too many pixels before decoding, and keeps the thread', async () => {
    const heif = decoder();
    expect(await heif.decode(small.subarray(0, small.length >> 1), 50_000_000)).toEqual({ ok: false, reason: 'unreadable' });
    expect(await heif.decode(small, 320 * 240 - 1)).toEqual({ ok: false, reason: 'tooManyPixels' });
    expect(heif.threads()).toBe(1);
    expect((await heif.decode(small, 50_000_000)).ok).toBe(true);
  });

  it('runs no more threads than asked for, and ends a thread left idle', async () => {
    const heif = decoder({ threads: 2, idleMs: 300 });
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const r = heif.decode(small, 50_000_000);
        most = Math.max(most, heif.threads());
        return r;
      }),
    );
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true]);
    expect(most).toBe(2);
    expect(heif.threads()).toBeGreaterThan(0);
    await sleep(1_000);
    expect(heif.threads()).toBe(0);
  });

  it('stops a decode that takes too long and refuses the photo', async () => {
    const heif = decoder({ timeoutMs: 50 });
    expect(await heif.decode(large, 50_000_000)).toEqual({ ok: false, reason: 'unreadable' });
    expect(heif.threads()).toBe(0);
    expect((await decoder().decode(small, 50_000_000)).ok).toBe(true);
  });
});
