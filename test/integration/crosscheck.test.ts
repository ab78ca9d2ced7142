// The cross-check (issue 9, point 6): the number the registrant typed, checked against photos of
// their documents — drawn here (test/support/card-images.ts), passed through the upload pipeline
// as every stored image is, and read by the real jsQR and tesseract.js. The verdict is all that
// comes out: 一致 (match), 不一致 (mismatch) or 読み取れず (unreadable); nothing read is printed,
// and nothing is fetched from the network. One cross-check serves the whole file.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CROSS_CHECK_VERDICTS } from '../../src-shared/contract/crosscheck';
import { formatMyNumber } from '../../src-shared/text';
import { createCrossCheck, type CrossCheckImage } from '../../src-main/core/modules/crosscheck';
import { defaultLangPath, tesseractOptions } from '../../src-main/core/modules/crosscheck/ocr';
import { processImage } from '../../src-main/core/modules/documents/image';
import { cardBackPhoto, noticeCardPhoto, unrelatedPhoto } from '../support/card-images';
import { generateMyNumber } from '../support/numbers';

const root = path.resolve(import.meta.dirname, '../..');
const DRAWN = generateMyNumber(20261201);
const OTHER = generateMyNumber(31); // another valid number

/** The image as the upload pipeline stores it (re-encoded JPEG, no metadata). */
async function stored(photo: Buffer | Promise<Buffer>): Promise<Buffer> {
  const result = await processImage(await photo);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.image;
}

const crossCheck = createCrossCheck();
const photos = {} as Record<'cardBack' | 'noticeCard' | 'unrelated' | 'glaredCardBack2400', Buffer>;

beforeAll(async () => {
  photos.cardBack = await stored(cardBackPhoto(DRAWN, { angle: 4, seed: 2 }));
  photos.noticeCard = await stored(noticeCardPhoto(DRAWN, { angle: -3, seed: 3 }));
  photos.unrelated = await stored(unrelatedPhoto({ angle: 2, seed: 4 }));
  // As large as a stored photo gets, with the QR code washed out: every scale is tried, then OCR.
  const glared = await cardBackPhoto(DRAWN, { angle: -3, seed: 5, glareOverQr: true });
  photos.glaredCardBack2400 = await stored(sharp(glared).resize({ width: 2400 }).jpeg({ quality: 90 }).toBuffer());
});

afterAll(async () => {
  await crossCheck.close();
});

const check = (images: CrossCheckImage[], typed: string) => crossCheck.verdict(images, typed);

describe('the back of a マイナンバーカード', () => {
  it('is 一致 for the number it shows, read from its QR code, however the number is typed', async () => {
    expect(await check([{ kind: 'card_back', image: photos.cardBack }], DRAWN)).toBe('match');
    expect(await check([{ kind: 'card_back', image: photos.cardBack }], formatMyNumber(DRAWN))).toBe('match');
  });

  it('is 不一致 for a different valid number', async () => {
    expect(await check([{ kind: 'card_back', image: photos.cardBack }], OTHER)).toBe('mismatch');
  });

  it('is read from its printed digits when a glare hides the QR code, without holding up the core’s thread', async () => {
    // jsQR on a 2400 px frame takes most of a second: on this thread, a 20 ms timer would stall.
    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 20);
    try {
      expect(await check([{ kind: 'card_back', image: photos.glaredCardBack2400 }], DRAWN)).toBe('match');
    } finally {
      clearInterval(ticker);
    }
    expect(longestGap).toBeLessThan(300);
  });
});

describe('a 通知カード', () => {
  it('is 一致 for the number printed on it and 不一致 for a different valid number (asked at once, answered in turn)', async () => {
    const [same, different] = await Promise.all([
      check([{ kind: 'notice_card', image: photos.noticeCard }], DRAWN),
      check([{ kind: 'notice_card', image: photos.noticeCard }], OTHER),
    ]);
    expect([same, different]).toEqual(['match', 'mismatch']);
  });

  it('is 一致 when one of several photos shows the number, whatever the others show', async () => {
    const images: CrossCheckImage[] = [
      { kind: 'photo_id', image: photos.unrelated },
      { kind: 'notice_card', image: Buffer.from('not an image') },
      { kind: 'notice_card', image: photos.noticeCard },
    ];
    expect(await check(images, DRAWN)).toBe('match');
  });
});

describe('読み取れず (unreadable)', () => {
  it('for a photo of something else, as either document', async () => {
    expect(await check([{ kind: 'notice_card', image: photos.unrelated }], DRAWN)).toBe('unreadable');
    expect(await check([{ kind: 'card_back', image: photos.unrelated }], DRAWN)).toBe('unreadable');
  });

  it('for a blank photo', async () => {
    const blank = await stored(sharp({ create: { width: 800, height: 500, channels: 3, background: '#f2f2f2' } }).jpeg().toBuffer());
    expect(await check([{ kind: 'notice_card', image: blank }], DRAWN)).toBe('unreadable');
  });

  it('for a photo ID only, or the front of the card: those are not read, even when they show the number', async () => {
    expect(await check([{ kind: 'photo_id', image: photos.noticeCard }], DRAWN)).toBe('unreadable');
    expect(await check([{ kind: 'card_front', image: photos.cardBack }], DRAWN)).toBe('unreadable');
    expect(await check([], DRAWN)).toBe('unreadable');
  });

  it('for garbage bytes, without ever rejecting', async () => {
    for (const image of [Buffer.from('garbage'), Buffer.alloc(0), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])]) {
      await expect(check([{ kind: 'card_back', image }, { kind: 'resident_record', image }], DRAWN)).resolves.toBe('unreadable');
    }
    await expect(crossCheck.verdict([{ kind: 'notice_card', image: null as unknown as Buffer }], DRAWN)).resolves.toBe('unreadable');
  });
});

