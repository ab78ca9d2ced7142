// The importer against random and malformed files (fast-check): well-formed rows mixed with
// broken quotes, ragged rows, huge cells, stray BOMs, control characters, random bytes and
// bytes that are neither UTF-8 nor CP932, in either encoding and line ending. Whatever comes
// in: the preview answers (never a crash, never INTERNAL) with problems that each name a row
// and carry a Japanese message; a file with problems commits nothing; a file without commits
// all of its rows. Bounded: 200 files, a few rows each.
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import type { Db } from '../../src-main/core/platform/db/open';
import { hasMessage } from '../../src-shared/messages';
import { generateMyNumber } from '../support/numbers';
import { openRawDb } from '../support/raw-db';
import { must, openTestCore, setupAdmin, testClock } from '../support/vault';

const clock = testClock();
let core: Core;
let admin: string;
let rawDb: Db;

beforeAll(async () => {
  let dataDir: string;
  ({ core, dataDir } = await openTestCore(undefined, { clock }));
  admin = (await setupAdmin(core, clock)).session;
  rawDb = await openRawDb(dataDir, core.vaultId);
  await must(core, admin, 'groups.create', { name: '本社' });
});
afterAll(async () => {
  rawDb.close();
  await core.close();
});

/** What an import may write, hashed: equal before and after a refused commit. */
function tablesHash(): string {
  const h = createHash('sha256');
  for (const t of ['registrants', 'registrant_attributes', 'my_numbers', 'groups', 'registrant_status_history', 'submissions']) {
    h.update(JSON.stringify(rawDb.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()));
  }
  return h.digest('hex');
}

/** Stands for the row's own number: generated from its 社員番号, so that one person keeps one number. */
const NUMBER = '<number>';

const HEADERS = ['社員番号', '姓', '名', 'セイ', 'メイ', '生年月日', 'メールアドレス', 'グループ', '属性', '個人番号', '入社日', '備考', 'employee code', '部署'];

/** Values each column takes when the row is good (the number stands for the row's own, see below). */
const goodCell: Record<string, fc.Arbitrary<string>> = {
  社員番号: fc.integer({ min: 1, max: 40 }).map((n) => `P${n}`),
  姓: fc.constantFrom('山田', '髙橋', '山﨑', 'ﾀﾅｶ', '佐藤'),
  名: fc.constantFrom('太郎', '花子', '①'),
  セイ: fc.constantFrom('ヤマダ', 'ﾀｶﾊｼ', 'やまざき'),
  メイ: fc.constantFrom('タロウ', 'はなこ'),
  生年月日: fc.constantFrom('1985-04-01', 'S60.4.1', '昭和60年4月1日', ''),
  メールアドレス: fc.constantFrom('', 'a@example.co.jp'),
  グループ: fc.constantFrom('', '本社'),
  属性: fc.constantFrom('', '従業員', '従業員;株主'),
  個人番号: fc.constantFrom('', NUMBER),
};

/** Values each column may hold that are wrong for it. */
const badCell: Record<string, fc.Arbitrary<string>> = {
  セイ: fc.constant('abc'),
  生年月日: fc.constantFrom('2001年2月30日', '平成31年5月1日'),
  メールアドレス: fc.constant('not-mail'),
  グループ: fc.constant('未知の支店'),
  属性: fc.constant('社長'),
  個人番号: fc.constantFrom('123456789012', '12345'),
};

const nastyCell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('"', '""', 'a"b', '"unclosed', '\uFEFF', '\uFEFF社員番号', '\r', '\n', ',', '\u0000', '𠮷', '😀', '=1+1'),
  fc.constant('x'.repeat(120_000)),
);

const cellFor = (header: string) =>
  fc.oneof(
    { weight: 40, arbitrary: goodCell[header] ?? fc.string({ maxLength: 8 }) },
    { weight: 1, arbitrary: badCell[header] ?? nastyCell },
    { weight: 1, arbitrary: nastyCell },
  );

