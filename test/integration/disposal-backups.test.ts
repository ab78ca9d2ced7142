// A disposal record says which backups still hold what was disposed of: the copies taken before
// it that still exist, and the day the daily rotation (keeping the last N) deletes the last of
// them — or, with the schedule off, that nothing will and they must be deleted by hand. The
// record, its CSV and the 個人番号削除証明書 read it from the real backups module.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import { generateMyNumber } from '../support/numbers';
import { ADMIN, allowDirectNumberEntry, must, openTestCore, setupAdmin, tempDir, testClock } from '../support/vault';

const clock = testClock(Date.parse('2026-12-01T00:00:00Z'));
let core: Core;
let admin: string;
const reauth = () => must(core, admin, 'auth.reauth', { password: ADMIN.password });

async function leaver(code: string) {
  const { id } = await must(core, admin, 'registrants.create', {
    familyName: '退職', givenName: code, familyNameKana: 'タイショク', givenNameKana: 'イチ', employeeCode: code, attributes: ['employee'], leaveDate: '2015-03-31',
  });
  await must(core, admin, 'mynumber.set', { subject: { registrantId: id }, myNumber: generateMyNumber(Number(code.slice(1))) });
  return id as string;
}

async function disposeOf(id: string, code: string) {
  await reauth();
  await must(core, admin, 'disposal.dispose', { subjects: [{ registrantId: id }], scope: 'numbers_and_documents', reason: '保存期間の経過' });
  const { rows } = await must(core, admin, 'disposal.records', {});
  return rows.find((r: any) => r.employeeCode === code);
}

beforeAll(async () => {
  ({ core } = await openTestCore(undefined, { clock }));
  admin = (await setupAdmin(core, clock)).session;
  await allowDirectNumberEntry(core, admin, ADMIN.password);
});
afterAll(async () => {
  await core.close();
});

describe('the backups a disposal record names', () => {
  it('are none before any backup was taken', async () => {
    const record = await disposeOf(await leaver('E101'), 'E101');
    expect(record.backupsHoldUntil).toBeNull();
  });

  it('are the copies taken before it, until the rotation (daily, keeping 3) has replaced them all', async () => {
    await reauth();
    await must(core, admin, 'backups.configure', { folder: tempDir('mnv-backups-'), enabled: true, keep: 3 });
    const id = await leaver('E102');
    await reauth();
    await must(core, admin, 'backups.run', {});
    clock.advance(5 * 60_000);
    await reauth();
    await must(core, admin, 'backups.run', {});
    clock.advance(5 * 60_000);
    const record = await disposeOf(id, 'E102');
    // The newest copy (2026-12-01 00:05) goes at the third daily backup after it: 12-02, 12-03, 12-04 00:05.
    expect(record.backupsHoldUntil).toEqual({ count: 2, until: '2026-12-04' });
  });

  it('must be deleted by hand when no schedule will replace them', async () => {
    await reauth();
    const { settings } = await must(core, admin, 'backups.status', {});
    await reauth();
    await must(core, admin, 'backups.configure', { ...settings, enabled: false });
    const record = await disposeOf(await leaver('E103'), 'E103');
    expect(record.backupsHoldUntil).toEqual({ count: 2, until: null });
  });
});
