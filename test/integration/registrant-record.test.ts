// The registrant record beyond names: phone, postal code, address, hire and leave dates (typed
// in 西暦 or 和暦, kept as YYYY-MM-DD), group and notes; attributes, built-in and added by an
// admin, a retired one kept where it was. Bad input is refused with a Japanese message and
// changes nothing; the audit trail names the fields that changed, never their values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import type { Db } from '../../src-main/core/platform/db/open';
import { openRawDb } from '../support/raw-db';
import { must, openTestCore, setupAdmin } from '../support/vault';

let core: Core;
let admin: string;
let rawDb: Db;
let tokyo: string;

const base = { familyName: '山田', givenName: '花子', familyNameKana: 'ヤマダ', givenNameKana: 'ハナコ', attributes: ['employee'] };

async function create(fields: Record<string, unknown>): Promise<string> {
  return (await must(core, admin, 'registrants.create', { ...base, ...fields })).id;
}
const get = async (id: string) => (await must(core, admin, 'registrants.get', { id })).registrant;

/** What the database holds, read behind the core's back: a refused call must leave it as it was. */
function snapshot(): string {
  return JSON.stringify([
    rawDb.prepare('SELECT * FROM registrants ORDER BY seq').all(),
    rawDb.prepare('SELECT * FROM registrant_attributes ORDER BY registrant_id, code').all(),
    rawDb.prepare('SELECT * FROM attributes ORDER BY code').all(),
  ]);
}

beforeAll(async () => {
  let dataDir: string;
  ({ core, dataDir } = await openTestCore());
  admin = (await setupAdmin(core)).session;
  rawDb = await openRawDb(dataDir, core.vaultId);
  tokyo = (await must(core, admin, 'groups.create', { name: '東京本店' })).id;
});
afterAll(async () => {
  rawDb.close();
  await core.close();
});

describe('the registrant record', () => {
  it('keeps phone, postal code, address, dates typed in 和暦 or 西暦, group and notes, in their stored forms', async () => {
    const id = await create({
      phone: '０３－１２３４－５６７８',
      postalCode: '〒１００ー０００１',
      address: ' 東京都千代田区千代田1-1 ',
      birthDate: '昭和60年4月1日',
      hireDate: 'H10.4.1',
      leaveDate: '令和7年3月31日',
      groupId: tokyo,
      notes: '旧姓: 佐藤',
    });
    expect(await get(id)).toMatchObject({
      phone: '03-1234-5678',
      postalCode: '100-0001',
      address: '東京都千代田区千代田1-1',
      birthDate: '1985-04-01',
      hireDate: '1998-04-01',
      leaveDate: '2025-03-31',
      groupId: tokyo,
      notes: '旧姓: 佐藤',
    });
  });

  it('reads a postal code without its hyphen, and the era boundaries as the days they are', async () => {
    const id = await create({ postalCode: '1000001', hireDate: '平成31年4月30日', leaveDate: '令和元年5月1日', birthDate: '昭和64年1月7日' });
    expect(await get(id)).toMatchObject({ postalCode: '100-0001', hireDate: '2019-04-30', leaveDate: '2019-05-01', birthDate: '1989-01-07' });
  });

  it('starts without any of them, and an edit that leaves them out clears them', async () => {
    const id = await create({ phone: '090-1111-2222', address: '大阪府', hireDate: '2001-04-01', groupId: tokyo, notes: 'メモ' });
    await must(core, admin, 'registrants.update', { id, ...base });
    expect(await get(id)).toMatchObject({ phone: null, postalCode: null, address: null, hireDate: null, leaveDate: null, groupId: null, notes: null });
  });

  it.each([
    [{ hireDate: '2020-04-01', leaveDate: '2020-03-31' }, 'VALIDATION', '退職日は入社日以降の日付にしてください'],
    [{ birthDate: '平成31年5月1日' }, 'VALIDATION', '生年月日の元号と年が合いません（平成は31年4月30日まで、令和は元年5月1日から、など）'],
    [{ hireDate: '令和5年2月29日' }, 'VALIDATION', '入社日が正しい日付ではありません'],
    [{ leaveDate: '3月31日' }, 'VALIDATION', '退職日は 1985-04-01、1985/4/1、S60.4.1、昭和60年4月1日 のように入力してください'],
    [{ phone: '03-1234-abcd' }, 'VALIDATION', '電話番号は数字とハイフン（-）で入力してください'],
    [{ postalCode: '100-001' }, 'VALIDATION', '郵便番号は7桁の数字（例: 123-4567）で入力してください'],
    [{ notes: 'あ'.repeat(2001) }, 'VALIDATION', '備考は2000文字以内で入力してください'],
    [{ groupId: 'no-such-group' }, 'NOT_FOUND', 'グループが見つかりません'],
    [{ attributes: ['x_nosuch'] }, 'VALIDATION', '属性が見つかりません'],
    [{ attributes: ['Employee'] }, 'VALIDATION', '属性の値が正しくありません'],
  ])('refuses %j and changes nothing', async (fields, code, message) => {
    const before = snapshot();
    const r = await core.call(admin, 'registrants.create', { ...base, ...fields });
    expect(r).toMatchObject({ ok: false, error: { code } });
    expect(!r.ok && r.error.message).toBe(message);
    expect(snapshot()).toBe(before);
  });

  it('refuses a bad edit whole: the record stays as it was', async () => {
    const id = await create({ hireDate: '2010-04-01', address: '名古屋市' });
    const before = snapshot();
    const r = await core.call(admin, 'registrants.update', { id, ...base, familyName: '変更', hireDate: '2010-04-01', leaveDate: '2009-04-01' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '退職日は入社日以降の日付にしてください' } });
    expect(snapshot()).toBe(before);
  });

  it('audits which fields an edit changed, the new ones included, never their values', async () => {
    const id = await create({ phone: '03-0000-0000' });
    await must(core, admin, 'registrants.update', { id, ...base, phone: '03-9999-9999', address: '札幌市中央区', leaveDate: 'R8.3.31', groupId: tokyo, notes: '秘密のメモ' });
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'registrants.update', targetId: id } });
    expect(audit.rows[0].detail).toEqual({ changed: 'phone,address,leaveDate,groupId,notes' });
    for (const value of ['03-9999-9999', '札幌市', '秘密のメモ', '2026-03-31']) expect(JSON.stringify(audit.rows)).not.toContain(value);
  });
});

