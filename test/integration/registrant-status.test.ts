// Registrant statuses as a table: every allowed and every refused move, written out here as a
// literal (not read back from the status module), by hand (registrants.transition), by a
// submission arriving (a proxy entry that waits for review) and by HR storing the number (direct
// entry allowed for that one call: here every proxy entry waits for review, which otherwise
// refuses it); each move kept in the history with actor, time, from, to, path and reason; and
// the completed lock: identity fields and numbers refused (LOCKED, audited) until an admin
// unlocks the record with a reason, for 30 minutes or until the status moves again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import type { Db } from '../../src-main/core/platform/db/open';
import type { RegistrantStatus } from '../../src-shared/domain';
import { ADMIN, MANAGER, allowDirectNumberEntry, must, openTestCore, setupAdmin, signInNewUser, testClock } from '../support/vault';
import { openRawDb } from '../support/raw-db';
import { generateMyNumber } from '../support/numbers';

const clock = testClock();
let core: Core;
let admin: string;
let adminId: string;
let manager: string;
let rawDb: Db;
let seed = 31_000;
const nextNumber = () => generateMyNumber(seed++);

const person = { familyName: '森', givenName: '健太', familyNameKana: 'モリ', givenNameKana: 'ケンタ', attributes: ['employee'] };
const STATUSES: RegistrantStatus[] = ['unregistered', 'pending', 'returned', 'declined', 'completed'];

async function reauth(session = admin) {
  await must(core, session, 'auth.reauth', { password: session === admin ? ADMIN.password : `${MANAGER.initialPassword}-renewed` });
}

/** A registrant brought to `state` the way the product gets there. */
async function registrantIn(state: RegistrantStatus | 'completed-unlocked'): Promise<string> {
  const id = (await must(core, admin, 'registrants.create', person)).id as string;
  if (state === 'pending' || state === 'returned') {
    const { id: submissionId } = await must(core, admin, 'submissions.createProxy', { registrantId: id, myNumber: nextNumber() });
    if (state === 'returned') await must(core, manager, 'submissions.return', { id: submissionId, reason: '写真が不鮮明' });
  }
  if (state === 'declined') await must(core, admin, 'registrants.transition', { registrantId: id, to: 'declined', reason: '本人が提供を拒否' });
  if (state === 'completed' || state === 'completed-unlocked') {
    const { id: submissionId } = await must(core, admin, 'submissions.createProxy', { registrantId: id, myNumber: nextNumber() });
    await must(core, manager, 'submissions.approve', { id: submissionId });
  }
  if (state === 'completed-unlocked') {
    await reauth();
    await must(core, admin, 'registrants.unlock', { registrantId: id, reason: '婚姻による改姓' });
  }
  expect(await statusOf(id)).toBe(state === 'completed-unlocked' ? 'completed' : state);
  return id;
}

/**
 * HR storing a number directly (mynumber.set), which this vault allows only while no second
 * approval is asked for: allowed for this one call, then every proxy entry waits again.
 */
async function storeDirectly(session: string, subject: Record<string, string>, myNumber: string) {
  await allowDirectNumberEntry(core, admin, ADMIN.password);
  try {
    return await core.call(session, 'mynumber.set', { subject, myNumber });
  } finally {
    await must(core, admin, 'submissions.configure', { proxyApproval: 'required' });
  }
}

async function statusOf(id: string): Promise<RegistrantStatus> {
  return (await must(core, admin, 'registrants.history', { registrantId: id })).status;
}

function historyCount(id: string): number {
  return (rawDb.prepare('SELECT count(*) AS n FROM registrant_status_history WHERE registrant_id = ?').get(id) as { n: number }).n;
}

beforeAll(async () => {
  let dataDir: string;
  ({ core, dataDir } = await openTestCore(undefined, { clock }));
  rawDb = await openRawDb(dataDir, core.vaultId);
  const setup = await setupAdmin(core, clock);
  admin = setup.session;
  adminId = setup.userId;
  await reauth();
  manager = await signInNewUser(core, admin, { ...MANAGER, role: 'manager', password: `${MANAGER.initialPassword}-renewed` }, clock);
  // Every proxy entry waits for a second user here, so that 承認待ち can be reached.
  await must(core, admin, 'submissions.configure', { proxyApproval: 'required' });
});
afterAll(async () => {
  rawDb.close();
  await core.close();
});

