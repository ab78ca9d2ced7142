// Submissions and review, with HR proxy entry (代理入力): a submission holds the registrant's
// number and dependents added or changed with theirs, sealed and bound to the submission, and
// never read back (only hasMyNumber); a setting decides whether a proxy entry waits for a second
// user (by default when two or more admins/managers are active) and its author can never approve
// it; approval applies everything in one transaction, exactly once even when two arrive together,
// or nothing at all; return and decline need a reason, move the status and wipe the numbers; and
// a manager limited to groups neither lists, counts, reads, reviews nor enters outside them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import type { Db } from '../../src-main/core/platform/db/open';
import { ADMIN, MANAGER, allowDirectNumberEntry, must, openTestCore, setupAdmin, signInNewUser, testClock, type NewUser } from '../support/vault';
import { openRawDb } from '../support/raw-db';
import { generateMyNumber } from '../support/numbers';

const clock = testClock();
let core: Core;
let admin: string;
let adminId: string;
let manager: string;
let rawDb: Db;
let seed = 73_000;
const nextNumber = () => generateMyNumber(seed++);
const MANAGER_PASSWORD = `${MANAGER.initialPassword}-renewed`;

const person = { familyName: '石川', givenName: '美咲', familyNameKana: 'イシカワ', givenNameKana: 'ミサキ', attributes: ['employee'] };
const spouse = { relationship: 'spouse', familyName: '石川', givenName: '大輔', familyNameKana: 'いしかわ', givenNameKana: 'だいすけ', birthDate: '1984-11-03', taxDependent: true, category3: true };
const child = { relationship: 'child', familyName: '石川', givenName: '蓮', familyNameKana: 'イシカワ', givenNameKana: 'レン', birthDate: '2015-04-01', taxDependent: true };

const newRegistrant = async (fields: Record<string, unknown> = {}) => (await must(core, admin, 'registrants.create', { ...person, ...fields })).id as string;
const count = (sql: string, ...params: unknown[]) => (rawDb.prepare(`SELECT count(*) AS n FROM ${sql}`).get(...params) as { n: number }).n;
const statusOf = async (id: string) => (await must(core, admin, 'registrants.get', { id })).registrant.status as string;

async function reveal(session: string, password: string, subject: Record<string, string>) {
  await must(core, session, 'auth.reauth', { password });
  return (await must(core, session, 'mynumber.reveal', { subject, purposeId: 'dependent_declaration' })).myNumber as string;
}

beforeAll(async () => {
  let dataDir: string;
  ({ core, dataDir } = await openTestCore(undefined, { clock }));
  const setup = await setupAdmin(core, clock);
  admin = setup.session;
  adminId = setup.userId;
  rawDb = await openRawDb(dataDir, core.vaultId);
});
afterAll(async () => {
  rawDb.close();
  await core.close();
});

