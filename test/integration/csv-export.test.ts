// Exporting registrants as CSV: CP932 by default with CRLF, a character CP932 cannot hold
// (𠮷, emoji) stopping the export with the places listed instead of a silent `?`; cells that
// a spreadsheet would run as formulas neutralised; numbers only with a purpose, the password
// re-entered and, by default, inside an AES-256 zip that opens with the typed password only;
// every export audited with its preset and row count; a limited manager exports their groups.
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { TextWriter, Uint8ArrayReader, ZipReader, type FileEntry } from '@zip.js/zip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import { generateMyNumber } from '../support/numbers';
import { ADMIN, allowDirectNumberEntry, must, openTestCore, setupAdmin, signInNewUser, testClock } from '../support/vault';

const clock = testClock(Date.parse('2026-12-01T03:00:00Z'));
let core: Core;
let admin: string;
let purposeId: string;
let tokyoId: string;
const numbers = { takahashi: generateMyNumber(301), child: generateMyNumber(302) };

const decode = (value: { contentBase64: string }, encoding: 'cp932' | 'utf8' = 'utf8') => iconv.decode(Buffer.from(value.contentBase64, 'base64'), encoding);
const rowsOf = (text: string) => parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];

async function exportCsv(input: Record<string, unknown>, session = admin) {
  return core.call(session, 'csv.export', input);
}

beforeAll(async () => {
  ({ core } = await openTestCore(undefined, { clock }));
  admin = (await setupAdmin(core, clock)).session;
  tokyoId = (await must(core, admin, 'groups.create', { name: '東京本社' })).id;
  await must(core, admin, 'groups.create', { name: '大阪支店' });
  const file = [
    '社員番号,姓,名,セイ,メイ,生年月日,グループ,属性,個人番号,住所,備考',
    `E001,髙橋,一郎,タカハシ,イチロウ,1985-04-01,東京本社,従業員,${numbers.takahashi},-3丁目,=1+2`,
    'E002,山﨑,花子,ヤマザキ,ハナコ,1990-01-02,大阪支店,従業員;株主,,@home,+81 は国番号',
  ].join('\r\n');
  const p = await must(core, admin, 'csv.importPreview', { fileName: 'a.csv', contentBase64: Buffer.from(file).toString('base64') });
  expect(p.errors).toEqual([]);
  await must(core, admin, 'csv.importCommit', { previewId: p.previewId });
  const takahashi = (await must(core, admin, 'registrants.list', { filter: { text: 'E001' } })).rows[0];
  // Completed by the number it was imported with: a dependent is added after an admin's unlock.
  await must(core, admin, 'auth.reauth', { password: ADMIN.password });
  await must(core, admin, 'registrants.unlock', { registrantId: takahashi.id, reason: '扶養親族の追加' });
  const child = await must(core, admin, 'dependents.create', { registrantId: takahashi.id, relationship: 'child', familyName: '髙橋', givenName: '蓮', familyNameKana: 'タカハシ', givenNameKana: 'レン', birthDate: '2015-04-01' });
  await must(core, admin, 'mynumber.set', { subject: { dependentId: child.id }, myNumber: numbers.child });
  purposeId = (await must(core, admin, 'purposes.list', {})).rows[0].id;
  await must(core, admin, 'auth.reauth', { password: ADMIN.password });
});
afterAll(async () => {
  await core.close();
});

describe('encodings', () => {
  it('writes CP932 with CRLF by default, 髙 and 﨑 included, in the layout the import reads', async () => {
    const r = await must(core, admin, 'csv.export', { preset: 'registrants' });
    expect(r).toMatchObject({ fileName: 'registrants_20261201.csv', rowCount: 2, zipped: false });
    const text = decode(r, 'cp932');
    expect(text.split('\r\n')[0]).toBe('社員番号,姓,名,セイ,メイ,生年月日,メールアドレス,グループ,属性,入社日,退職日,電話番号,郵便番号,住所,備考');
    expect(text.split('\r\n')[1]).toBe("E001,髙橋,一郎,タカハシ,イチロウ,1985-04-01,,東京本社,従業員,,,,,'-3丁目,'=1+2");
    expect(text).not.toMatch(/[^\r]\n/);
  });

  it('stops a CP932 export at a character CP932 cannot hold, lists where, and writes it in UTF-8', async () => {
    await must(core, admin, 'registrants.create', { employeeCode: 'E003', familyName: '𠮷田', givenName: '笑😀', familyNameKana: 'ヨシダ', givenNameKana: 'エミ', attributes: ['employee'] });
    const refused = await exportCsv({ preset: 'registrants', encoding: 'cp932' });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        messageKey: 'errors.csv.unencodable',
        message: 'Shift_JIS（CP932）では書き出せない文字が2か所あります（4行目「姓」の「𠮷」、4行目「名」の「😀」）。文字コードに UTF-8 を選んで書き出してください',
      },
    });
    const utf8 = await must(core, admin, 'csv.export', { preset: 'registrants', encoding: 'utf8bom' });
    const bytes = Buffer.from(utf8.contentBase64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rowsOf(bytes.toString('utf8'))[3]!.slice(0, 3)).toEqual(['E003', '𠮷田', '笑😀']);
  });
});