describe('attributes', () => {
  it('are the six built-in ones at first, in their order, with their Japanese labels', async () => {
    const { rows } = await must(core, admin, 'attributes.list', {});
    expect(rows.filter((a: { builtin: boolean }) => a.builtin).map((a: { code: string; label: string }) => `${a.code}:${a.label}`)).toEqual([
      'employee:従業員',
      'real_estate_owner:不動産オーナー',
      'professional:士業',
      'shareholder:株主',
      'category3_insured:第3号被保険者',
      'other:その他',
    ]);
  });

  it('an admin adds one, with a code made up by the core, that registrants can then have', async () => {
    const { code } = await must(core, admin, 'attributes.create', { label: 'パート・アルバイト' });
    expect(code).toMatch(/^x_[0-9a-f]{10}$/);
    const id = await create({ attributes: ['employee', code] });
    expect((await get(id)).attributes).toEqual(['employee', code].sort());
    expect((await must(core, admin, 'registrants.list', { filter: { attribute: code } })).rows.map((r: { id: string }) => r.id)).toEqual([id]);
    const listed = (await must(core, admin, 'attributes.list', {})).rows.find((a: { code: string }) => a.code === code);
    expect(listed).toEqual({ code, label: 'パート・アルバイト', builtin: false, retired: false, sortOrder: 70, inUse: 1 });
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'attributes.create' }, limit: 1 });
    expect(audit.rows[0]).toMatchObject({ targetType: 'attribute', targetId: code, targetLabel: 'パート・アルバイト' });
  });

  it('refuses a label another attribute has, and renaming a built-in one, changing nothing', async () => {
    const before = snapshot();
    expect(await core.call(admin, 'attributes.create', { label: '従業員' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '同じ名称の属性があります' } });
    expect(await core.call(admin, 'attributes.update', { attribute: 'employee', label: '社員' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '標準の属性の名称は変更できません' },
    });
    expect(await core.call(admin, 'attributes.update', { attribute: 'x_0000000000', retired: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(snapshot()).toBe(before);
  });

  it('once retired, is given to nobody new but stays on (and through edits of) the rows that have it; brought back, it can be given again', async () => {
    const { code } = await must(core, admin, 'attributes.create', { label: '派遣' });
    const holder = await create({ attributes: [code] });
    await must(core, admin, 'attributes.update', { attribute: code, retired: true, label: '派遣（旧）' });

    expect(await core.call(admin, 'registrants.create', { ...base, attributes: [code] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '使用を停止した属性は新たに付けられません' },
    });
    const other = await create({});
    expect(await core.call(admin, 'registrants.update', { id: other, ...base, attributes: ['employee', code] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    // The row that has it keeps it, reads it, and keeps it through an edit of something else.
    await must(core, admin, 'registrants.update', { id: holder, ...base, givenName: '花', attributes: [code] });
    expect((await get(holder)).attributes).toEqual([code]);
    expect((await must(core, admin, 'attributes.list', {})).rows.find((a: { code: string }) => a.code === code)).toMatchObject({ label: '派遣（旧）', retired: true, inUse: 1 });

    await must(core, admin, 'attributes.update', { attribute: code, retired: false });
    await must(core, admin, 'registrants.update', { id: other, ...base, attributes: ['employee', code] });
    expect((await get(other)).attributes).toEqual(['employee', code].sort());
  });
});
