// HR storing a number directly (mynumber.set) follows the proxy-entry approval setting: while a
// number entered by HR needs a second user's approval — 'auto' (the default) with two or more
// active admins/managers, or 'required' however few there are — direct entry is refused
// (CONFLICT, audited with reason review_required, never with the number) and nothing moves;
// the number goes in as a proxy entry approved by someone else. With one reviewer under 'auto',
// or under 'notRequired', HR stores it directly. The same holds for a dependent's number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import type { Db } from '../../src-main/core/platform/db/open';
import { ADMIN, MANAGER, VIEWER, must, openTestCore, setupAdmin, signInNewUser, testClock } from '../support/vault';
import { openRawDb } from '../support/raw-db';
import { generateMyNumber } from '../support/numbers';

const clock = testClock();
let core: Core;
let admin: string;
let manager: string;
let managerId: string;
let rawDb: Db;
let seed = 47_000;
const nextNumber = () => generateMyNumber(seed++);
const MANAGER_PASSWORD = `${MANAGER.initialPassword}-renewed`;

const person = { familyName: '高橋', givenName: '陽菜', familyNameKana: 'タカハシ', givenNameKana: 'ヒナ', attributes: ['employee'] };
const spouse = { relationship: 'spouse', familyName: '高橋', givenName: '翔', familyNameKana: 'タカハシ', givenNameKana: 'ショウ', birthDate: '1988-02-14' };

const REFUSED = {
  ok: false,
  error: {
    code: 'CONFLICT',
    messageKey: 'errors.mynumber.reviewRequired',
    message: '設定により、マイナンバーの登録には別のユーザーの承認が必要です。代理入力から登録し、承認を依頼してください',
  },
};

const newRegistrant = async () => (await must(core, admin, 'registrants.create', person)).id as string;
const newDependent = async (registrantId: string) => (await must(core, admin, 'dependents.create', { registrantId, ...spouse })).id as string;
const count = (sql: string, ...params: unknown[]) => (rawDb.prepare(`SELECT count(*) AS n FROM ${sql}`).get(...params) as { n: number }).n;
const statusOf = async (id: string) => (await must(core, admin, 'registrants.get', { id })).registrant.status as string;
const settings = () => must(core, admin, 'submissions.getSettings', {});
const setNumber = (session: string, subject: Record<string, string>, myNumber: string) => core.call(session, 'mynumber.set', { subject, myNumber });

async function configure(proxyApproval: 'auto' | 'required' | 'notRequired') {
  await must(core, admin, 'auth.reauth', { password: ADMIN.password });
  await must(core, admin, 'submissions.configure', { proxyApproval });
}

async function reveal(subject: Record<string, string>) {
  await must(core, admin, 'auth.reauth', { password: ADMIN.password });
  return (await must(core, admin, 'mynumber.reveal', { subject, purposeId: 'withholding_slip' })).myNumber as string;
}

/** The trail's mynumber.set entries for a target, newest first. */
async function setEntries(targetId: string) {
  const { rows } = await must(core, admin, 'audit.query', { filter: { action: 'mynumber.set', targetId } });
  return rows.map((r: { actorLabel: string; outcome: string; targetType: string; targetId: string; detail: unknown }) => [r.actorLabel, r.outcome, r.targetType, r.targetId, r.detail]);
}

/**
 * Asks to store a number for a registrant, and for a dependent of another, by `session`, and
 * checks both are refused for want of a second approval: nothing stored, no status moved, no
 * history written, each refusal audited with its reason, and the numbers nowhere in the replies
 * or the audit table.
 */
async function expectRefused(session: string, actorLabel: string) {
  const registrantId = await newRegistrant();
  const owner = await newRegistrant();
  const dependentId = await newDependent(owner);
  const own = nextNumber();
  const dependentsNumber = nextNumber();
  const before = { numbers: count('my_numbers'), history: count('registrant_status_history') };

  const r = await setNumber(session, { registrantId }, own);
  const d = await setNumber(session, { dependentId }, dependentsNumber);
  expect(r).toEqual(REFUSED);
  expect(d).toEqual(REFUSED);

  expect({ numbers: count('my_numbers'), history: count('registrant_status_history') }).toEqual(before);
  expect(await statusOf(registrantId)).toBe('unregistered');
  expect(await statusOf(owner)).toBe('unregistered');
  expect((await must(core, admin, 'registrants.get', { id: registrantId })).registrant.hasMyNumber).toBe(false);
  expect((await must(core, admin, 'dependents.list', { registrantId: owner })).rows.map((x: { hasMyNumber: boolean }) => x.hasMyNumber)).toEqual([false]);

  expect(await setEntries(registrantId)).toEqual([[actorLabel, 'failure', 'registrant', registrantId, { reason: 'review_required' }]]);
  expect(await setEntries(dependentId)).toEqual([[actorLabel, 'failure', 'dependent', dependentId, { reason: 'review_required' }]]);
  const trail = JSON.stringify(rawDb.prepare('SELECT * FROM audit_log').all());
  for (const n of [own, dependentsNumber]) {
    expect(JSON.stringify([r, d])).not.toContain(n);
    expect(trail).not.toContain(n);
  }
}