type Manual = 'reason required' | 'reason optional' | 'errors.status.notAllowed' | 'errors.status.notByHand' | 'errors.status.submissionOpen' | 'errors.status.locked';

/** registrants.transition from each status to each status: the product's table, by hand. */
const MANUAL: [RegistrantStatus | 'completed-unlocked', RegistrantStatus, Manual][] = [
  ['unregistered', 'unregistered', 'errors.status.notAllowed'],
  ['unregistered', 'pending', 'errors.status.notByHand'],
  ['unregistered', 'returned', 'errors.status.notAllowed'],
  ['unregistered', 'declined', 'reason required'],
  ['unregistered', 'completed', 'errors.status.notByHand'],
  ['pending', 'unregistered', 'errors.status.submissionOpen'],
  ['pending', 'pending', 'errors.status.submissionOpen'],
  ['pending', 'returned', 'errors.status.submissionOpen'],
  ['pending', 'declined', 'errors.status.submissionOpen'],
  ['pending', 'completed', 'errors.status.submissionOpen'],
  ['returned', 'unregistered', 'errors.status.notAllowed'],
  ['returned', 'pending', 'errors.status.notByHand'],
  ['returned', 'returned', 'errors.status.notAllowed'],
  ['returned', 'declined', 'reason required'],
  ['returned', 'completed', 'errors.status.notByHand'],
  ['declined', 'unregistered', 'reason optional'],
  ['declined', 'pending', 'errors.status.notByHand'],
  ['declined', 'returned', 'errors.status.notAllowed'],
  ['declined', 'declined', 'errors.status.notAllowed'],
  ['declined', 'completed', 'errors.status.notByHand'],
  ['completed', 'unregistered', 'errors.status.locked'],
  ['completed', 'pending', 'errors.status.locked'],
  ['completed', 'returned', 'errors.status.locked'],
  ['completed', 'declined', 'errors.status.locked'],
  ['completed', 'completed', 'errors.status.locked'],
  ['completed-unlocked', 'unregistered', 'reason required'],
  ['completed-unlocked', 'pending', 'errors.status.notByHand'],
  ['completed-unlocked', 'returned', 'errors.status.notAllowed'],
  ['completed-unlocked', 'declined', 'errors.status.notAllowed'],
  ['completed-unlocked', 'completed', 'errors.status.notAllowed'],
];

const CODE: Record<string, string> = {
  'errors.status.notAllowed': 'CONFLICT',
  'errors.status.notByHand': 'CONFLICT',
  'errors.status.submissionOpen': 'CONFLICT',
  'errors.status.locked': 'LOCKED',
};