describe('formula injection', () => {
  it('prefixes with an apostrophe every cell beginning with =, +, -, @ (tab and CR: test/unit/csv-encode.test.ts)', async () => {
    const rows = rowsOf(decode(await must(core, admin, 'csv.export', { preset: 'registrants', encoding: 'utf8' })));
    expect(rows[1]!.slice(13)).toEqual(["'-3丁目", "'=1+2"]);
    expect(rows[2]!.slice(13)).toEqual(["'@home", "'+81 は国番号"]);
  });
});

describe('numbers in an export', () => {
  it('are refused without a purpose, without a zip password, and without the password re-entered', async () => {
    expect(await exportCsv({ preset: 'payroll', includeMyNumber: true, zipPassword: 'kaki-no-tane-88' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'マイナンバーを含めて書き出すには、利用目的を選んでください' },
    });
    expect(await exportCsv({ preset: 'payroll', includeMyNumber: true, purposeId })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'マイナンバーを含めて書き出すには、ZIPファイルのパスワード（8文字以上）を入力してください' },
    });
    clock.advance(6 * 60_000);
    expect(await exportCsv({ preset: 'payroll', includeMyNumber: true, purposeId, zipPassword: 'kaki-no-tane-88' })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
  });

  it('leave in an AES-256 zip that opens with the typed password only, and the export is audited with its purpose', async () => {
    const r = await must(core, admin, 'csv.export', { preset: 'payroll', encoding: 'utf8', includeMyNumber: true, purposeId, zipPassword: 'kaki-no-tane-88', filter: { groupId: tokyoId } });
    expect(r).toMatchObject({ fileName: 'payroll_20261201.zip', zipped: true, rowCount: 2 });
    const zip = Buffer.from(r.contentBase64, 'base64');
    for (const n of Object.values(numbers)) expect(zip.toString('latin1')).not.toContain(n);
    const [entry] = (await new ZipReader(new Uint8ArrayReader(zip)).getEntries()) as FileEntry[];
    expect(entry).toMatchObject({ filename: 'payroll_20261201.csv', encrypted: true });
    await expect(entry!.getData(new TextWriter(), { password: 'wrong-password' })).rejects.toThrow();
    const text = await entry!.getData(new TextWriter(), { password: 'kaki-no-tane-88' });
    expect(rowsOf(text)).toEqual([
      ['社員番号', '区分', '続柄', '氏名', 'フリガナ', '生年月日', '個人番号'],
      ['E001', '本人', '', '髙橋\u3000一郎', 'タカハシ\u3000イチロウ', '1985-04-01', numbers.takahashi],
      ['E001', '扶養親族', '子', '髙橋\u3000蓮', 'タカハシ\u3000レン', '2015-04-01', numbers.child],
    ]);
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'csv.export' }, limit: 1 });
    expect(audit.rows[0].detail).toEqual({ preset: 'payroll', encoding: 'utf8', rows: 2, registrants: 1, filtered: true, withNumbers: true, zipped: true, purposeId, purpose: expect.any(String) });
    expect(JSON.stringify(audit.rows)).not.toContain(numbers.takahashi);
  });

  it('go into a plain CSV only when asked for explicitly', async () => {
    const r = await must(core, admin, 'csv.export', { preset: 'registrants', encoding: 'utf8', includeMyNumber: true, purposeId, plainCsv: true, filter: { groupId: tokyoId } });
    expect(r).toMatchObject({ zipped: false, fileName: 'registrants_20261201.csv' });
    expect(rowsOf(decode(r))[1]!.at(-1)).toBe(numbers.takahashi);
  });
});

describe('a manager limited to a group', () => {
  it('exports the registrants of their group only', async () => {
    const manager = await signInNewUser(
      core,
      admin,
      { loginId: 'tokyo.hr', displayName: '東京 人事', email: 'tokyo.hr@example.co.jp', role: 'manager', initialPassword: 'aoi-sora-shiroi-kumo-9', password: 'aoi-sora-shiroi-kumo-renewed', groupIds: [tokyoId] },
      clock,
    );
    await allowDirectNumberEntry(core, admin, ADMIN.password);
    await must(core, manager, 'auth.reauth', { password: 'aoi-sora-shiroi-kumo-renewed' });
    const status = rowsOf(decode(await must(core, manager, 'csv.export', { preset: 'status', encoding: 'utf8' })));
    expect(status).toEqual([
      ['社員番号', '氏名', 'フリガナ', 'グループ', 'メールアドレス', '状態', 'マイナンバー'],
      ['E001', '髙橋\u3000一郎', 'タカハシ\u3000イチロウ', '東京本社', '', '完了', '登録済み'],
    ]);
  });
});
