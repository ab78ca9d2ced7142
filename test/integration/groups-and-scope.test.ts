// Groups (店舗・支店) and the users limited to them. Admins keep the groups; a manager or
// viewer limited to groups reaches only those groups' registrants — in lists, counts, searches,
// reads, edits, numbers and everything built on a registrant — and outside them every answer
// is NOT_FOUND, the same in every byte as for someone who does not exist. A registrant in no
// group is outside every limited user's reach. Admins and unlimited users see everyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import type { Db } from '../../src-main/core/platform/db/open';
import { generateMyNumber } from '../support/numbers';
import { openRawDb } from '../support/raw-db';
import { ADMIN, must, openTestCore, setupAdmin, signInNewUser, testClock } from '../support/vault';

const clock = testClock();
let core: Core;
let admin: string;
let rawDb: Db;
const group: Record<'tokyo' | 'osaka', string> = {} as never;
const person: Record<'tokyo1' | 'tokyo2' | 'osaka1' | 'nowhere1', string> = {} as never;
const session: Record<'tokyoManager' | 'manager' | 'osakaViewer', string> = {} as never;
let tokyoManagerId: string;

const base = { givenName: '太郎', givenNameKana: 'タロウ', attributes: ['employee'] };
const PASSWORDS = { tokyoManager: 'kaki-kuri-nashi-momo-ringo', manager: 'umi-yama-kawa-mori-sora-ni', osakaViewer: 'hoshi-tsuki-kumo-ame-kaze' };

async function create(fields: Record<string, unknown>, as = admin): Promise<string> {
  return (await must(core, as, 'registrants.create', { ...base, ...fields })).id;
}

const ids = async (as: string, input: Record<string, unknown> = {}) =>
  (await must(core, as, 'registrants.list', input)).rows.map((r: { id: string }) => r.id).sort();

/** The tables a refused call must leave as they were. */
function snapshot(): string {
  return JSON.stringify(['registrants', 'my_numbers', 'groups', 'user_groups', 'registrant_attributes'].map((t) => rawDb.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()));
}

beforeAll(async () => {
  let dataDir: string;
  ({ core, dataDir } = await openTestCore(undefined, { clock }));
  admin = (await setupAdmin(core, clock)).session;
  rawDb = await openRawDb(dataDir, core.vaultId);
  group.tokyo = (await must(core, admin, 'groups.create', { name: '東京店' })).id;
  group.osaka = (await must(core, admin, 'groups.create', { name: '大阪店' })).id;
  person.tokyo1 = await create({ familyName: '東京', familyNameKana: 'トウキョウ', groupId: group.tokyo });
  person.tokyo2 = await create({ familyName: '品川', familyNameKana: 'シナガワ', groupId: group.tokyo });
  person.osaka1 = await create({ familyName: '大阪', familyNameKana: 'オオサカ', groupId: group.osaka });
  person.nowhere1 = await create({ familyName: '無所属', familyNameKana: 'ムショゾク' });
  await must(core, admin, 'mynumber.set', { subject: { registrantId: person.tokyo1 }, myNumber: generateMyNumber(501) });
  await must(core, admin, 'mynumber.set', { subject: { registrantId: person.osaka1 }, myNumber: generateMyNumber(502) });
  await must(core, admin, 'auth.reauth', { password: ADMIN.password });
  session.tokyoManager = await signInNewUser(
    core,
    admin,
    { loginId: 'tokyo.manager', displayName: '東京 店長', email: 'tokyo@example.co.jp', role: 'manager', initialPassword: `${PASSWORDS.tokyoManager}-0`, password: PASSWORDS.tokyoManager, groupIds: [group.tokyo] },
    clock,
  );
  session.manager = await signInNewUser(
    core,
    admin,
    { loginId: 'head.manager', displayName: '本部 担当', email: 'head@example.co.jp', role: 'manager', initialPassword: `${PASSWORDS.manager}-0`, password: PASSWORDS.manager },
    clock,
  );
  session.osakaViewer = await signInNewUser(
    core,
    admin,
    { loginId: 'osaka.viewer', displayName: '大阪 閲覧', email: 'osaka@example.co.jp', role: 'viewer', initialPassword: `${PASSWORDS.osakaViewer}-0`, password: PASSWORDS.osakaViewer, groupIds: [group.osaka] },
    clock,
  );
  tokyoManagerId = (await must(core, admin, 'users.list', {})).rows.find((u: { loginId: string }) => u.loginId === 'tokyo.manager').id;
});
afterAll(async () => {
  rawDb.close();
  await core.close();
});