describe('moving a status by hand (registrants.transition)', () => {
  it('covers every pair of statuses, locked and unlocked 完了 apart', () => {
    const pairs = MANUAL.map(([from, to]) => `${from}>${to}`);
    expect(new Set(pairs).size).toBe(30);
    for (const from of [...STATUSES, 'completed-unlocked']) for (const to of STATUSES) expect(pairs).toContain(`${from}>${to}`);
  });

  it.each(MANUAL)('%s → %s: %s', async (from, to, expected) => {
    const id = await registrantIn(from);
    const before = historyCount(id);
    const fromStatus = from === 'completed-unlocked' ? 'completed' : from;
    if (expected === 'reason required' || expected === 'reason optional') {
      if (expected === 'reason required') {
        expect(await core.call(manager, 'registrants.transition', { registrantId: id, to })).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION', messageKey: 'errors.status.reasonRequired' },
        });
        expect(await core.call(manager, 'registrants.transition', { registrantId: id, to, reason: '   ' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
        expect(historyCount(id)).toBe(before);
      }
      const reason = expected === 'reason required' ? '本人から申し出' : undefined;
      expect(await must(core, manager, 'registrants.transition', { registrantId: id, to, ...(reason ? { reason } : {}) })).toEqual({ status: to });
      const { rows, status } = await must(core, admin, 'registrants.history', { registrantId: id });
      expect(status).toBe(to);
      expect(rows.at(-1)).toEqual({
        at: clock.now().toISOString(),
        actorId: expect.any(String),
        actorLabel: MANAGER.loginId,
        from: fromStatus,
        to,
        via: 'manual',
        reason: reason ?? null,
        submissionId: null,
      });
      const audit = await must(core, admin, 'audit.query', { filter: { action: 'registrants.transition', targetId: id }, limit: 1 });
      expect(audit.rows[0]).toMatchObject({ actorLabel: MANAGER.loginId, outcome: 'success', detail: { fromStatus, toStatus: to, via: 'manual', withReason: !!reason } });
    } else {
      const r = await core.call(manager, 'registrants.transition', { registrantId: id, to, reason: '試し' });
      expect(r).toMatchObject({ ok: false, error: { code: CODE[expected], messageKey: expected } });
      expect(await statusOf(id)).toBe(fromStatus);
      expect(historyCount(id)).toBe(before);
    }
  });

  it('answers NOT_FOUND for an unknown registrant', async () => {
    expect(await core.call(manager, 'registrants.transition', { registrantId: 'nobody', to: 'declined', reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', messageKey: 'errors.registrants.notFound' },
    });
  });

  it('refuses a reason that holds a My Number, writing nothing', async () => {
    const id = await registrantIn('unregistered');
    const number = nextNumber();
    const typed = `番号は${number.slice(0, 4)}-${number.slice(4, 8)}-${number.slice(8)}です`;
    const r = await core.call(manager, 'registrants.transition', { registrantId: id, to: 'declined', reason: typed });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'validation.noMyNumber', message: '理由にマイナンバー（12桁の番号）を書かないでください' } });
    expect(JSON.stringify(r)).not.toContain(number.slice(0, 4));
    expect(historyCount(id)).toBe(0);
  });
});

describe('moving a status by a submission and by HR storing the number', () => {
  type Outcome = RegistrantStatus | 'errors.status.submissionOpen' | 'errors.status.locked';

  /** A proxy entry that waits for review (submissions.createProxy): 承認待ち, or refused. */
  const SUBMIT: [RegistrantStatus | 'completed-unlocked', Outcome][] = [
    ['unregistered', 'pending'],
    ['pending', 'errors.status.submissionOpen'],
    ['returned', 'pending'],
    ['declined', 'pending'],
    ['completed', 'errors.status.locked'],
    ['completed-unlocked', 'pending'],
  ];

  it.each(SUBMIT)('a submission arriving for someone %s: %s', async (from, expected) => {
    const id = await registrantIn(from);
    const before = historyCount(id);
    const r = await core.call(admin, 'submissions.createProxy', { registrantId: id, myNumber: nextNumber() });
    if (expected.startsWith('errors.')) {
      expect(r).toMatchObject({ ok: false, error: { code: CODE[expected], messageKey: expected } });
      expect(historyCount(id)).toBe(before);
      expect(rawDb.prepare("SELECT count(*) AS n FROM submissions WHERE registrant_id = ? AND state = 'pending'").get(id)).toEqual({ n: from === 'pending' ? 1 : 0 });
    } else {
      expect(r).toMatchObject({ ok: true, value: { status: 'pending' } });
      const { rows } = await must(core, admin, 'registrants.history', { registrantId: id });
      expect(rows.at(-1)).toMatchObject({ from: from === 'completed-unlocked' ? 'completed' : from, to: expected, via: 'submit', submissionId: (r as { value: { id: string } }).value.id });
    }
    expect(await statusOf(id)).toBe(expected.startsWith('errors.') ? (from === 'completed-unlocked' ? 'completed' : from) : expected);
  });

  /** HR storing the registrant's number themselves (mynumber.set). */
  const STAFF_ENTRY: [RegistrantStatus | 'completed-unlocked', Outcome][] = [
    ['unregistered', 'completed'],
    ['pending', 'errors.status.submissionOpen'],
    ['returned', 'completed'],
    ['declined', 'completed'],
    ['completed', 'errors.status.locked'],
    ['completed-unlocked', 'completed'],
  ];

  it.each(STAFF_ENTRY)('a number stored by HR for someone %s: %s', async (from, expected) => {
    const id = await registrantIn(from);
    const before = historyCount(id);
    const r = await storeDirectly(admin, { registrantId: id }, nextNumber());
    const fromStatus = from === 'completed-unlocked' ? 'completed' : from;
    if (expected.startsWith('errors.')) {
      expect(r).toMatchObject({ ok: false, error: { code: CODE[expected], messageKey: expected } });
      expect(historyCount(id)).toBe(before);
      expect(await statusOf(id)).toBe(fromStatus);
    } else {
      expect(r.ok).toBe(true);
      expect(await statusOf(id)).toBe('completed');
      // A correction of someone already completed moves nothing, so it adds no history.
      expect(historyCount(id)).toBe(before + (fromStatus === 'completed' ? 0 : 1));
    }
  });
});