describe('a proxy entry while the admin is the only reviewer', () => {
  it('needs no second approval by default, and is applied as it is entered', async () => {
    expect(await must(core, admin, 'submissions.getSettings', {})).toEqual({ proxyApproval: 'auto', reviewRequiredNow: false });
    const registrantId = await newRegistrant();
    const own = nextNumber();
    const spouseNumber = nextNumber();
    const r = await must(core, admin, 'submissions.createProxy', { registrantId, myNumber: own, dependents: [{ ...spouse, myNumber: spouseNumber }] });
    expect(r).toEqual({ id: expect.any(String), status: 'approved' });
    expect(await statusOf(registrantId)).toBe('completed');
    const { rows } = await must(core, admin, 'dependents.list', { registrantId });
    expect(rows).toMatchObject([{ relationship: 'spouse', givenNameKana: 'ダイスケ', hasMyNumber: true }]);
    expect(await reveal(admin, ADMIN.password, { dependentId: rows[0].id })).toBe(spouseNumber);
    const { submission } = await must(core, admin, 'submissions.get', { id: r.id });
    expect(submission).toMatchObject({ status: 'approved', reviewRequired: false, enteredBy: { id: adminId, label: ADMIN.loginId }, decidedBy: { id: adminId, label: ADMIN.loginId }, mayApprove: false });
    expect(submission.dependents[0]).toMatchObject({ dependentId: rows[0].id, hasMyNumber: true });
    const { rows: history } = await must(core, admin, 'registrants.history', { registrantId });
    expect(history).toMatchObject([{ from: 'unregistered', to: 'completed', via: 'staffEntry', submissionId: r.id }]);
    expect(count("submissions WHERE number_sealed IS NOT NULL") + count('submission_dependents WHERE number_sealed IS NOT NULL')).toBe(0);
  });

  it('waits for a second user when the admin says so, however few there are; only an admin may change that, after re-entering the password', async () => {
    clock.advance(5 * 60_000 + 1_000);
    await must(core, admin, 'auth.keepAlive', {});
    expect(await core.call(admin, 'submissions.configure', { proxyApproval: 'required' })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    await must(core, admin, 'submissions.configure', { proxyApproval: 'required' });
    expect(await must(core, admin, 'submissions.getSettings', {})).toEqual({ proxyApproval: 'required', reviewRequiredNow: true });
    const r = await must(core, admin, 'submissions.createProxy', { registrantId: await newRegistrant(), myNumber: nextNumber() });
    expect(r.status).toBe('pending');
    // Alone, the admin cannot approve their own entry: it waits for someone else.
    expect(await core.call(admin, 'submissions.approve', { id: r.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.submissions.ownEntry' } });
    await must(core, admin, 'submissions.configure', { proxyApproval: 'auto' });
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'submissions.configure' } });
    expect(audit.rows.map((row: { detail: unknown }) => row.detail)).toEqual([{ proxyApproval: 'auto' }, { proxyApproval: 'required' }]);
  });
});

describe('a proxy entry with two reviewers', () => {
  let registrantId: string;
  let existingChild: string;
  let submissionId: string;
  const own = generateMyNumber(79_001);
  const spouseNumber = generateMyNumber(79_002);
  const childNumber = generateMyNumber(79_003);

  beforeAll(async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    manager = await signInNewUser(core, admin, { ...MANAGER, role: 'manager', password: MANAGER_PASSWORD }, clock);
    registrantId = await newRegistrant({ employeeCode: 'S-0001' });
    existingChild = (await must(core, admin, 'dependents.create', { registrantId, ...child, givenName: '連' })).id;
  });

  it('waits for review by default once two admins/managers are active: 承認待ち, numbers sealed and bound to it, nothing applied', async () => {
    expect(await must(core, manager, 'submissions.getSettings', {})).toEqual({ proxyApproval: 'auto', reviewRequiredNow: true });
    const waitingBefore = (await must(core, admin, 'submissions.summary', {})).waiting;
    const numbersBefore = count('my_numbers');
    const r = await must(core, manager, 'submissions.createProxy', {
      registrantId,
      myNumber: own,
      dependents: [
        { ...spouse, myNumber: spouseNumber },
        { ...child, dependentId: existingChild, myNumber: childNumber },
        { ...child, relationship: 'child', givenName: '葵', givenNameKana: 'あおい', birthDate: '2019-05-01', taxDependent: false },
      ],
    });
    submissionId = r.id;
    expect(r).toEqual({ id: expect.any(String), status: 'pending' });
    expect(await statusOf(registrantId)).toBe('pending');
    expect((await must(core, admin, 'submissions.summary', {})).waiting).toBe(waitingBefore + 1);
    expect(count('my_numbers')).toBe(numbersBefore);
    expect((await must(core, admin, 'dependents.list', { registrantId })).rows.map((d: { givenName: string }) => d.givenName)).toEqual(['連']);

    const sealed = rawDb.prepare('SELECT number_sealed FROM submissions WHERE id = ? UNION ALL SELECT number_sealed FROM submission_dependents WHERE submission_id = ?').all(r.id, r.id) as {
      number_sealed: Buffer | null;
    }[];
    expect(sealed.map((s) => s.number_sealed !== null)).toEqual([true, true, true, false]);
    for (const { number_sealed } of sealed) for (const n of [own, spouseNumber, childNumber]) expect(number_sealed?.toString('latin1') ?? '').not.toContain(n);
  });

  it('is read back without a number — hasMyNumber per subject — in the list and in full, and the reading is audited', async () => {
    const { rows, total } = await must(core, admin, 'submissions.list', { status: 'pending' });
    const row = rows.find((s: { id: string }) => s.id === submissionId);
    expect(row).toEqual({
      id: submissionId,
      registrantId,
      registrant: { familyName: '石川', givenName: '美咲', familyNameKana: 'イシカワ', givenNameKana: 'ミサキ', employeeCode: 'S-0001' },
      registrantStatus: 'pending',
      source: 'proxy',
      status: 'pending',
      reviewRequired: true,
      enteredBy: { id: expect.any(String), label: MANAGER.loginId },
      createdAt: clock.now().toISOString(),
      decidedAt: null,
      hasMyNumber: true,
      dependentCount: 3,
    });
    expect(total).toBe(rows.length);
    const { submission } = await must(core, admin, 'submissions.get', { id: submissionId });
    expect(submission.dependents).toEqual([
      { position: 0, dependentId: null, relationship: 'spouse', familyName: '石川', givenName: '大輔', familyNameKana: 'イシカワ', givenNameKana: 'ダイスケ', birthDate: '1984-11-03', taxDependent: true, category3: true, hasMyNumber: true, documentSet: null, crossCheck: null },
      { position: 1, dependentId: existingChild, relationship: 'child', familyName: '石川', givenName: '蓮', familyNameKana: 'イシカワ', givenNameKana: 'レン', birthDate: '2015-04-01', taxDependent: true, category3: false, hasMyNumber: true, documentSet: null, crossCheck: null },
      { position: 2, dependentId: null, relationship: 'child', familyName: '石川', givenName: '葵', familyNameKana: 'イシカワ', givenNameKana: 'アオイ', birthDate: '2019-05-01', taxDependent: false, category3: false, hasMyNumber: false, documentSet: null, crossCheck: null },
    ]);
    expect(submission).toMatchObject({ mayApprove: true, decidedBy: null, reason: null });
    expect((await must(core, manager, 'submissions.get', { id: submissionId })).submission.mayApprove).toBe(false);
    for (const n of [own, spouseNumber, childNumber]) expect(JSON.stringify([rows, submission])).not.toContain(n);
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'submissions.view', targetId: submissionId }, limit: 1 });
    expect(audit.rows[0]).toMatchObject({ targetType: 'submission', detail: { registrantId } });
  });

  it('cannot be approved by the user who entered it: FORBIDDEN, audited, nothing changed', async () => {
    const r = await core.call(manager, 'submissions.approve', { id: submissionId });
    expect(r).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', messageKey: 'errors.submissions.ownEntry', message: '自分で代理入力した提出は承認できません。別のユーザーに承認を依頼してください' },
    });
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'submissions.approve', targetId: submissionId } });
    expect(audit.rows[0]).toMatchObject({ actorLabel: MANAGER.loginId, outcome: 'denied', detail: { reason: 'own_submission', registrantId } });
    expect(await statusOf(registrantId)).toBe('pending');
    expect(count('submissions WHERE id = ? AND state = ? AND number_sealed IS NOT NULL', submissionId, 'pending')).toBe(1);
  });

  it('is approved by another user once, in one transaction: numbers stored, dependents added and changed, 完了, closed, sealed copies wiped', async () => {
    const [first, second] = await Promise.all([
      core.call(admin, 'submissions.approve', { id: submissionId }),
      core.call(admin, 'submissions.approve', { id: submissionId }),
    ]);
    expect([first, second].filter((x) => x.ok)).toHaveLength(1);
    expect([first, second].find((x) => !x.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT', messageKey: 'errors.submissions.notPending' } });

    expect(await statusOf(registrantId)).toBe('completed');
    const { rows } = await must(core, admin, 'dependents.list', { registrantId });
    expect(rows.map((d: { givenName: string; hasMyNumber: boolean }) => [d.givenName, d.hasMyNumber])).toEqual([
      ['蓮', true],
      ['大輔', true],
      ['葵', false],
    ]);
    expect(await reveal(admin, ADMIN.password, { registrantId })).toBe(own);
    expect(await reveal(admin, ADMIN.password, { dependentId: existingChild })).toBe(childNumber);
    expect(await reveal(admin, ADMIN.password, { dependentId: rows[1].id })).toBe(spouseNumber);

    const { submission } = await must(core, admin, 'submissions.get', { id: submissionId });
    expect(submission).toMatchObject({ status: 'approved', decidedBy: { id: adminId, label: ADMIN.loginId }, decidedAt: clock.now().toISOString(), hasMyNumber: true, mayApprove: false });
    expect(submission.dependents.map((d: { dependentId: string }) => d.dependentId)).toEqual([rows[1].id, existingChild, rows[2].id]);
    expect(count('submissions WHERE id = ? AND number_sealed IS NOT NULL', submissionId) + count('submission_dependents WHERE submission_id = ? AND number_sealed IS NOT NULL', submissionId)).toBe(0);
    const { rows: history } = await must(core, admin, 'registrants.history', { registrantId });
    expect(history.slice(-2)).toMatchObject([
      { from: 'unregistered', to: 'pending', via: 'submit', actorLabel: MANAGER.loginId, submissionId },
      { from: 'pending', to: 'completed', via: 'approve', actorLabel: ADMIN.loginId, submissionId },
    ]);

    const approvals = await must(core, admin, 'audit.query', { filter: { action: 'submissions.approve', targetId: submissionId, outcome: 'success' } });
    expect(approvals.rows.map((a: { detail: unknown }) => a.detail)).toEqual([
      { registrantId, numbers: 3, dependentsAdded: 2, dependentsChanged: 1, fromStatus: 'pending', toStatus: 'completed' },
    ]);
    const stored = await must(core, admin, 'audit.query', { filter: { action: 'mynumber.set', targetId: registrantId } });
    expect(stored.rows[0]).toMatchObject({ detail: { outcome: 'added', via: 'submission', submissionId } });
    const trail = JSON.stringify(rawDb.prepare('SELECT * FROM audit_log').all());
    for (const n of [own, spouseNumber, childNumber]) expect(trail).not.toContain(n);
    // Done with: approving, returning or declining it again is refused.
    for (const [channel, input] of [['submissions.approve', {}], ['submissions.return', { reason: '再確認' }], ['submissions.decline', { reason: '再確認' }]] as const) {
      expect(await core.call(manager, channel, { id: submissionId, ...input })).toMatchObject({ ok: false, error: { code: 'CONFLICT', messageKey: 'errors.submissions.notPending' } });
    }
  });

  it('applies nothing when a number turns out to be held by someone else by the time it is approved', async () => {
    const id = await newRegistrant();
    const contested = nextNumber();
    const { id: pending } = await must(core, manager, 'submissions.createProxy', { registrantId: id, myNumber: nextNumber(), dependents: [{ ...spouse, myNumber: contested }] });
    // Meanwhile another person's submission with the same number is approved first.
    const { id: first } = await must(core, manager, 'submissions.createProxy', { registrantId: await newRegistrant(), myNumber: contested });
    await must(core, admin, 'submissions.approve', { id: first });
    const dependentsBefore = count('dependents');
    const numbersBefore = count('my_numbers');
    expect(await core.call(admin, 'submissions.approve', { id: pending })).toMatchObject({ ok: false, error: { code: 'CONFLICT', messageKey: 'errors.mynumber.heldElsewhere' } });
    expect(count('dependents')).toBe(dependentsBefore);
    expect(count('my_numbers')).toBe(numbersBefore);
    expect(await statusOf(id)).toBe('pending');
    expect(count("submissions WHERE id = ? AND state = 'pending' AND number_sealed IS NOT NULL", pending)).toBe(1);
    expect(count('submission_dependents WHERE submission_id = ? AND number_sealed IS NOT NULL', pending)).toBe(1);
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'submissions.approve', targetId: pending } });
    expect(audit.rows[0]).toMatchObject({ outcome: 'failure', detail: { reason: 'number_held_elsewhere', registrantId: id } });
    // Declined, so the next test's submissions are the only pending ones of this person.
    await must(core, admin, 'submissions.decline', { id: pending, reason: '番号の重複' });
  });

  it('does not open a sealed number moved onto another submission: the approval fails and applies nothing', async () => {
    const a = await must(core, manager, 'submissions.createProxy', { registrantId: await newRegistrant(), myNumber: nextNumber() });
    const bRegistrant = await newRegistrant();
    const b = await must(core, manager, 'submissions.createProxy', { registrantId: bRegistrant, myNumber: nextNumber() });
    const { number_sealed } = rawDb.prepare('SELECT number_sealed FROM submissions WHERE id = ?').get(a.id) as { number_sealed: Buffer };
    rawDb.prepare('UPDATE submissions SET number_sealed = ? WHERE id = ?').run(number_sealed, b.id);
    const numbersBefore = count('my_numbers');
    expect(await core.call(admin, 'submissions.approve', { id: b.id })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(count('my_numbers')).toBe(numbersBefore);
    expect(await statusOf(bRegistrant)).toBe('pending');
    await must(core, admin, 'submissions.approve', { id: a.id });
    await must(core, admin, 'submissions.decline', { id: b.id, reason: '番号の破損' });
  });
});