describe('a manager limited to a group', () => {
  it('lists, searches and counts only the registrants of their group', async () => {
    expect(await ids(session.tokyoManager)).toEqual([person.tokyo1, person.tokyo2].sort());
    expect((await must(core, session.tokyoManager, 'registrants.list', {})).total).toBe(2);
    expect(await ids(session.tokyoManager, { filter: { text: 'おおさか' } })).toEqual([]);
    expect(await ids(session.tokyoManager, { filter: { text: '大阪' } })).toEqual([]);
    expect(await ids(session.tokyoManager, { filter: { groupId: group.osaka } })).toEqual([]);
    expect(await ids(session.tokyoManager, { filter: { groupId: null } })).toEqual([]);
    expect(await ids(session.tokyoManager, { filter: { hasMyNumber: true } })).toEqual([person.tokyo1]);
    const summary = await must(core, session.tokyoManager, 'registrants.summary', {});
    expect(summary).toMatchObject({ total: 2, withMyNumber: 1, byStatus: { unregistered: 1, completed: 1 } });
    expect(summary.byGroup).toEqual([{ groupId: group.tokyo, total: 2, withMyNumber: 1, byStatus: { unregistered: 1, pending: 0, returned: 0, declined: 0, completed: 1 } }]);
    expect((await must(core, session.tokyoManager, 'groups.list', {})).rows).toEqual([{ id: group.tokyo, name: '東京店', sortOrder: 10, memberCount: 2 }]);
  });

  it('is answered NOT_FOUND outside their group exactly as for someone who does not exist, for every call on a registrant', async () => {
    await must(core, session.tokyoManager, 'auth.reauth', { password: PASSWORDS.tokyoManager });
    const before = snapshot();
    const calls: [string, (id: string) => unknown][] = [
      ['registrants.get', (id) => ({ id })],
      ['registrants.update', (id) => ({ id, ...base, familyName: '変更', familyNameKana: 'ヘンコウ', groupId: group.tokyo })],
      ['mynumber.set', (id) => ({ subject: { registrantId: id }, myNumber: generateMyNumber(503) })],
      ['mynumber.reveal', (id) => ({ subject: { registrantId: id }, purposeId: 'withholding_slip' })],
      ['dependents.list', (id) => ({ registrantId: id })],
      ['dependents.create', (id) => ({ registrantId: id, relationship: 'child', familyName: '大阪', givenName: '花', familyNameKana: 'オオサカ', givenNameKana: 'ハナ' })],
      ['registrants.history', (id) => ({ registrantId: id })],
    ];
    for (const [channel, input] of calls) {
      const outside = await core.call(session.tokyoManager, channel, input(person.osaka1));
      const ungrouped = await core.call(session.tokyoManager, channel, input(person.nowhere1));
      const absent = await core.call(session.tokyoManager, channel, input('00000000-0000-4000-8000-000000000000'));
      expect(outside, channel).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(outside, channel).toEqual(absent);
      expect(ungrouped, channel).toEqual(absent);
    }
    expect(snapshot()).toBe(before);
    // The refused reveal is recorded as one of nobody in particular: the reason is the same.
    const reveals = await must(core, admin, 'audit.query', { filter: { action: 'mynumber.reveal', actorId: tokyoManagerId } });
    expect(reveals.rows.map((r: { detail: { reason: string } }) => r.detail.reason)).toEqual(['not_found', 'not_found', 'not_found']);
  });

  it('reaches their own group as usual: reads, edits and reveals', async () => {
    expect((await must(core, session.tokyoManager, 'registrants.get', { id: person.tokyo1 })).registrant.familyName).toBe('東京');
    await must(core, session.tokyoManager, 'auth.reauth', { password: PASSWORDS.tokyoManager });
    expect(await must(core, session.tokyoManager, 'mynumber.reveal', { subject: { registrantId: person.tokyo1 }, purposeId: 'withholding_slip' })).toEqual({ myNumber: generateMyNumber(501) });
    await must(core, session.tokyoManager, 'registrants.update', { id: person.tokyo2, ...base, familyName: '品川', familyNameKana: 'シナガワ', groupId: group.tokyo, phone: '03-5555-0000' });
  });

  it('must put a registrant in their group: none, or another group, is refused and nothing is stored', async () => {
    const before = snapshot();
    const fields = { ...base, familyName: '新人', givenName: '次郎', familyNameKana: 'シンジン', givenNameKana: 'ジロウ' };
    expect(await core.call(session.tokyoManager, 'registrants.create', fields)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '担当するグループのどれかを選んでください' },
    });
    const elsewhere = await core.call(session.tokyoManager, 'registrants.create', { ...fields, groupId: group.osaka });
    expect(elsewhere).toEqual(await core.call(session.tokyoManager, 'registrants.create', { ...fields, groupId: 'no-such-group' }));
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'グループが見つかりません' } });
    expect(await core.call(session.tokyoManager, 'registrants.update', { id: person.tokyo2, ...base, familyName: '品川', familyNameKana: 'シナガワ', groupId: group.osaka })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(snapshot()).toBe(before);
    const id = await create({ ...fields, groupId: group.tokyo }, session.tokyoManager);
    expect(await ids(session.tokyoManager)).toContain(id);
    await must(core, admin, 'registrants.update', { id, ...fields, groupId: group.osaka });
    expect(await ids(session.tokyoManager)).not.toContain(id);
  });

  it('reads the audit trail only about registrants of their group: entries about others are left out, id and all', async () => {
    await must(core, admin, 'registrants.get', { id: person.osaka1 });
    await must(core, admin, 'registrants.get', { id: person.tokyo1 });
    // The last two views are Osaka's then Tokyo's: the manager's page skips Osaka's, so the next is an earlier one of Tokyo's.
    const trail = await must(core, session.tokyoManager, 'audit.query', { filter: { action: 'registrants.view' }, limit: 2 });
    expect(trail.rows.map((r: { targetId: string; targetLabel: string | null }) => [r.targetId, r.targetLabel])).toEqual([
      [person.tokyo1, '東京 太郎'],
      [person.tokyo1, '東京 太郎'],
    ]);
    expect(trail.rows.some((r: { targetId: string }) => r.targetId === person.osaka1)).toBe(false);
    const all = await must(core, admin, 'audit.query', { filter: { action: 'registrants.view' }, limit: 2 });
    expect(all.rows.map((r: { targetId: string }) => r.targetId)).toEqual([person.tokyo1, person.osaka1]);
  });
});

