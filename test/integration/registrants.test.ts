// Registrants: HR adds and edits people, フリガナ typed in hiragana or half-width is kept as
// katakana, bad input is refused with a Japanese message and changes nothing, the list
// filters, sorts and pages, and every read and change is audited without copying the data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import type { RegistrantRow } from '../../src-shared/contract';
import { ADMIN, MANAGER, VIEWER, allowDirectNumberEntry, must, openTestCore, setupAdmin, signInNewUser, testClock } from '../support/vault';
import { openRawDb } from '../support/raw-db';
import { generateMyNumber } from '../support/numbers';
import type { Db } from '../../src-main/core/platform/db/open';

// Frozen unless a test moves it, so the order of updatedAt is the one a test makes.
const clock = testClock();
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
  ({ core, dataDir } = await openTestCore(undefined, { clock }));
  admin = (await setupAdmin(core, clock)).session;
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
    [{ birthDate: '90/2/1' }, '生年月日は 1985-04-01、1985/4/1、S60.4.1、昭和60年4月1日 のように入力してください'],
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

  it('pages a long list: a full page of 50 and the short page after it, in order and each row whole', async () => {
    // 55 people, listed by employee code: the order they are made in.
    const ids: string[] = [];
    for (let i = 0; i < 55; i++) {
      const n = String(i).padStart(2, '0');
      ids.push(await create({ employeeCode: `PG-${n}`, familyName: '頁', givenName: '太郎', familyNameKana: 'ページ', givenNameKana: 'タロウ', email: `pg${n}@example.co.jp`, attributes: ['employee'] }));
    }
    const byCode = { by: 'employeeCode', dir: 'asc' };
    const first = await list({ filter: { text: 'PG-' }, sort: byCode });
    const second = await list({ filter: { text: 'PG-' }, sort: byCode, offset: 50, limit: 50 });
    expect(first.total).toBe(55);
    expect(first.rows.map((r) => r.id)).toEqual(ids.slice(0, 50));
    expect(second.rows.map((r) => r.id)).toEqual(ids.slice(50));
    expect(first.rows[7]).toMatchObject({ employeeCode: 'PG-07', familyName: '頁', givenName: '太郎', givenNameKana: 'タロウ', email: 'pg07@example.co.jp', attributes: ['employee'], hasMyNumber: false, status: 'unregistered' });
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

describe('sorting the registrant list', () => {
  // Inserted in an order (INSERTED) that none of the sorts below produces, a second apart;
  // then changed in another order (小川 and 阿部 get a number and become 完了, 石井 and 加藤
  // are edited), so the order of updatedAt is neither the insertion order nor another key's.
  const people = {
    小川: { employeeCode: 'S-02', familyName: '小川', givenName: '美咲', familyNameKana: 'オガワ', givenNameKana: 'ミサキ' },
    上野: { familyName: '上野', givenName: '健', familyNameKana: 'ウエノ', givenNameKana: 'ケン' },
    加藤: { employeeCode: 'S-04', familyName: '加藤', givenName: '翔', familyNameKana: 'カトウ', givenNameKana: 'ショウ' },
    阿部: { employeeCode: 'S-03', familyName: '阿部', givenName: '彩', familyNameKana: 'アベ', givenNameKana: 'アヤ' },
    石井: { employeeCode: 'S-01', familyName: '石井', givenName: '誠', familyNameKana: 'イシイ', givenNameKana: 'マコト' },
  };
  // An attribute no other test of this file uses, so the list holds these five only.
  const attributes = ['category3_insured'];
  const INSERTED = ['小川', '上野', '加藤', '阿部', '石井'] as const;
  const SORTS = [
    ['kana', 'asc', ['阿部', '石井', '上野', '小川', '加藤']],
    ['kana', 'desc', ['加藤', '小川', '上野', '石井', '阿部']],
    // Without an employee code last, in either direction.
    ['employeeCode', 'asc', ['石井', '小川', '阿部', '加藤', '上野']],
    ['employeeCode', 'desc', ['加藤', '阿部', '小川', '石井', '上野']],
    // In the order of the statuses (未登録 … 完了), then by フリガナ ascending within one.
    ['status', 'asc', ['石井', '上野', '加藤', '阿部', '小川']],
    ['status', 'desc', ['阿部', '小川', '石井', '上野', '加藤']],
    ['updatedAt', 'asc', ['上野', '小川', '石井', '加藤', '阿部']],
    ['updatedAt', 'desc', ['阿部', '加藤', '石井', '小川', '上野']],
  ] as const;
  const ids: Record<string, string> = {};
  const names = async (sort?: { by: (typeof SORTS)[number][0]; dir: 'asc' | 'desc' }) =>
    (await list({ filter: { attribute: 'category3_insured' }, ...(sort ? { sort } : {}) })).rows.map((r) => r.familyName);

  beforeAll(async () => {
    for (const name of INSERTED) {
      clock.advance(1000);
      ids[name] = await create({ ...people[name], attributes });
    }
    clock.advance(1000);
    await must(core, admin, 'mynumber.set', { subject: { registrantId: ids.小川 }, myNumber: generateMyNumber(9101) });
    clock.advance(1000);
    await must(core, admin, 'registrants.update', { id: ids.石井, ...people.石井, email: 'ishii@example.co.jp', attributes });
    clock.advance(1000);
    await must(core, admin, 'registrants.update', { id: ids.加藤, ...people.加藤, email: 'kato@example.co.jp', attributes });
    clock.advance(1000);
    await must(core, admin, 'mynumber.set', { subject: { registrantId: ids.阿部 }, myNumber: generateMyNumber(9102) });
  });

  it('starts from rows inserted in an order that no sort tested here produces', () => {
    const same = SORTS.filter(([, , expected]) => expected.join() === INSERTED.join());
    expect(same).toEqual([]);
    expect(new Set(SORTS.map(([, , expected]) => expected.join())).size).toBe(SORTS.length);
  });

  it('has two of the five 完了 (the ones whose number was stored)', async () => {
    const rows = (await list({ filter: { attribute: 'category3_insured' }, sort: { by: 'kana', dir: 'asc' } })).rows;
    expect(rows.map((r) => [r.familyName, r.status])).toEqual([
      ['阿部', 'completed'],
      ['石井', 'unregistered'],
      ['上野', 'unregistered'],
      ['小川', 'completed'],
      ['加藤', 'unregistered'],
    ]);
  });

  it('sorts by フリガナ (gojūon), ascending, when no order is asked for', async () => {
    expect(await names()).toEqual(['阿部', '石井', '上野', '小川', '加藤']);
  });

  it.each(SORTS)('sorts by %s %s', async (by, dir, expected) => {
    expect(await names({ by, dir })).toEqual(expected);
  });
});

describe('the registrant summary', () => {
  const sessions = {} as Record<'admin' | 'manager' | 'viewer', string>;

  beforeAll(async () => {
    sessions.admin = admin;
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    sessions.manager = await signInNewUser(core, admin, { ...MANAGER, role: 'manager', password: 'haru-natsu-aki-fuyu-sakura-kaze' }, clock);
    sessions.viewer = await signInNewUser(core, admin, { ...VIEWER, role: 'viewer', password: 'yuki-tsuki-hana-kumo-nami-sora' }, clock);
    // Two reviewers now; the admin stores numbers directly below.
    await allowDirectNumberEntry(core, admin, ADMIN.password);
  });

  it.each(['admin', 'manager', 'viewer'] as const)('counts registrants by status and those with a number for the %s, without an audit entry', async (role) => {
    const summary = () => must(core, sessions[role], 'registrants.summary', {});
    const before = await summary();
    expect(Object.keys(before.byStatus).sort()).toEqual(['completed', 'declined', 'pending', 'returned', 'unregistered']);
    const id = await create({});
    await must(core, admin, 'mynumber.set', { subject: { registrantId: id }, myNumber: generateMyNumber({ admin: 31, manager: 32, viewer: 33 }[role]) });
    await create({});
    const after = await summary();
    expect(after.total).toBe(before.total + 2);
    expect(after.byStatus.unregistered).toBe(before.byStatus.unregistered + 1);
    expect(after.byStatus.completed).toBe(before.byStatus.completed + 1);
    expect(after.withMyNumber).toBe(before.withMyNumber + 1);
    expect(after.total).toBe((await list()).total);
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'registrants.summary' } });
    expect(audit.total).toBe(0);
  });
});
