// Registrants: HR adds and edits people, フリガナ typed in hiragana or half-width is kept as
// katakana, bad input is refused with a Japanese message and changes nothing, the list
// filters, sorts and pages, and every read and change is audited without copying the data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import type { RegistrantRow } from '../../src-shared/contract';
import { must, openTestCore, setupAdmin } from '../support/vault';
import { openRawDb } from '../support/raw-db';
import { generateMyNumber } from '../support/numbers';
import type { Db } from '../../src-main/core/platform/db/open';

let core: Core;
let dataDir: string;
let admin: string;
let rawDb: Db;

const base = { familyName: '山田', givenName: '太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', attributes: ['employee'] };

async function create(fields: Record<string, unknown>): Promise<string> {
  return (await must(core, admin, 'registrants.create', { ...base, ...fields })).id;
}

async function list(input: Record<string, unknown> = {}): Promise<{ rows: RegistrantRow[]; total: number }> {
  return must(core, admin, 'registrants.list', input);
}

/** Read behind the core's back, to prove a refused call wrote nothing. */
function countRegistrants(): number {
  return (rawDb.prepare('SELECT count(*) AS n FROM registrants').get() as { n: number }).n;
}

beforeAll(async () => {
  ({ core, dataDir } = await openTestCore());
  admin = (await setupAdmin(core)).session;
  rawDb = await openRawDb(dataDir, core.vaultId);
});
afterAll(async () => {
  rawDb.close();
  await core.close();
});

describe('adding a registrant', () => {
  it('stores the fields, starts as 未登録 without a number, and converts フリガナ to full-width katakana', async () => {
    const id = await create({
      employeeCode: 'E0001',
      familyName: ' 髙橋 ',
      givenName: '𠮷子',
      familyNameKana: 'たかはし',
      givenNameKana: 'ﾖｼｺ',
      email: 'takahashi@example.co.jp',
      birthDate: '1985-04-01',
      attributes: ['employee', 'shareholder'],
    });
    const { registrant } = await must(core, admin, 'registrants.get', { id });
    expect(registrant).toMatchObject({
      id,
      employeeCode: 'E0001',
      familyName: '髙橋',
      givenName: '𠮷子',
      familyNameKana: 'タカハシ',
      givenNameKana: 'ヨシコ',
      email: 'takahashi@example.co.jp',
      birthDate: '1985-04-01',
      status: 'unregistered',
      attributes: ['employee', 'shareholder'],
      hasMyNumber: false,
    });
  });

  it('treats blank optional fields as absent', async () => {
    const id = await create({ employeeCode: '  ', email: '', birthDate: '' });
    const { registrant } = await must(core, admin, 'registrants.get', { id });
    expect(registrant).toMatchObject({ employeeCode: null, email: null, birthDate: null });
  });

  it.each([
    [{ familyName: '' }, '姓を入力してください'],
    [{ familyNameKana: 'Yamada' }, 'セイ（フリガナ）はカタカナ（またはひらがな）で入力してください'],
    [{ givenNameKana: '' }, 'メイ（フリガナ）を入力してください'],
    [{ birthDate: '1990-02-30' }, '生年月日が正しい日付ではありません'],
    [{ birthDate: '1990/02/01' }, '生年月日は YYYY-MM-DD の形式で入力してください'],
    [{ email: 'not-an-address' }, 'メールアドレスの形式が正しくありません'],
    [{ employeeCode: 'E 01' }, '従業員番号は半角英数字と - _ で入力してください'],
    [{ attributes: [] }, '属性を1つ以上選んでください'],
  ])('refuses %j with a Japanese message and stores nothing', async (fields, message) => {
    const before = countRegistrants();
    const r = await core.call(admin, 'registrants.create', { ...base, ...fields });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!r.ok && r.error.message).toContain(message);
    expect(countRegistrants()).toBe(before);
  });

  it('refuses an employee code already used by someone else', async () => {
    await create({ employeeCode: 'DUP-1' });
    const before = countRegistrants();
    expect(await core.call(admin, 'registrants.create', { ...base, employeeCode: 'DUP-1' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'この従業員番号は別の登録者に使われています' },
    });
    expect(countRegistrants()).toBe(before);
  });
});

describe('editing a registrant', () => {
  it('changes the fields and audits which ones changed, not their values', async () => {
    const id = await create({ employeeCode: 'E-EDIT', email: 'old@example.co.jp' });
    await must(core, admin, 'registrants.update', { id, ...base, employeeCode: 'E-EDIT', familyName: '山本', email: 'new@example.co.jp', attributes: ['employee', 'other'] });
    const { registrant } = await must(core, admin, 'registrants.get', { id });
    expect(registrant).toMatchObject({ familyName: '山本', email: 'new@example.co.jp', attributes: ['employee', 'other'] });
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'registrants.update', targetId: id } });
    expect(audit.rows[0].detail).toEqual({ changed: 'familyName,email,attributes' });
    expect(JSON.stringify(audit.rows)).not.toContain('new@example.co.jp');
  });

  it('keeps an employee code unique on edit and refuses an unknown registrant', async () => {
    await create({ employeeCode: 'TAKEN-2' });
    const id = await create({ employeeCode: 'MINE-2' });
    expect(await core.call(admin, 'registrants.update', { id, ...base, employeeCode: 'TAKEN-2' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await must(core, admin, 'registrants.get', { id })).registrant.employeeCode).toBe('MINE-2');
    expect(await core.call(admin, 'registrants.update', { id: 'no-such-id', ...base })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '登録者が見つかりません' },
    });
  });
});

