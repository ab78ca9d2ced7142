// Refusals around My Numbers leave a trace: a reveal without the password re-entered, for an
// unknown registrant, for one without a number or without a purpose of use, and a number
// refused because another registrant holds it — each is audited, with its reason and never
// with the number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import type { Db } from '../../src-main/core/platform/db/open';
import { ADMIN, must, openTestCore, setupAdmin, testClock } from '../support/vault';
import { openRawDb } from '../support/raw-db';
import { generateMyNumber } from '../support/numbers';

const clock = testClock();
let core: Core;
let admin: string;
let rawDb: Db;
const held = generateMyNumber(811);
let holder: string;

const person = { familyName: '小林', givenName: '誠', familyNameKana: 'コバヤシ', givenNameKana: 'マコト', attributes: ['employee'] };
const newRegistrant = async () => (await must(core, admin, 'registrants.create', person)).id as string;

/** The newest audit entry, as stored. */
function lastEntry() {
  const row = rawDb.prepare('SELECT actor_label, action, outcome, target_type, target_id, detail FROM audit_log ORDER BY seq DESC LIMIT 1').get() as Record<string, string | null>;
  return { ...row, detail: row.detail ? (JSON.parse(row.detail) as unknown) : null };
}

function trailHoldsNumber(): boolean {
  return JSON.stringify(rawDb.prepare('SELECT * FROM audit_log').all()).includes(held);
}

beforeAll(async () => {
  let dataDir: string;
  ({ core, dataDir } = await openTestCore(undefined, { clock }));
  admin = (await setupAdmin(core, clock)).session;
  rawDb = await openRawDb(dataDir, core.vaultId);
  holder = await newRegistrant();
  await must(core, admin, 'mynumber.set', { subject: { registrantId: holder }, myNumber: held });
});
afterAll(async () => {
  rawDb.close();
  await core.close();
});

describe('a refused reveal is audited', () => {
  it('without the password re-entered: as access.denied, reauth_required', async () => {
    expect(await core.call(admin, 'mynumber.reveal', { subject: { registrantId: holder }, purposeId: 'withholding_slip' })).toMatchObject({
      ok: false,
      error: { code: 'REAUTH_REQUIRED' },
    });
    expect(lastEntry()).toEqual({
      actor_label: ADMIN.loginId,
      action: 'access.denied',
      outcome: 'denied',
      target_type: null,
      target_id: null,
      detail: { channel: 'mynumber.reveal', reason: 'reauth_required' },
    });
  });

  it('for an unknown registrant: not_found, with the purpose asked for', async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    expect(await core.call(admin, 'mynumber.reveal', { subject: { registrantId: 'no-such-registrant' }, purposeId: 'withholding_slip' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', messageKey: 'errors.registrants.notFound' },
    });
    expect(lastEntry()).toEqual({
      actor_label: ADMIN.loginId,
      action: 'mynumber.reveal',
      outcome: 'failure',
      target_type: 'registrant',
      target_id: 'no-such-registrant',
      detail: { purposeId: 'withholding_slip', reason: 'not_found' },
    });
  });

  it('for a registrant without a number: no_number', async () => {
    const id = await newRegistrant();
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    expect(await core.call(admin, 'mynumber.reveal', { subject: { registrantId: id }, purposeId: 'social_insurance' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', messageKey: 'errors.mynumber.noNumberYet' },
    });
    expect(lastEntry()).toEqual({
      actor_label: ADMIN.loginId,
      action: 'mynumber.reveal',
      outcome: 'failure',
      target_type: 'registrant',
      target_id: id,
      detail: { purposeId: 'social_insurance', reason: 'no_number' },
    });
  });

  it('without a known purpose of use: no_purpose', async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    expect(await core.call(admin, 'mynumber.reveal', { subject: { registrantId: holder }, purposeId: 'curiosity' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', messageKey: 'errors.mynumber.purposeRequired' },
    });
    expect(lastEntry()).toEqual({
      actor_label: ADMIN.loginId,
      action: 'mynumber.reveal',
      outcome: 'failure',
      target_type: 'registrant',
      target_id: holder,
      detail: { reason: 'no_purpose' },
    });
  });
});

describe('a refused store is audited', () => {
  it('a number held by another registrant: CONFLICT, number_held_elsewhere, without the number', async () => {
    const other = await newRegistrant();
    const r = await core.call(admin, 'mynumber.set', { subject: { registrantId: other }, myNumber: held });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', messageKey: 'errors.mynumber.heldElsewhere' } });
    expect(JSON.stringify(r).includes(held)).toBe(false);
    expect(lastEntry()).toEqual({
      actor_label: ADMIN.loginId,
      action: 'mynumber.set',
      outcome: 'failure',
      target_type: 'registrant',
      target_id: other,
      detail: { reason: 'number_held_elsewhere' },
    });
    // Nothing of the attempt stayed but the record of it: no number, no status change.
    expect((await must(core, admin, 'registrants.get', { id: other })).registrant).toMatchObject({ status: 'unregistered', hasMyNumber: false });
    expect(trailHoldsNumber()).toBe(false);
  });

  it('an unknown registrant: not_found', async () => {
    expect(await core.call(admin, 'mynumber.set', { subject: { registrantId: 'no-such-registrant' }, myNumber: generateMyNumber(812) })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(lastEntry()).toMatchObject({ action: 'mynumber.set', outcome: 'failure', target_id: 'no-such-registrant', detail: { reason: 'not_found' } });
  });

  it('and the trail still verifies', async () => {
    expect(await must(core, admin, 'audit.verify', {})).toMatchObject({ ok: true });
    expect(trailHoldsNumber()).toBe(false);
  });
});