describe('a proxy entry when the admin has said no second approval is needed', () => {
  it('is applied as it is entered, even with two reviewers', async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    await must(core, admin, 'submissions.configure', { proxyApproval: 'notRequired' });
    expect(await must(core, manager, 'submissions.getSettings', {})).toEqual({ proxyApproval: 'notRequired', reviewRequiredNow: false });
    const id = await newRegistrant();
    expect(await must(core, manager, 'submissions.createProxy', { registrantId: id, myNumber: nextNumber() })).toMatchObject({ status: 'approved' });
    expect(await statusOf(id)).toBe('completed');
    await must(core, admin, 'submissions.configure', { proxyApproval: 'auto' });
  });
});

describe('returning and declining', () => {
  it('need a reason, move the status to 差戻し or 拒否, keep the reason in the submission and the history, and wipe the numbers', async () => {
    const id = await newRegistrant();
    const first = await must(core, admin, 'submissions.createProxy', { registrantId: id, myNumber: nextNumber(), dependents: [{ ...child, myNumber: nextNumber() }] });
    expect(await core.call(manager, 'submissions.return', { id: first.id })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await core.call(manager, 'submissions.return', { id: first.id, reason: ' ' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await statusOf(id)).toBe('pending');

    await must(core, manager, 'submissions.return', { id: first.id, reason: '通知カードの写真が不鮮明です' });
    expect(await statusOf(id)).toBe('returned');
    expect((await must(core, admin, 'submissions.get', { id: first.id })).submission).toMatchObject({
      status: 'returned',
      reason: '通知カードの写真が不鮮明です',
      decidedBy: { label: MANAGER.loginId },
      hasMyNumber: true,
    });
    expect(count('submissions WHERE id = ? AND number_sealed IS NOT NULL', first.id) + count('submission_dependents WHERE submission_id = ? AND number_sealed IS NOT NULL', first.id)).toBe(0);
    expect((await must(core, admin, 'dependents.list', { registrantId: id })).rows).toEqual([]);

    const second = await must(core, admin, 'submissions.createProxy', { registrantId: id, myNumber: nextNumber() });
    expect(await statusOf(id)).toBe('pending');
    await must(core, manager, 'submissions.decline', { id: second.id, reason: '本人が提供を拒否' });
    expect(await statusOf(id)).toBe('declined');
    const { rows } = await must(core, admin, 'registrants.history', { registrantId: id });
    expect(rows.map((r: { from: string; to: string; via: string; reason: string | null }) => [r.from, r.to, r.via, r.reason])).toEqual([
      ['unregistered', 'pending', 'submit', null],
      ['pending', 'returned', 'return', '通知カードの写真が不鮮明です'],
      ['returned', 'pending', 'submit', null],
      ['pending', 'declined', 'decline', '本人が提供を拒否'],
    ]);
    expect(JSON.stringify(rawDb.prepare('SELECT * FROM audit_log').all())).not.toContain('不鮮明');
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'submissions.return', targetId: first.id } });
    expect(audit.rows[0]).toMatchObject({ actorLabel: MANAGER.loginId, detail: { registrantId: id, fromStatus: 'pending', toStatus: 'returned' } });
  });
});