/** Stores a number for a registrant and for a dependent of another, directly, and checks both went in. */
async function expectStored(session: string, actorLabel: string) {
  const registrantId = await newRegistrant();
  const owner = await newRegistrant();
  const dependentId = await newDependent(owner);
  const own = nextNumber();
  const dependentsNumber = nextNumber();

  expect(await setNumber(session, { registrantId }, own)).toEqual({ ok: true, value: {} });
  expect(await setNumber(session, { dependentId }, dependentsNumber)).toEqual({ ok: true, value: {} });

  expect(await statusOf(registrantId)).toBe('completed');
  expect(await statusOf(owner)).toBe('unregistered');
  expect(await reveal({ registrantId })).toBe(own);
  expect(await reveal({ dependentId })).toBe(dependentsNumber);
  expect(await setEntries(registrantId)).toEqual([[actorLabel, 'success', 'registrant', registrantId, { outcome: 'added', fromStatus: 'unregistered', toStatus: 'completed' }]]);
  expect(await setEntries(dependentId)).toEqual([[actorLabel, 'success', 'dependent', dependentId, { outcome: 'added', registrantId: owner }]]);
}

beforeAll(async () => {
  let dataDir: string;
  ({ core, dataDir } = await openTestCore(undefined, { clock }));
  admin = (await setupAdmin(core, clock)).session;
  rawDb = await openRawDb(dataDir, core.vaultId);
});
afterAll(async () => {
  rawDb.close();
  await core.close();
});

describe('direct entry with the admin the only reviewer', () => {
  it("is allowed under 'auto' (the default); a viewer does not count as a reviewer", async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    await must(core, admin, 'users.create', { ...VIEWER, role: 'viewer', secondFactor: 'totp' });
    expect(await settings()).toEqual({ proxyApproval: 'auto', reviewRequiredNow: false });
    await expectStored(admin, ADMIN.loginId);
  });

  it("is refused under 'required', even alone", async () => {
    await configure('required');
    expect(await settings()).toEqual({ proxyApproval: 'required', reviewRequiredNow: true });
    await expectRefused(admin, ADMIN.loginId);
    await configure('auto');
  });
});

describe('direct entry with two reviewers', () => {
  beforeAll(async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    manager = await signInNewUser(core, admin, { ...MANAGER, role: 'manager', password: MANAGER_PASSWORD }, clock);
    managerId = (await must(core, admin, 'users.list', {})).rows.find((u: { loginId: string }) => u.loginId === MANAGER.loginId).id;
  });

  it("is refused under 'auto' for the admin and the manager alike: nothing stored, audited without the number", async () => {
    expect(await settings()).toEqual({ proxyApproval: 'auto', reviewRequiredNow: true });
    await expectRefused(admin, ADMIN.loginId);
    await expectRefused(manager, MANAGER.loginId);
  });

  it('still answers NOT_FOUND for a registrant or dependent that does not exist', async () => {
    expect(await setNumber(admin, { registrantId: 'nobody' }, nextNumber())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', messageKey: 'errors.registrants.notFound' } });
    expect(await setNumber(admin, { dependentId: 'nobody' }, nextNumber())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', messageKey: 'errors.dependents.notFound' } });
  });

  it('takes the number as a proxy entry approved by another user: stored, 完了', async () => {
    const registrantId = await newRegistrant();
    const own = nextNumber();
    const spouseNumber = nextNumber();
    const entry = await must(core, manager, 'submissions.createProxy', { registrantId, myNumber: own, dependents: [{ ...spouse, myNumber: spouseNumber }] });
    expect(entry).toEqual({ id: expect.any(String), status: 'pending' });
    expect(await statusOf(registrantId)).toBe('pending');
    expect(count("my_numbers WHERE subject_type = 'registrant' AND subject_id = ?", registrantId)).toBe(0);

    expect(await core.call(admin, 'submissions.approve', { id: entry.id })).toEqual({ ok: true, value: {} });
    expect(await statusOf(registrantId)).toBe('completed');
    const { rows } = await must(core, admin, 'dependents.list', { registrantId });
    expect(rows.map((x: { givenName: string; hasMyNumber: boolean }) => [x.givenName, x.hasMyNumber])).toEqual([['翔', true]]);
    expect(await reveal({ registrantId })).toBe(own);
    expect(await reveal({ dependentId: rows[0].id })).toBe(spouseNumber);
    expect(await setEntries(registrantId)).toEqual([[ADMIN.loginId, 'success', 'registrant', registrantId, { outcome: 'added', via: 'submission', submissionId: entry.id }]]);
    expect(await setEntries(rows[0].id)).toEqual([[ADMIN.loginId, 'success', 'dependent', rows[0].id, { outcome: 'added', registrantId, via: 'submission', submissionId: entry.id }]]);
  });

  it("is allowed under 'notRequired'", async () => {
    await configure('notRequired');
    expect(await settings()).toEqual({ proxyApproval: 'notRequired', reviewRequiredNow: false });
    await expectStored(manager, MANAGER.loginId);
    await configure('auto');
  });

  it("is allowed again under 'auto' once only one admin/manager is active", async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    await must(core, admin, 'users.setDisabled', { id: managerId, disabled: true });
    expect(await settings()).toEqual({ proxyApproval: 'auto', reviewRequiredNow: false });
    await expectStored(admin, ADMIN.loginId);
  });
});