describe('the registrant list', () => {
  beforeAll(async () => {
    await create({ employeeCode: 'L-003', familyName: '渡辺', givenName: '花子', familyNameKana: 'ワタナベ', givenNameKana: 'ハナコ', email: 'hanako@example.co.jp', attributes: ['real_estate_owner'] });
    await create({ employeeCode: 'L-001', familyName: '青木', givenName: '一郎', familyNameKana: 'アオキ', givenNameKana: 'イチロウ', attributes: ['professional'] });
    await create({ employeeCode: 'L-002', familyName: '伊藤', givenName: '100%_次郎', familyNameKana: 'イトウ', givenNameKana: 'ジロウ', attributes: ['professional'] });
  });

  it('sorts by フリガナ (gojūon) by default and by other keys on request', async () => {
    const kana = (await list({ filter: { attribute: 'professional' } })).rows.map((r) => r.familyNameKana);
    expect(kana).toEqual(['アオキ', 'イトウ']);
    const byCode = (await list({ filter: { text: 'L-' }, sort: { by: 'employeeCode', dir: 'desc' } })).rows.map((r) => r.employeeCode);
    expect(byCode).toEqual(['L-003', 'L-002', 'L-001']);
  });

  it('finds by name, by フリガナ typed in hiragana, by employee code and by e-mail; every word must match', async () => {
    expect((await list({ filter: { text: '渡辺' } })).rows.map((r) => r.employeeCode)).toEqual(['L-003']);
    expect((await list({ filter: { text: 'わたなべ' } })).rows.map((r) => r.employeeCode)).toEqual(['L-003']);
    expect((await list({ filter: { text: 'ﾜﾀﾅﾍﾞ ﾊﾅｺ' } })).rows.map((r) => r.employeeCode)).toEqual(['L-003']);
    expect((await list({ filter: { text: 'L-001' } })).rows.map((r) => r.familyName)).toEqual(['青木']);
    expect((await list({ filter: { text: 'HANAKO@example' } })).rows.map((r) => r.familyName)).toEqual(['渡辺']);
    expect((await list({ filter: { text: '渡辺 一郎' } })).total).toBe(0);
  });

  it('takes % and _ in the search text literally', async () => {
    expect((await list({ filter: { text: '100%_' } })).rows.map((r) => r.employeeCode)).toEqual(['L-002']);
    expect((await list({ filter: { text: '%' } })).rows.map((r) => r.employeeCode)).toEqual(['L-002']);
  });

  it('filters by status and attribute, and pages with a total', async () => {
    expect((await list({ filter: { status: 'completed' } })).total).toBe(0);
    expect((await list({ filter: { attribute: 'real_estate_owner' } })).total).toBe(1);
    const all = await list();
    const page = await list({ offset: 1, limit: 2 });
    expect(page.total).toBe(all.total);
    expect(page.rows.map((r) => r.id)).toEqual(all.rows.slice(1, 3).map((r) => r.id));
  });

  it('audits each listing with counts only, never the search text', async () => {
    await list({ filter: { text: 'わたなべ' } });
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'registrants.list' }, limit: 1 });
    expect(audit.rows[0].detail).toEqual({ returned: 1, total: 1, filtered: true });
    expect(JSON.stringify(audit.rows)).not.toContain('わたなべ');
  });

  it('audits opening one registrant', async () => {
    const id = (await list({ filter: { text: 'L-001' } })).rows[0]!.id;
    await must(core, admin, 'registrants.get', { id });
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'registrants.view', targetId: id } });
    expect(audit.rows[0]).toMatchObject({ targetType: 'registrant', targetId: id, outcome: 'success' });
  });
});

describe('the registrant summary', () => {
  it('counts registrants by status and those with a number, for every role, without an audit entry', async () => {
    const before = await must(core, admin, 'registrants.summary', {});
    expect(Object.keys(before.byStatus).sort()).toEqual(['completed', 'declined', 'pending', 'returned', 'unregistered']);
    const id = await create({});
    await must(core, admin, 'mynumber.set', { subject: { registrantId: id }, myNumber: generateMyNumber(31) });
    await create({});
    const after = await must(core, admin, 'registrants.summary', {});
    expect(after.total).toBe(before.total + 2);
    expect(after.byStatus.unregistered).toBe(before.byStatus.unregistered + 1);
    expect(after.byStatus.completed).toBe(before.byStatus.completed + 1);
    expect(after.withMyNumber).toBe(before.withMyNumber + 1);
    expect(after.total).toBe((await list()).total);
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'registrants.summary' } });
    expect(audit.total).toBe(0);
  });
});