describe('a proxy entry refused', () => {
  let registrantId: string;
  let othersDependent: string;
  const held = generateMyNumber(79_100);

  beforeAll(async () => {
    registrantId = await newRegistrant();
    const other = await newRegistrant();
    othersDependent = (await must(core, admin, 'dependents.create', { registrantId: other, ...child })).id;
    // Stored the way this vault (two reviewers, by default) takes a number: entered and approved by another user.
    const { id } = await must(core, manager, 'submissions.createProxy', { registrantId: other, myNumber: held });
    await must(core, admin, 'submissions.approve', { id });
  });

  const mine = generateMyNumber(79_101);
  it.each([
    ['nothing in it', {}, 'VALIDATION', 'validation.nothingSubmitted'],
    ['no number of the registrant, who holds none yet', { dependents: [child] }, 'VALIDATION', 'errors.submissions.registrantNumberRequired'],
    ['a wrong check digit on a dependent', { myNumber: mine, dependents: [{ ...child, myNumber: `${mine.slice(0, 11)}${(Number(mine[11]) + 1) % 10}` }] }, 'VALIDATION', 'validation.checkDigit'],
    ['the same number twice', { myNumber: mine, dependents: [{ ...child, myNumber: mine }] }, 'VALIDATION', 'errors.submissions.duplicateNumber'],
    ['第3号被保険者 on a child', { myNumber: mine, dependents: [{ ...child, category3: true }] }, 'VALIDATION', 'validation.spouseOnly'],
    ['someone else’s dependent', { myNumber: mine, dependents: [{ ...child, dependentId: 'to-be-set' }] }, 'NOT_FOUND', 'errors.dependents.notFound'],
    ['a number someone else holds', { myNumber: mine, dependents: [{ ...spouse, myNumber: held }] }, 'CONFLICT', 'errors.mynumber.heldElsewhere'],
    ['an unknown registrant', { registrantId: 'nobody', myNumber: mine }, 'NOT_FOUND', 'errors.registrants.notFound'],
  ])('for %s, writing nothing', async (_what, input: Record<string, unknown>, code, messageKey) => {
    const dependents = (input.dependents as Record<string, unknown>[] | undefined)?.map((d) => (d.dependentId ? { ...d, dependentId: othersDependent } : d));
    const before = [count('submissions'), count('submission_dependents'), count('registrant_status_history'), count('my_numbers'), count('dependents')];
    const r = await core.call(admin, 'submissions.createProxy', { registrantId, ...input, ...(dependents ? { dependents } : {}) });
    expect(r).toMatchObject({ ok: false, error: { code, messageKey } });
    expect([count('submissions'), count('submission_dependents'), count('registrant_status_history'), count('my_numbers'), count('dependents')]).toEqual(before);
    expect(await statusOf(registrantId)).toBe('unregistered');
    expect(JSON.stringify(r)).not.toContain(held);
  });
});

