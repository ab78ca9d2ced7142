// The payroll-software variants of the export: 弥生給与 (its published My Number import: one
// line per person, 従業員名 with no space, the dependent in 扶養親族等名), freee 人事労務 (UTF-8
// with BOM, keyed by 従業員番号, dates yyyy-mm-dd) and マネーフォワード クラウド給与 (keyed by 従業員番号,
// dates yyyy/mm/dd): each one's header row and rows, with and without numbers, and the rules of
// every number export (purpose, re-entered password, zip unless a plain CSV is asked for) the same.
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { TextWriter, Uint8ArrayReader, ZipReader, type FileEntry } from '@zip.js/zip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import { generateMyNumber } from '../support/numbers';
import { ADMIN, must, openTestCore, setupAdmin, testClock } from '../support/vault';

const clock = testClock(Date.parse('2026-12-01T03:00:00Z'));
let core: Core;
let admin: string;
let purposeId: string;
const numbers = { takahashi: generateMyNumber(401), child: generateMyNumber(402) };

const bytesOf = (value: { contentBase64: string }) => Buffer.from(value.contentBase64, 'base64');
const rowsOf = (text: string) => parse(text, { relax_column_count: true }) as string[][];

beforeAll(async () => {
  ({ core } = await openTestCore(undefined, { clock }));
  admin = (await setupAdmin(core, clock)).session;
  const file = [
    '社員番号,姓,名,セイ,メイ,生年月日,属性,個人番号',
    `E001,髙橋,一郎,タカハシ,イチロウ,1985-04-01,従業員,${numbers.takahashi}`,
    'E002,山﨑,花子,ヤマザキ,ハナコ,1990-01-02,従業員,',
  ].join('\r\n');
  const preview = await must(core, admin, 'csv.importPreview', { fileName: 'a.csv', contentBase64: Buffer.from(file).toString('base64') });
  expect(preview.errors).toEqual([]);
  await must(core, admin, 'csv.importCommit', { previewId: preview.previewId });
  const takahashi = (await must(core, admin, 'registrants.list', { filter: { text: 'E001' } })).rows[0];
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

describe('弥生給与 (payroll-yayoi)', () => {
  it('writes its My Number import layout in CP932: 従業員名 with no space, one line per dependent under the employee', async () => {
    const r = await must(core, admin, 'csv.export', { preset: 'payroll-yayoi' });
    expect(r).toMatchObject({ fileName: 'payroll-yayoi_20261201.csv', rowCount: 3, zipped: false });
    const text = iconv.decode(bytesOf(r), 'cp932');
    expect(text.split('\r\n')).toEqual(['従業員名,扶養親族等名,所得金額調整名,退職手当等を有する配偶者扶養親族名', '髙橋一郎,,,', '髙橋一郎,髙橋蓮,,', '山﨑花子,,,', '']);
  });

  it('adds 個人番号 last only with numbers included', async () => {
    const r = await must(core, admin, 'csv.export', { preset: 'payroll-yayoi', includeMyNumber: true, purposeId, plainCsv: true });
    expect(rowsOf(iconv.decode(bytesOf(r), 'cp932'))).toEqual([
      ['従業員名', '扶養親族等名', '所得金額調整名', '退職手当等を有する配偶者扶養親族名', '個人番号'],
      ['髙橋一郎', '', '', '', numbers.takahashi],
      ['髙橋一郎', '髙橋蓮', '', '', numbers.child],
      ['山﨑花子', '', '', '', ''],
    ]);
  });
});

describe('freee 人事労務 (payroll-freee)', () => {
  it('writes UTF-8 with its BOM unless told otherwise, 姓 and 名 apart, dates yyyy-mm-dd, dependents as rows under the 従業員番号', async () => {
    const r = await must(core, admin, 'csv.export', { preset: 'payroll-freee' });
    expect(r).toMatchObject({ fileName: 'payroll-freee_20261201.csv', rowCount: 3, zipped: false });
    const bytes = bytesOf(r);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').split('\r\n')).toEqual([
      '従業員番号,続柄,姓,名,姓カナ,名カナ,生年月日',
      'E001,本人,髙橋,一郎,タカハシ,イチロウ,1985-04-01',
      'E001,子,髙橋,蓮,タカハシ,レン,2015-04-01',
      'E002,本人,山﨑,花子,ヤマザキ,ハナコ,1990-01-02',
      '',
    ]);
  });

  it('still writes CP932 when that is chosen', async () => {
    const r = await must(core, admin, 'csv.export', { preset: 'payroll-freee', encoding: 'cp932' });
    expect(iconv.decode(bytesOf(r), 'cp932').split('\r\n')[2]).toBe('E001,子,髙橋,蓮,タカハシ,レン,2015-04-01');
  });

  it('adds マイナンバー last only with numbers included', async () => {
    const r = await must(core, admin, 'csv.export', { preset: 'payroll-freee', includeMyNumber: true, purposeId, plainCsv: true });
    expect(rowsOf(bytesOf(r).subarray(3).toString('utf8'))).toEqual([
      ['従業員番号', '続柄', '姓', '名', '姓カナ', '名カナ', '生年月日', 'マイナンバー'],
      ['E001', '本人', '髙橋', '一郎', 'タカハシ', 'イチロウ', '1985-04-01', numbers.takahashi],
      ['E001', '子', '髙橋', '蓮', 'タカハシ', 'レン', '2015-04-01', numbers.child],
      ['E002', '本人', '山﨑', '花子', 'ヤマザキ', 'ハナコ', '1990-01-02', ''],
    ]);
  });
});