describe('what is read stays inside the cross-check', () => {
  it('prints nothing: no console call, and no output (the worker threads’ included) holding either number', async () => {
    const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
    const consoleSpies = methods.map((method) => vi.spyOn(console, method).mockImplementation(() => undefined));
    const written: string[] = [];
    const capture = (stream: NodeJS.WriteStream) =>
      vi.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
        written.push(String(chunk));
        return true;
      });
    const outputSpies = [capture(process.stdout), capture(process.stderr)];
    try {
      // A mismatch: both numbers are in play, the one read and the one typed.
      const verdicts = [await check([{ kind: 'card_back', image: photos.cardBack }], OTHER), await check([{ kind: 'notice_card', image: photos.noticeCard }], OTHER)];
      expect(verdicts).toEqual(['mismatch', 'mismatch']);
      // Output from a worker thread reaches this thread's stream asynchronously.
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      for (const spy of [...consoleSpies, ...outputSpies]) spy.mockRestore();
    }
    for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
    const all = written.join('');
    for (const number of [DRAWN, OTHER]) {
      expect(all).not.toContain(number);
      expect(all).not.toContain(formatMyNumber(number));
    }
  });
});

describe('offline', () => {
  it('gives tesseract.js only the English model in node_modules: no cache read or written, no logging', () => {
    const langPath = defaultLangPath();
    expect(langPath.split(path.sep).slice(-3)).toEqual(['@tesseract.js-data', 'eng', '4.0.0_best_int']);
    expect(existsSync(path.join(langPath, 'eng.traineddata.gz'))).toBe(true);
    expect(tesseractOptions(langPath)).toEqual({ langPath, gzip: true, cacheMethod: 'none', logger: expect.any(Function), errorHandler: expect.any(Function) });
  });

  it('reads a 通知カード in a process where every network call fails (worker threads included)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mnv-crosscheck-'));
    const image = path.join(dir, 'notice-card.jpg');
    writeFileSync(image, photos.noticeCard);
    try {
      const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        ['--require', path.join(root, 'test/support/no-network.cjs'), '--import', 'tsx', path.join(root, 'test/support/crosscheck-offline.ts'), image, DRAWN],
        { cwd: root, timeout: 60_000 },
      );
      expect(stderr).not.toContain('NETWORK ATTEMPT');
      expect(JSON.parse(stdout)).toEqual({ verdict: 'match' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is unreadable when the model is not where it was told to look', async () => {
    const elsewhere = createCrossCheck({ langPath: path.join(root, '.tmp', 'no-such-model') });
    try {
      expect(await elsewhere.verdict([{ kind: 'notice_card', image: photos.noticeCard }], DRAWN)).toBe('unreadable');
    } finally {
      await elsewhere.close();
    }
  });
});

describe('the verdicts', () => {
  it('are three; the review screen labels them (src-renderer/admin/i18n)', () => {
    expect(CROSS_CHECK_VERDICTS).toEqual(['match', 'mismatch', 'unreadable']);
  });

  it('come from worker threads that end after a while without checks, and start again for the next one', async () => {
    const idle = createCrossCheck({ idleMs: 300 });
    try {
      expect(idle.workers()).toBe(0);
      // A glared back: the QR thread, ended, then tesseract's.
      expect(await idle.verdict([{ kind: 'card_back', image: photos.glaredCardBack2400 }], DRAWN)).toBe('match');
      expect(idle.workers()).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(idle.workers()).toBe(0);
      expect(await idle.verdict([{ kind: 'notice_card', image: photos.noticeCard }], DRAWN)).toBe('match');
      expect(idle.workers()).toBe(1);
    } finally {
      await idle.close();
    }
    expect(idle.workers()).toBe(0);
  });

  it('come from one worker thread at a time: the QR thread is ended before tesseract’s starts, and tesseract’s before the QR thread’s', async () => {
    const one = createCrossCheck();
    let most = 0;
    const watcher = setInterval(() => (most = Math.max(most, one.workers())), 2);
    try {
      // tesseract's (a 通知カード), then the QR thread's (a back whose code reads), then both in turn (a glared back), then tesseract's again.
      const verdicts = [];
      for (const [kind, image] of [['notice_card', photos.noticeCard], ['card_back', photos.cardBack], ['card_back', photos.glaredCardBack2400], ['notice_card', photos.noticeCard]] as const) {
        verdicts.push(await one.verdict([{ kind, image }], DRAWN));
        most = Math.max(most, one.workers());
      }
      expect(verdicts).toEqual(['match', 'match', 'match', 'match']);
    } finally {
      clearInterval(watcher);
      await one.close();
    }
    expect(most).toBe(1);
  });

  it('are unreadable once the cross-check is closed', async () => {
    const closed = createCrossCheck();
    await closed.close();
    expect(await closed.verdict([{ kind: 'card_back', image: photos.cardBack }], DRAWN)).toBe('unreadable');
  });
});