describe('a manager limited to a group', () => {
  let limited: string;
  let inside: { registrant: string; dependent: string; submission: string };
  let outside: { registrant: string; dependent: string; submission: string };

  beforeAll(async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const east = (await must(core, admin, 'groups.create', { name: '東支店' })).id;
    const west = (await must(core, admin, 'groups.create', { name: '西支店' })).id;
    const user = { loginId: 'east.manager', displayName: '東 店長', email: 'east@example.co.jp', role: 'manager', initialPassword: 'higashi-no-sora-ni-niji-8', password: 'higashi-no-sora-ni-niji-9', groupIds: [east] };
    limited = await signInNewUser(core, admin, user as NewUser, clock);
    const make = async (groupId: string) => {
      const registrant = await newRegistrant({ groupId });
      const dependent = (await must(core, admin, 'dependents.create', { registrantId: registrant, ...spouse })).id as string;
      // The dependent's number stored by HR directly; the registrant's own then waits for review.
      await allowDirectNumberEntry(core, admin, ADMIN.password);
      await must(core, admin, 'mynumber.set', { subject: { dependentId: dependent }, myNumber: nextNumber() });
      await must(core, admin, 'submissions.configure', { proxyApproval: 'auto' });
      const submission = (await must(core, manager, 'submissions.createProxy', { registrantId: registrant, myNumber: nextNumber() })).id as string;
      return { registrant, dependent, submission };
    };
    inside = await make(east);
    outside = await make(west);
  });

  it('lists and counts only the submissions of their group', async () => {
    const mine = await must(core, limited, 'submissions.list', { status: 'pending' });
    expect(mine.rows.map((s: { id: string }) => s.id)).toEqual([inside.submission]);
    expect(mine.total).toBe(1);
    expect(await must(core, limited, 'submissions.summary', {})).toEqual({ waiting: 1 });
    expect((await must(core, admin, 'submissions.summary', {})).waiting).toBeGreaterThan(1);
  });

  it('gets NOT_FOUND for everything of a registrant outside the group, exactly as for one that does not exist', async () => {
    await must(core, limited, 'auth.reauth', { password: 'higashi-no-sora-ni-niji-9' });
    const calls: [string, Record<string, unknown>, string][] = [
      ['submissions.get', { id: outside.submission }, 'errors.submissions.notFound'],
      ['submissions.approve', { id: outside.submission }, 'errors.submissions.notFound'],
      ['submissions.return', { id: outside.submission, reason: '確認' }, 'errors.submissions.notFound'],
      ['submissions.decline', { id: outside.submission, reason: '確認' }, 'errors.submissions.notFound'],
      ['submissions.createProxy', { registrantId: outside.registrant, myNumber: nextNumber() }, 'errors.registrants.notFound'],
      ['dependents.list', { registrantId: outside.registrant }, 'errors.registrants.notFound'],
      ['dependents.create', { registrantId: outside.registrant, ...child }, 'errors.registrants.notFound'],
      ['dependents.update', { id: outside.dependent, ...spouse }, 'errors.dependents.notFound'],
      ['mynumber.reveal', { subject: { dependentId: outside.dependent }, purposeId: 'withholding_slip' }, 'errors.dependents.notFound'],
      ['mynumber.set', { subject: { dependentId: outside.dependent }, myNumber: nextNumber() }, 'errors.dependents.notFound'],
      ['registrants.transition', { registrantId: outside.registrant, to: 'declined', reason: '確認' }, 'errors.registrants.notFound'],
      ['registrants.history', { registrantId: outside.registrant }, 'errors.registrants.notFound'],
    ];
    for (const [channel, input, messageKey] of calls) {
      expect(await core.call(limited, channel, input), channel).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', messageKey } });
    }
    expect((await must(core, admin, 'submissions.get', { id: outside.submission })).submission.status).toBe('pending');
    expect(await statusOf(outside.registrant)).toBe('pending');
    // The audit trail leaves their entries out altogether; those of the group's own people stay, named.
    for (const targetId of [outside.submission, outside.dependent]) {
      expect(await must(core, limited, 'audit.query', { filter: { targetId } }), targetId).toEqual({ rows: [], total: 0, totalIsLowerBound: false });
      expect((await must(core, admin, 'audit.query', { filter: { targetId } })).total, targetId).toBeGreaterThan(0);
    }
    for (const [targetId, label] of [
      [inside.submission, '石川 美咲'],
      [inside.dependent, '石川 大輔'],
    ] as const) {
      const { rows } = await must(core, limited, 'audit.query', { filter: { targetId }, limit: 1 });
      expect(rows[0].targetLabel, targetId).toBe(label);
    }

    // Inside the group, the same calls go through.
    expect((await must(core, limited, 'dependents.list', { registrantId: inside.registrant })).rows).toHaveLength(1);
    expect(await must(core, limited, 'mynumber.reveal', { subject: { dependentId: inside.dependent }, purposeId: 'withholding_slip' })).toEqual({ myNumber: expect.any(String) });
    await must(core, limited, 'submissions.approve', { id: inside.submission });
    expect(await statusOf(inside.registrant)).toBe('completed');
  });
});