describe('マネーフォワード クラウド給与 (payroll-mf)', () => {
  it('writes CP932, 姓 and 名 apart with their フリガナ, dates yyyy/mm/dd, dependents as rows under the 従業員番号', async () => {
    const r = await must(core, admin, 'csv.export', { preset: 'payroll-mf' });
    expect(r).toMatchObject({ fileName: 'payroll-mf_20261201.csv', rowCount: 3, zipped: false });
    expect(iconv.decode(bytesOf(r), 'cp932').split('\r\n')).toEqual([
      '従業員番号,続柄,姓,名,姓（フリガナ）,名（フリガナ）,生年月日',
      'E001,本人,髙橋,一郎,タカハシ,イチロウ,1985/04/01',
      'E001,子,髙橋,蓮,タカハシ,レン,2015/04/01',
      'E002,本人,山﨑,花子,ヤマザキ,ハナコ,1990/01/02',
      '',
    ]);
  });

  it('adds 個人番号 last with numbers, inside the AES zip by default', async () => {
    const r = await must(core, admin, 'csv.export', { preset: 'payroll-mf', includeMyNumber: true, purposeId, zipPassword: 'kaki-no-tane-88' });
    expect(r).toMatchObject({ fileName: 'payroll-mf_20261201.zip', zipped: true, rowCount: 3 });
    const [entry] = (await new ZipReader(new Uint8ArrayReader(bytesOf(r))).getEntries()) as FileEntry[];
    expect(entry).toMatchObject({ filename: 'payroll-mf_20261201.csv', encrypted: true });
    const csv = await entry!.getData(new TextWriter('shift_jis'), { password: 'kaki-no-tane-88' });
    expect(rowsOf(csv)).toEqual([
      ['従業員番号', '続柄', '姓', '名', '姓（フリガナ）', '名（フリガナ）', '生年月日', '個人番号'],
      ['E001', '本人', '髙橋', '一郎', 'タカハシ', 'イチロウ', '1985/04/01', numbers.takahashi],
      ['E001', '子', '髙橋', '蓮', 'タカハシ', 'レン', '2015/04/01', numbers.child],
      ['E002', '本人', '山﨑', '花子', 'ヤマザキ', 'ハナコ', '1990/01/02', ''],
    ]);
  });
});

describe('numbers in every variant', () => {
  it.each(['payroll-yayoi', 'payroll-freee', 'payroll-mf'])('%s: refused without a purpose or a zip password, and audited with its preset and purpose', async (preset) => {
    expect(await core.call(admin, 'csv.export', { preset, includeMyNumber: true, zipPassword: 'kaki-no-tane-88' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'マイナンバーを含めて書き出すには、利用目的を選んでください' },
    });
    expect(await core.call(admin, 'csv.export', { preset, includeMyNumber: true, purposeId })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'マイナンバーを含めて書き出すには、ZIPファイルのパスワード（8文字以上）を入力してください' },
    });
    await must(core, admin, 'csv.export', { preset, includeMyNumber: true, purposeId, zipPassword: 'kaki-no-tane-88' });
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'csv.export' }, limit: 1 });
    expect(audit.rows[0].detail).toMatchObject({ preset, rows: 3, registrants: 2, withNumbers: true, zipped: true, purposeId });
    expect(JSON.stringify(audit.rows)).not.toContain(numbers.takahashi);
  });

  it('asks for the password again once the re-entry window has closed', async () => {
    clock.advance(6 * 60_000);
    expect(await core.call(admin, 'csv.export', { preset: 'payroll-yayoi', includeMyNumber: true, purposeId, zipPassword: 'kaki-no-tane-88' })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
  });
});