describe('the history', () => {
  it('lists every move oldest first, with who, when, from, to, how and why, and offers the moves allowed from here', async () => {
    const id = await registrantIn('unregistered');
    const t0 = clock.now().toISOString();
    await must(core, manager, 'registrants.transition', { registrantId: id, to: 'declined', reason: '提供を断られた' });
    clock.advance(60_000);
    const t1 = clock.now().toISOString();
    await must(core, admin, 'registrants.transition', { registrantId: id, to: 'unregistered' });
    clock.advance(60_000);
    const t2 = clock.now().toISOString();
    const { id: submissionId } = await must(core, admin, 'submissions.createProxy', { registrantId: id, myNumber: nextNumber() });
    const history = await must(core, admin, 'registrants.history', { registrantId: id });
    expect(history).toEqual({
      rows: [
        { at: t0, actorId: expect.any(String), actorLabel: MANAGER.loginId, from: 'unregistered', to: 'declined', via: 'manual', reason: '提供を断られた', submissionId: null },
        { at: t1, actorId: adminId, actorLabel: ADMIN.loginId, from: 'declined', to: 'unregistered', via: 'manual', reason: null, submissionId: null },
        { at: t2, actorId: adminId, actorLabel: ADMIN.loginId, from: 'unregistered', to: 'pending', via: 'submit', reason: null, submissionId },
      ],
      status: 'pending',
      locked: false,
      unlockedUntil: null,
      next: [],
    });
    const declined = await must(core, admin, 'registrants.history', { registrantId: await registrantIn('declined') });
    expect(declined.next).toEqual([{ to: 'unregistered', reasonRequired: false }]);
    const fresh = await must(core, admin, 'registrants.history', { registrantId: await registrantIn('unregistered') });
    expect(fresh.next).toEqual([{ to: 'declined', reasonRequired: true }]);
    // The reason stays in the history: the audit trail records only that one was given.
    const trail = JSON.stringify(rawDb.prepare('SELECT * FROM audit_log').all());
    expect(trail).not.toContain('提供を断られた');
  });
});

