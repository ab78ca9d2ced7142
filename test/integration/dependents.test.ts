// Dependents (扶養親族): as many per registrant as there are, readings kept as katakana like the
// registrants', 第3号被保険者 for a spouse only, a refused request writing nothing; their own
// numbers through mynumber.set/reveal with { dependentId } under the registrants' rules
// (re-auth, purpose, audit, never the number); one number held by one person only, across
// registrants and dependents alike; and locked with a completed registrant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import type { Db } from '../../src-main/core/platform/db/open';
import { ADMIN, VIEWER, must, openTestCore, setupAdmin, signInNewUser, testClock } from '../support/vault';
import { openRawDb } from '../support/raw-db';
import { generateMyNumber } from '../support/numbers';

const clock = testClock();
let core: Core;
let admin: string;
let viewer: string;
let rawDb: Db;
let seed = 52_000;
const nextNumber = () => generateMyNumber(seed++);

const person = { familyName: '高田', givenName: '真一', familyNameKana: 'タカダ', givenNameKana: 'シンイチ', attributes: ['employee'] };
const spouse = { relationship: 'spouse', familyName: '高田', givenName: '恵', familyNameKana: 'たかだ', givenNameKana: 'ﾒｸﾞﾐ', birthDate: '1988-02-29', taxDependent: true, category3: true };
const child = { relationship: 'child', familyName: '高田', givenName: '陽向', familyNameKana: 'タカダ', givenNameKana: 'ヒナタ', birthDate: '2016-07-07' };