/** A CSV text: a header (mostly the canonical one), rows (some ragged), fields quoted or not. */
const csvText = fc
  .record({
    header: fc.oneof({ weight: 6, arbitrary: fc.constant(HEADERS.slice(0, 10)) }, { weight: 1, arbitrary: fc.shuffledSubarray(HEADERS, { minLength: 0 }) }),
    rowCount: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.constant(0) }),
    newline: fc.constantFrom('\r\n', '\n', '\r'),
    quoteAll: fc.boolean(),
    seed: fc.integer(),
  })
  .chain(({ header, rowCount, newline, quoteAll }) =>
    fc
      .tuple(
        ...Array.from({ length: rowCount }, () =>
          fc.tuple(
            fc.tuple(...header.map(cellFor)),
            fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -2, max: 2 }) }),
          ),
        ),
      )
      .map((rows) => {
        const field = (c: string) => (quoteAll || /[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
        const lines = [header.map(field).join(',')];
        const codeAt = header.indexOf('社員番号');
        for (const [generated, ragged] of rows) {
          const code = /^P(\d+)$/.exec(codeAt >= 0 ? generated[codeAt]! : '');
          const cells = generated.map((c) => (c === NUMBER ? generateMyNumber(code ? Number(code[1]) : 1000) : c));
          const shaped = ragged < 0 ? cells.slice(0, Math.max(0, cells.length + ragged)) : [...cells, ...Array.from({ length: ragged }, () => 'extra')];
          lines.push(shaped.map(field).join(','));
        }
        return lines.join(newline) + newline;
      }),
  );

/** The text as bytes, in one of the encodings found in the wild, sometimes damaged. */
const csvFile = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(csvText, fc.constantFrom('utf8', 'utf8bom', 'cp932', 'doubleBom'), fc.oneof({ weight: 7, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.nat() })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)) },
).map((value) => {
  if (Buffer.isBuffer(value)) return value;
  const [text, encoding, damageAt] = value;
  let bytes =
    encoding === 'cp932'
      ? iconv.encode(text, 'cp932')
      : encoding === 'utf8'
        ? Buffer.from(text, 'utf8')
        : Buffer.concat([Buffer.from(encoding === 'doubleBom' ? [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf] : [0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  // A byte that is neither UTF-8 nor CP932 (0xFF, 0x80 alone) somewhere in the file.
  if (damageAt !== undefined && bytes.length > 0) {
    const at = damageAt % bytes.length;
    bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff, 0x80]), bytes.subarray(at)]);
  }
  return bytes;
});

describe('the importer against random and malformed files', () => {
  it('never crashes, never imports part of a file, and always says what is wrong', { timeout: 120_000 }, async () => {
    let committed = 0;
    let refused = 0;
    const firstProblems = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(csvFile, async (bytes) => {
        const before = tablesHash();
        const registrantsBefore = rawDb.prepare('SELECT count(*) FROM registrants').pluck().get() as number;
        const r = await core.call(admin, 'csv.importPreview', { fileName: 'random.csv', contentBase64: bytes.toString('base64') });
        expect(r.ok, JSON.stringify(r)).toBe(true);
        if (!r.ok) return;
        const p = r.value as { previewId: string; errorCount: number; errors: { row: number; message: string; messageKey: string }[]; summary: { created: number } };
        for (const e of p.errors) {
          expect(e.row).toBeGreaterThanOrEqual(1);
          expect(e.message).toMatch(/[\u3040-\u30FF\u4E00-\u9FFF]/);
          expect(hasMessage(e.messageKey), e.messageKey).toBe(true);
        }
        // Nothing written by a preview.
        expect(tablesHash()).toBe(before);
        const c = await core.call(admin, 'csv.importCommit', { previewId: p.previewId });
        if (p.errorCount > 0) {
          refused++;
          firstProblems.set(p.errors[0]!.messageKey, (firstProblems.get(p.errors[0]!.messageKey) ?? 0) + 1);
          expect(c).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.csv.hasErrors' } });
          expect(tablesHash()).toBe(before);
        } else {
          committed++;
          expect(c.ok, JSON.stringify(c)).toBe(true);
          const registrantsAfter = rawDb.prepare('SELECT count(*) FROM registrants').pluck().get() as number;
          expect(registrantsAfter - registrantsBefore).toBe(p.summary.created);
        }
      }),
      { numRuns: 200, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined },
    );
    console.log(`csv property: ${committed} files committed, ${refused} refused with their problems`, Object.fromEntries(firstProblems));
    expect(committed).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