describe('the completed lock', () => {
  const identity = { ...person, familyName: '森田' };

  it('refuses edits of identity fields and numbers of a completed registrant (LOCKED, audited) but lets contact details and attributes change', async () => {
    const id = await registrantIn('completed');
    const history = await must(core, admin, 'registrants.history', { registrantId: id });
    expect(history).toMatchObject({ status: 'completed', locked: true, unlockedUntil: null, next: [] });

    const rename = await core.call(manager, 'registrants.update', { id, ...identity });
    expect(rename).toMatchObject({ ok: false, error: { code: 'LOCKED', messageKey: 'errors.status.locked' } });
    const renumber = await storeDirectly(admin, { registrantId: id }, nextNumber());
    expect(renumber).toMatchObject({ ok: false, error: { code: 'LOCKED', messageKey: 'errors.status.locked' } });
    const denied = await must(core, admin, 'audit.query', { filter: { targetId: id, outcome: 'denied' } });
    expect(denied.rows.map((r: { action: string; actorLabel: string; detail: unknown }) => [r.action, r.actorLabel, r.detail])).toEqual([
      ['mynumber.set', ADMIN.loginId, { reason: 'record_locked' }],
      ['registrants.update', MANAGER.loginId, { reason: 'record_locked' }],
    ]);
    expect((await must(core, admin, 'registrants.get', { id })).registrant.familyName).toBe(person.familyName);

    await must(core, manager, 'registrants.update', { id, ...person, email: 'mori@example.co.jp', attributes: ['employee', 'shareholder'] });
    expect((await must(core, admin, 'registrants.get', { id })).registrant).toMatchObject({ email: 'mori@example.co.jp', attributes: ['employee', 'shareholder'] });
  });

  it('is unlocked by an admin only, with a reason and the password re-entered; the unlock is in the history and the trail', async () => {
    const id = await registrantIn('completed');
    await reauth(manager);
    expect(await core.call(manager, 'registrants.unlock', { registrantId: id, reason: '改姓' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    clock.advance(5 * 60_000 + 1_000);
    await must(core, admin, 'auth.keepAlive', {});
    expect(await core.call(admin, 'registrants.unlock', { registrantId: id, reason: '改姓' })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    await reauth();
    expect(await core.call(admin, 'registrants.unlock', { registrantId: id })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await core.call(admin, 'registrants.unlock', { registrantId: await registrantIn('unregistered'), reason: '改姓' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', messageKey: 'errors.status.notLocked' },
    });

    const until = new Date(clock.now().getTime() + 30 * 60_000).toISOString();
    expect(await must(core, admin, 'registrants.unlock', { registrantId: id, reason: '婚姻による改姓' })).toEqual({ until });
    const history = await must(core, admin, 'registrants.history', { registrantId: id });
    expect(history).toMatchObject({ locked: false, unlockedUntil: until, next: [{ to: 'unregistered', reasonRequired: true }] });
    expect(history.rows.at(-1)).toEqual({
      at: clock.now().toISOString(),
      actorId: adminId,
      actorLabel: ADMIN.loginId,
      from: 'completed',
      to: 'completed',
      via: 'unlock',
      reason: '婚姻による改姓',
      submissionId: null,
    });
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'registrants.unlock', targetId: id } });
    expect(audit.rows[0]).toMatchObject({ actorLabel: ADMIN.loginId, detail: { until, minutes: 30 } });

    await must(core, manager, 'registrants.update', { id, ...identity });
    const corrected = nextNumber();
    expect(await storeDirectly(manager, { registrantId: id }, corrected)).toMatchObject({ ok: true });
    expect((await must(core, admin, 'registrants.get', { id })).registrant).toMatchObject({ familyName: '森田', status: 'completed' });
  });

  it('locks again 30 minutes after the unlock, and at once when the record next becomes 完了', async () => {
    const id = await registrantIn('completed-unlocked');
    // Keep the session alive past the idle lock while half an hour passes.
    for (let i = 0; i < 3; i++) {
      clock.advance(9 * 60_000);
      await must(core, manager, 'auth.keepAlive', {});
      await must(core, admin, 'auth.keepAlive', {});
    }
    clock.advance(3 * 60_000 - 1_000);
    await must(core, manager, 'registrants.update', { id, ...identity });
    clock.advance(1_000);
    expect(await core.call(manager, 'registrants.update', { id, ...person })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect((await must(core, admin, 'registrants.history', { registrantId: id })).locked).toBe(true);

    // Unlocked, sent round again through a submission and approved: 完了 and locked once more.
    const again = await registrantIn('completed-unlocked');
    const { id: submissionId } = await must(core, admin, 'submissions.createProxy', { registrantId: again, myNumber: nextNumber() });
    await must(core, manager, 'submissions.approve', { id: submissionId });
    expect(await must(core, admin, 'registrants.history', { registrantId: again })).toMatchObject({ status: 'completed', locked: true });
    expect(await core.call(manager, 'registrants.update', { id: again, ...identity })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });
});