const newRegistrant = async () => (await must(core, admin, 'registrants.create', person)).id as string;
const addDependent = async (registrantId: string, fields: Record<string, unknown> = child) => (await must(core, admin, 'dependents.create', { registrantId, ...fields })).id as string;
const count = (table: string) => (rawDb.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

async function reveal(subject: Record<string, string>, purposeId = 'dependent_declaration') {
  await must(core, admin, 'auth.reauth', { password: ADMIN.password });
  return core.call(admin, 'mynumber.reveal', { subject, purposeId });
}

beforeAll(async () => {
  let dataDir: string;
  ({ core, dataDir } = await openTestCore(undefined, { clock }));
  admin = (await setupAdmin(core, clock)).session;
  rawDb = await openRawDb(dataDir, core.vaultId);
  await must(core, admin, 'auth.reauth', { password: ADMIN.password });
  viewer = await signInNewUser(core, admin, { ...VIEWER, role: 'viewer', password: `${VIEWER.initialPassword}-renewed` }, clock);
});
afterAll(async () => {
  rawDb.close();
  await core.close();
});

describe('adding and editing dependents', () => {
  it('keeps any number of them, in the order added, readings as full-width katakana, without numbers in the rows', async () => {
    const registrantId = await newRegistrant();
    const spouseId = await addDependent(registrantId, spouse);
    const children = [];
    for (let i = 0; i < 6; i++) children.push(await addDependent(registrantId, { ...child, givenName: `子${i}`, taxDependent: i % 2 === 0 }));
    const { rows } = await must(core, viewer, 'dependents.list', { registrantId });
    expect(rows.map((r: { id: string }) => r.id)).toEqual([spouseId, ...children]);
    expect(rows[0]).toEqual({
      id: spouseId,
      registrantId,
      relationship: 'spouse',
      familyName: '高田',
      givenName: '恵',
      familyNameKana: 'タカダ',
      givenNameKana: 'メグミ',
      birthDate: '1988-02-29',
      taxDependent: true,
      category3: true,
      hasMyNumber: false,
      createdAt: clock.now().toISOString(),
      updatedAt: clock.now().toISOString(),
    });
    expect(rows[1]).toMatchObject({ relationship: 'child', givenName: '子0', taxDependent: true, category3: false, birthDate: '2016-07-07' });
    expect(rows[2]).toMatchObject({ taxDependent: false });
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'dependents.create', targetId: spouseId } });
    expect(audit.rows[0]).toMatchObject({ targetType: 'dependent', detail: { registrantId, relationship: 'spouse' } });
    expect(JSON.stringify(rawDb.prepare('SELECT * FROM audit_log').all())).not.toContain('恵');
  });

  it('replaces the fields on update and audits which changed, by name only', async () => {
    const registrantId = await newRegistrant();
    const id = await addDependent(registrantId, spouse);
    await must(core, admin, 'dependents.update', { id, ...spouse, givenName: '恵美', category3: false });
    const { rows } = await must(core, admin, 'dependents.list', { registrantId });
    expect(rows[0]).toMatchObject({ givenName: '恵美', givenNameKana: 'メグミ', taxDependent: true, category3: false });
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'dependents.update', targetId: id } });
    expect(audit.rows[0].detail).toEqual({ registrantId, changed: 'givenName,category3' });
  });

  it.each([
    [{ relationship: 'cousin' }, 'VALIDATION'],
    [{ familyNameKana: 'Takada' }, 'VALIDATION'],
    [{ givenName: '' }, 'VALIDATION'],
    [{ birthDate: '2016-02-30' }, 'VALIDATION'],
    [{ relationship: 'child', category3: true }, 'VALIDATION'],
  ])('refuses %j and writes nothing', async (fields, code) => {
    const registrantId = await newRegistrant();
    const before = count('dependents');
    const r = await core.call(admin, 'dependents.create', { registrantId, ...spouse, ...fields });
    expect(r).toMatchObject({ ok: false, error: { code } });
    expect(count('dependents')).toBe(before);
  });

  it('says 第3号被保険者 is for a spouse only, and refuses an unknown registrant or dependent with NOT_FOUND', async () => {
    const registrantId = await newRegistrant();
    expect(await core.call(admin, 'dependents.create', { registrantId, ...child, category3: true })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', messageKey: 'validation.spouseOnly', message: '第3号被保険者は続柄が配偶者の場合にだけ選べます' },
    });
    expect(await core.call(admin, 'dependents.create', { registrantId: 'nobody', ...child })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', messageKey: 'errors.registrants.notFound' } });
    expect(await core.call(admin, 'dependents.update', { id: 'nobody', ...child })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', messageKey: 'errors.dependents.notFound' } });
    expect(await core.call(admin, 'dependents.list', { registrantId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('lets a viewer list them but neither add nor edit one', async () => {
    const registrantId = await newRegistrant();
    const id = await addDependent(registrantId);
    expect((await must(core, viewer, 'dependents.list', { registrantId })).rows).toHaveLength(1);
    expect(await core.call(viewer, 'dependents.create', { registrantId, ...child })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call(viewer, 'dependents.update', { id, ...child, givenName: '変更' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('a dependent’s own number', () => {
  it('is stored with { dependentId }, shown for a purpose after the password is re-entered, and audited without the number', async () => {
    const registrantId = await newRegistrant();
    const id = await addDependent(registrantId, spouse);
    const number = nextNumber();
    await must(core, admin, 'mynumber.set', { subject: { dependentId: id }, myNumber: number });
    expect((await must(core, admin, 'dependents.list', { registrantId })).rows[0].hasMyNumber).toBe(true);
    // Storing a dependent's number does not complete the registrant.
    expect((await must(core, admin, 'registrants.get', { id: registrantId })).registrant).toMatchObject({ status: 'unregistered', hasMyNumber: false });

    clock.advance(5 * 60_000 + 1_000);
    await must(core, admin, 'auth.keepAlive', {});
    expect(await core.call(admin, 'mynumber.reveal', { subject: { dependentId: id }, purposeId: 'category3_notification' })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    expect(await reveal({ dependentId: id }, 'curiosity')).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.mynumber.purposeRequired' } });
    expect(await reveal({ dependentId: id }, 'category3_notification')).toEqual({ ok: true, value: { myNumber: number } });

    const audit = await must(core, admin, 'audit.query', { filter: { targetId: id } });
    expect(audit.rows.map((r: { action: string; outcome: string; detail: unknown }) => [r.action, r.outcome, r.detail])).toEqual([
      ['mynumber.reveal', 'success', { purposeId: 'category3_notification', purpose: '国民年金第3号被保険者の届出事務', registrantId }],
      ['mynumber.reveal', 'failure', { reason: 'no_purpose' }],
      ['mynumber.set', 'success', { outcome: 'added', registrantId }],
      ['dependents.create', 'success', { registrantId, relationship: 'spouse' }],
    ]);
    expect(JSON.stringify(rawDb.prepare('SELECT * FROM audit_log').all())).not.toContain(number);
  });

  it('answers NOT_FOUND for an unknown dependent and for one without a number, audited', async () => {
    expect(await reveal({ dependentId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', messageKey: 'errors.dependents.notFound' } });
    const id = await addDependent(await newRegistrant());
    expect(await reveal({ dependentId: id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', messageKey: 'errors.mynumber.noDependentNumberYet' } });
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'mynumber.reveal', targetId: id } });
    expect(audit.rows[0]).toMatchObject({ targetType: 'dependent', outcome: 'failure', detail: { reason: 'no_number' } });
    expect(await core.call(admin, 'mynumber.set', { subject: { dependentId: 'nobody' }, myNumber: nextNumber() })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await core.call(admin, 'mynumber.set', { subject: { registrantId: 'x', dependentId: id }, myNumber: nextNumber() })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('is refused to a viewer', async () => {
    const id = await addDependent(await newRegistrant());
    await must(core, viewer, 'auth.reauth', { password: `${VIEWER.initialPassword}-renewed` });
    expect(await core.call(viewer, 'mynumber.set', { subject: { dependentId: id }, myNumber: nextNumber() })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call(viewer, 'mynumber.reveal', { subject: { dependentId: id }, purposeId: 'withholding_slip' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('one number, one person, across registrants and dependents', () => {
  const refusal = { ok: false, error: { code: 'CONFLICT', messageKey: 'errors.mynumber.heldElsewhere' } };

  it('refuses a registrant’s number for a dependent (theirs or anyone’s), and a dependent’s for a registrant or another dependent', async () => {
    const holder = await newRegistrant();
    const ownDependent = await addDependent(holder);
    const holderNumber = nextNumber();
    await must(core, admin, 'mynumber.set', { subject: { registrantId: holder }, myNumber: holderNumber });
    // 完了 now, and locked: unlocked, so that what refuses the numbers below is the conflict.
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    await must(core, admin, 'registrants.unlock', { registrantId: holder, reason: '扶養親族の番号登録' });
    const otherRegistrant = await newRegistrant();
    const otherDependent = await addDependent(otherRegistrant, spouse);
    const dependentNumber = nextNumber();
    await must(core, admin, 'mynumber.set', { subject: { dependentId: otherDependent }, myNumber: dependentNumber });
    const before = count('my_numbers');

    // registrant → dependent
    expect(await core.call(admin, 'mynumber.set', { subject: { dependentId: ownDependent }, myNumber: holderNumber })).toMatchObject(refusal);
    expect(await core.call(admin, 'mynumber.set', { subject: { dependentId: await addDependent(otherRegistrant) }, myNumber: holderNumber })).toMatchObject(refusal);
    // dependent → registrant, dependent → dependent
    expect(await core.call(admin, 'mynumber.set', { subject: { registrantId: otherRegistrant }, myNumber: dependentNumber })).toMatchObject(refusal);
    expect(await core.call(admin, 'mynumber.set', { subject: { dependentId: ownDependent }, myNumber: dependentNumber })).toMatchObject(refusal);
    expect(count('my_numbers')).toBe(before);
    expect((await must(core, admin, 'registrants.get', { id: otherRegistrant })).registrant).toMatchObject({ status: 'unregistered', hasMyNumber: false });

    const refusals = await must(core, admin, 'audit.query', { filter: { action: 'mynumber.set', outcome: 'failure' }, limit: 4 });
    expect(refusals.rows.map((r: { targetType: string; detail: unknown }) => [r.targetType, r.detail])).toEqual([
      ['dependent', { reason: 'number_held_elsewhere', registrantId: holder }],
      ['registrant', { reason: 'number_held_elsewhere' }],
      ['dependent', { reason: 'number_held_elsewhere', registrantId: otherRegistrant }],
      ['dependent', { reason: 'number_held_elsewhere', registrantId: holder }],
    ]);
    const trail = JSON.stringify(rawDb.prepare('SELECT * FROM audit_log').all());
    expect(trail).not.toContain(holderNumber);
    expect(trail).not.toContain(dependentNumber);

    // Storing a dependent's own number again changes nothing; a corrected one frees the old.
    await must(core, admin, 'mynumber.set', { subject: { dependentId: otherDependent }, myNumber: dependentNumber });
    await must(core, admin, 'mynumber.set', { subject: { dependentId: otherDependent }, myNumber: nextNumber() });
    await must(core, admin, 'mynumber.set', { subject: { registrantId: otherRegistrant }, myNumber: dependentNumber });
  });
});

describe('the dependents of a completed registrant', () => {
  it('are locked with it — no new one, no identity edit, no number — until an admin unlocks it; the flags stay editable', async () => {
    const registrantId = await newRegistrant();
    const id = await addDependent(registrantId, spouse);
    await must(core, admin, 'mynumber.set', { subject: { registrantId }, myNumber: nextNumber() });
    const before = count('dependents');
    const locked = { ok: false, error: { code: 'LOCKED', messageKey: 'errors.status.locked' } };
    expect(await core.call(admin, 'dependents.create', { registrantId, ...child })).toMatchObject(locked);
    expect(await core.call(admin, 'dependents.update', { id, ...spouse, familyName: '佐々木' })).toMatchObject(locked);
    expect(await core.call(admin, 'mynumber.set', { subject: { dependentId: id }, myNumber: nextNumber() })).toMatchObject(locked);
    expect(count('dependents')).toBe(before);
    const denied = await must(core, admin, 'audit.query', { filter: { outcome: 'denied', targetId: id } });
    expect(denied.rows.map((r: { action: string; detail: unknown }) => [r.action, r.detail])).toEqual([
      ['mynumber.set', { reason: 'record_locked', registrantId }],
      ['dependents.update', { reason: 'record_locked', registrantId }],
    ]);

    await must(core, admin, 'dependents.update', { id, ...spouse, taxDependent: false, category3: false });
    expect((await must(core, admin, 'dependents.list', { registrantId })).rows[0]).toMatchObject({ familyName: '高田', taxDependent: false, category3: false, hasMyNumber: false });

    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    await must(core, admin, 'registrants.unlock', { registrantId, reason: '第2子の出生' });
    await addDependent(registrantId);
    await must(core, admin, 'dependents.update', { id, ...spouse, familyName: '佐々木' });
    await must(core, admin, 'mynumber.set', { subject: { dependentId: id }, myNumber: nextNumber() });
    expect((await must(core, admin, 'dependents.list', { registrantId })).rows.map((r: { familyName: string; hasMyNumber: boolean }) => [r.familyName, r.hasMyNumber])).toEqual([
      ['佐々木', true],
      ['高田', false],
    ]);
  });
});