describe('other callers', () => {
  it('a viewer limited to a group sees only its registrants', async () => {
    expect(await ids(session.osakaViewer, { filter: { text: 'タロウ' } })).toEqual([person.osaka1]);
    expect(await core.call(session.osakaViewer, 'registrants.get', { id: person.tokyo1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('an admin and an unlimited manager see everyone, those in no group included', async () => {
    for (const as of [admin, session.manager]) {
      expect(await ids(as, { filter: { text: 'タロウ' } })).toEqual(Object.values(person).sort());
      expect(await ids(as, { filter: { text: 'タロウ', groupId: null } })).toEqual([person.nowhere1]);
      const { byGroup } = await must(core, as, 'registrants.summary', {});
      expect(byGroup.map((g: { groupId: string | null }) => g.groupId)).toEqual([group.tokyo, group.osaka, null]);
    }
  });

  it('a change of the limits reaches a signed-in user at their next call', async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const update = (groupIds?: string[]) =>
      must(core, admin, 'users.update', { id: tokyoManagerId, displayName: '東京 店長', email: 'tokyo@example.co.jp', role: 'manager', secondFactor: 'totp', ...(groupIds ? { groupIds } : {}) });
    await update([group.tokyo, group.osaka]);
    expect(await ids(session.tokyoManager, { filter: { text: 'タロウ' } })).toEqual([person.tokyo1, person.tokyo2, person.osaka1].sort());
    await update(); // absent: unchanged
    expect((await must(core, admin, 'users.list', {})).rows.find((u: { id: string }) => u.id === tokyoManagerId).groupIds).toEqual([group.tokyo, group.osaka].sort());
    await update([]); // empty: every group
    expect(await ids(session.tokyoManager, { filter: { text: 'タロウ' } })).toEqual(Object.values(person).sort());
    await update([group.tokyo]);
    expect(await ids(session.tokyoManager, { filter: { text: 'タロウ' } })).toEqual([person.tokyo1, person.tokyo2].sort());
  });
});

describe('limiting users to groups', () => {
  it('refuses groups for an admin and unknown groups, creating nobody; a user made admin loses theirs', async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const before = JSON.stringify(rawDb.prepare('SELECT id, role FROM users ORDER BY id').all());
    const fields = { loginId: 'new.admin', displayName: '新 管理者', email: 'new.admin@example.co.jp', secondFactor: 'totp', initialPassword: 'natsu-no-yoru-no-hanabi-7' };
    expect(await core.call(admin, 'users.create', { ...fields, role: 'admin', groupIds: [group.tokyo] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '最高権限のユーザーはすべてのグループを担当します。担当グループは指定できません' },
    });
    expect(await core.call(admin, 'users.create', { ...fields, role: 'manager', groupIds: ['no-such-group'] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(JSON.stringify(rawDb.prepare('SELECT id, role FROM users ORDER BY id').all())).toBe(before);

    const { id } = await must(core, admin, 'users.create', { ...fields, role: 'manager', groupIds: [group.osaka] });
    await must(core, admin, 'users.update', { id, displayName: '新 管理者', email: fields.email, role: 'admin', secondFactor: 'totp' });
    expect((await must(core, admin, 'users.list', {})).rows.find((u: { id: string }) => u.id === id)).toMatchObject({ role: 'admin', groupIds: [] });
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'users.update', targetId: id } });
    expect(audit.rows[0].detail).toMatchObject({ fromRole: 'manager', toRole: 'admin', fromGroupIds: group.osaka, toGroupIds: '' });
  });
});

describe('groups', () => {
  it('an admin adds, renames and reorders them; the list is in display order with member counts', async () => {
    const kyoto = (await must(core, admin, 'groups.create', { name: '京都店' })).id;
    await must(core, admin, 'groups.update', { id: kyoto, name: '京都支店', sortOrder: 5 });
    const { rows } = await must(core, admin, 'groups.list', {});
    expect(rows[0]).toEqual({ id: kyoto, name: '京都支店', sortOrder: 5, memberCount: 0 });
    expect(rows.find((g: { id: string }) => g.id === group.tokyo)).toMatchObject({ name: '東京店', memberCount: 2 });
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'groups.update', targetId: kyoto } });
    expect(audit.rows[0]).toMatchObject({ targetType: 'group', targetLabel: '京都支店', detail: { renamed: true, sortOrder: 5 } });
  });

  it('refuses a name another group has, to one of two admins adding it at the same moment', async () => {
    const results = await Promise.all([core.call(admin, 'groups.create', { name: '神戸店' }), core.call(admin, 'groups.create', { name: '神戸店' })]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['CONFLICT', 'ok']);
    expect(rawDb.prepare("SELECT count(*) AS n FROM groups WHERE name = '神戸店'").get()).toEqual({ n: 1 });
  });

  it('refuses to delete a group that registrants or limited users still have, changing nothing', async () => {
    const before = snapshot();
    expect(await core.call(admin, 'groups.delete', { id: group.tokyo })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'このグループには登録者または担当ユーザーがいます。移動先のグループを選んでから削除してください' },
    });
    // No registrant, but a user limited to it: deleting it would widen that user to every group.
    const sendai = (await must(core, admin, 'groups.create', { name: '仙台店' })).id;
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const { id } = await must(core, admin, 'users.create', {
      loginId: 'sendai.viewer',
      displayName: '仙台 閲覧',
      email: 'sendai@example.co.jp',
      role: 'viewer',
      secondFactor: 'totp',
      initialPassword: 'aki-no-sora-ni-kumo-hitotsu',
      groupIds: [sendai],
    });
    const withUser = snapshot();
    expect(await core.call(admin, 'groups.delete', { id: sendai })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await core.call(admin, 'groups.delete', { id: sendai, moveTo: sendai })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await core.call(admin, 'groups.delete', { id: sendai, moveTo: 'no-such-group' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(snapshot()).toBe(withUser);
    expect(before).not.toBe(withUser);
    expect(rawDb.prepare('SELECT group_id FROM user_groups WHERE user_id = ?').all(id)).toEqual([{ group_id: sendai }]);
  });

  it('deletes a group by moving its registrants and limited users to another, in one transaction', async () => {
    const nagoya = (await must(core, admin, 'groups.create', { name: '名古屋店' })).id;
    const gifu = (await must(core, admin, 'groups.create', { name: '岐阜店' })).id;
    const a = await create({ familyName: '名古屋', familyNameKana: 'ナゴヤ', groupId: nagoya });
    const b = await create({ familyName: '熱田', familyNameKana: 'アツタ', groupId: nagoya });
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const { id: user } = await must(core, admin, 'users.create', {
      loginId: 'nagoya.viewer',
      displayName: '名古屋 閲覧',
      email: 'nagoya@example.co.jp',
      role: 'viewer',
      secondFactor: 'totp',
      initialPassword: 'fuyu-no-asa-no-shimo-bashira',
      groupIds: [nagoya],
    });
    await must(core, admin, 'groups.delete', { id: nagoya, moveTo: gifu });
    for (const id of [a, b]) expect((await must(core, admin, 'registrants.get', { id })).registrant.groupId).toBe(gifu);
    expect((await must(core, admin, 'users.list', {})).rows.find((u: { id: string }) => u.id === user).groupIds).toEqual([gifu]);
    expect((await must(core, admin, 'groups.list', {})).rows.map((g: { id: string }) => g.id)).not.toContain(nagoya);
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'groups.delete', targetId: nagoya } });
    expect(audit.rows[0].detail).toEqual({ moveTo: gifu, moved: 2, usersMoved: 1 });
    // An empty group goes without anywhere to move to.
    await must(core, admin, 'groups.delete', { id: gifu, moveTo: group.osaka });
    const empty = (await must(core, admin, 'groups.create', { name: '空の店' })).id;
    await must(core, admin, 'groups.delete', { id: empty });
  });

  it('holds together when a group is deleted while registrants are added to it at the same moment', async () => {
    const from = (await must(core, admin, 'groups.create', { name: '福岡店' })).id;
    const to = (await must(core, admin, 'groups.create', { name: '博多店' })).id;
    const adds = Array.from({ length: 6 }, (_, i) =>
      core.call(admin, 'registrants.create', { ...base, familyName: `福岡${i}`, familyNameKana: 'フクオカ', groupId: from }),
    );
    const results = await Promise.all([...adds.slice(0, 3), core.call(admin, 'groups.delete', { id: from, moveTo: to }), ...adds.slice(3)]);
    expect(results[3]).toEqual({ ok: true, value: {} });
    const added = results.filter((r, i) => i !== 3 && r.ok).length;
    expect(results.filter((r, i) => i !== 3 && !r.ok).every((r) => !r.ok && r.error.code === 'NOT_FOUND')).toBe(true);
    expect(rawDb.prepare('SELECT count(*) AS n FROM registrants WHERE group_id = ?').get(from)).toEqual({ n: 0 });
    expect(rawDb.prepare("SELECT count(*) AS n FROM registrants WHERE group_id = ? AND family_name LIKE '福岡%'").get(to)).toEqual({ n: added });
    expect(rawDb.pragma('foreign_key_check')).toEqual([]);
  });
});
