// What the dashboard reads besides the status counts: how many registrants have passed their
// leave date (退職日, today in Japan), within the caller's groups; and, for the administrator,
// facts about the vault itself — version, database size, key store, failed sign-ins in the
// last 7 days. Counts and sizes only: nobody in them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { createCore, createFileKeyStore, type Core } from '../../src-main/core/index';
import { ADMIN, must, setupAdmin, signInNewUser, tempDir, TEST_PASSPHRASE, testClock } from '../support/vault';

// 2026-06-15 12:00 in Japan (03:00 UTC): "today" is 2026-06-15 there.
const clock = testClock(Date.parse('2026-06-15T03:00:00Z'));
let core: Core;
let admin: string;
let tokyo: string;
let osaka: string;
let adminSecret: string;

async function registrant(familyName: string, groupId: string, leaveDate?: string) {
  return must(core, admin, 'registrants.create', {
    familyName,
    givenName: '太郎',
    familyNameKana: 'テスト',
    givenNameKana: 'タロウ',
    attributes: ['employee'],
    groupId,
    hireDate: '2020-04-01',
    ...(leaveDate ? { leaveDate } : {}),
  });
}

async function failedLogin(): Promise<void> {
  const result = await core.call(core.openSession(), 'auth.login', { loginId: ADMIN.loginId, password: 'not the password at all' });
  expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
}

beforeAll(async () => {
  const dataDir = tempDir('mnv-dashboard-');
  core = await createCore({ dataDir, keyStore: createFileKeyStore({ dataDir, passphrase: TEST_PASSPHRASE }), clock, appVersion: '1.2.3' });
  ({ session: admin, totpSecret: adminSecret } = await setupAdmin(core, clock));
  tokyo = (await must(core, admin, 'groups.create', { name: '東京店' })).id;
  osaka = (await must(core, admin, 'groups.create', { name: '大阪店' })).id;
  await registrant('昨日', tokyo, '2026-06-14');
  await registrant('今日', tokyo, '2026-06-15');
  await registrant('明日', tokyo, '2026-06-16');
  await registrant('先月', osaka, '2026-05-31');
  await registrant('在職', osaka);
});
afterAll(() => core.close());

describe('the dashboard counts', () => {
  it('count those whose leave date is before today in Japan', async () => {
    expect((await must(core, admin, 'registrants.summary', {})).leaveDatePassed).toBe(2);
  });

  it('count only within the groups of a limited manager', async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const manager = await signInNewUser(
      core,
      admin,
      { loginId: 'osaka.manager', displayName: '大阪 担当', email: 'osaka@example.co.jp', role: 'manager', initialPassword: 'naniwa-no-umi-ni-kaze-9', password: 'naniwa-no-sora-ni-kumo-8', groupIds: [osaka] },
      clock,
    );
    expect((await must(core, manager, 'registrants.summary', {})).leaveDatePassed).toBe(1);
  });
});

describe('the facts of the vault', () => {
  it('name the version, the key store and a database size, for the administrator', async () => {
    const facts = await must(core, admin, 'system.facts', {});
    expect(facts).toMatchObject({ version: '1.2.3', keyStore: 'file' });
    expect(facts.databaseBytes).toBeGreaterThan(4096);
  });

  it('count failed sign-ins of the last 7 days only', async () => {
    const before = (await must(core, admin, 'system.facts', {})).failedLoginsLast7Days;
    await failedLogin();
    await failedLogin();
    expect((await must(core, admin, 'system.facts', {})).failedLoginsLast7Days).toBe(before + 2);
    // Eight days on (the throttle's delays have long passed), those two fall out of the window.
    clock.advance(8 * 24 * 60 * 60 * 1000);
    const later = await setupAdminSession();
    await failedLogin();
    expect((await must(core, later, 'system.facts', {})).failedLoginsLast7Days).toBe(1);
  });
});

/** A fresh admin session after the clock moved on (the old one has long been locked). */
async function setupAdminSession(): Promise<string> {
  const s = core.openSession();
  const login = await must(core, s, 'auth.login', { loginId: ADMIN.loginId, password: ADMIN.password });
  await must(core, s, 'auth.verify', { challengeId: login.challengeId, code: await generate({ secret: adminSecret, epoch: Math.floor(clock.now().getTime() / 1000) }) });
  return s;
}
