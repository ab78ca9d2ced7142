// The limits on guessing: e-mail codes (10 minutes, single use, 5 tries, resend throttled),
// account throttling (growing delays, lock after 10, admin unlock or an hour, never more than
// 100 failures an hour), and answers that never tell whether a login ID exists.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import { ADMIN, MANAGER, configureSmtp, must, openTestCore, setupAdmin, testClock, type AdminSetup } from '../support/vault';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { openRawDb } from '../support/raw-db';

let core: Core;
let admin: AdminSetup;
let smtp: TestSmtp;
let clock: ReturnType<typeof testClock>;
let managerId: string;
let dataDir: string;

beforeEach(async () => {
  clock = testClock();
  ({ core, dataDir } = await openTestCore(undefined, { clock }));
  admin = await setupAdmin(core, clock);
  smtp = await startSmtp();
  await configureSmtp(core, admin.session, smtp.port);
  managerId = (await must(core, admin.session, 'users.create', { ...MANAGER, role: 'manager', secondFactor: 'email' })).id;
});
afterEach(async () => {
  await core.close();
  await smtp.close();
});

/** Lets time pass while the admin stays active (the idle lock would otherwise engage). */
async function pass(ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 5 * 60 * 1000) {
    clock.advance(Math.min(left, 5 * 60 * 1000));
    await must(core, admin.session, 'auth.keepAlive', {});
  }
}

const loginManager = (s: string) => must(core, s, 'auth.login', { loginId: MANAGER.loginId, password: MANAGER.initialPassword });
const wrongOf = (code: string) => (code === '000000' ? '111111' : '000000');

describe('an e-mail code', () => {
  it('expires after 10 minutes', async () => {
    const s = core.openSession();
    const login = await loginManager(s);
    const code = smtp.lastCodeFor(MANAGER.email);
    clock.advance(10 * 60 * 1000);
    expect(await core.call(s, 'auth.verify', { challengeId: login.challengeId, code })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('works once only', async () => {
    const s = core.openSession();
    const login = await loginManager(s);
    const code = smtp.lastCodeFor(MANAGER.email);
    await must(core, s, 'auth.verify', { challengeId: login.challengeId, code });
    expect(await core.call(s, 'auth.verify', { challengeId: login.challengeId, code })).toMatchObject({ ok: false });
  });

  it('is dead after 5 wrong tries, even for the right code', async () => {
    const s = core.openSession();
    const login = await loginManager(s);
    const code = smtp.lastCodeFor(MANAGER.email);
    for (let i = 0; i < 5; i++) {
      expect(await core.call(s, 'auth.verify', { challengeId: login.challengeId, code: wrongOf(code) })).toMatchObject({ ok: false });
    }
    expect(await core.call(s, 'auth.verify', { challengeId: login.challengeId, code })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/もう一度ログイン/) },
    });
  });

  it('can be re-sent once a minute, and the re-sent code replaces the old one', async () => {
    const s = core.openSession();
    const login = await loginManager(s);
    const old = smtp.lastCodeFor(MANAGER.email);
    expect(await core.call(s, 'auth.resendCode', { challengeId: login.challengeId })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    clock.advance(61_000);
    await must(core, s, 'auth.resendCode', { challengeId: login.challengeId });
    await smtp.waitForMail(MANAGER.email, 2);
    const fresh = smtp.lastCodeFor(MANAGER.email);
    if (fresh !== old) expect(await core.call(s, 'auth.verify', { challengeId: login.challengeId, code: old })).toMatchObject({ ok: false });
    await must(core, s, 'auth.verify', { challengeId: login.challengeId, code: fresh });
  });
});

describe('account throttling', () => {
  const attempt = (loginId: string, password: string) => core.call(core.openSession(), 'auth.login', { loginId, password });

  it('delays after 3 failures and locks after 10, with the same answers for an unknown login ID', async () => {
    for (const loginId of [MANAGER.loginId, 'no-such-user']) {
      const answers = [];
      for (let i = 0; i < 10; i++) {
        answers.push((await attempt(loginId, `wrong password ${i}!!`)) as any);
        await pass(5 * 60 * 1000); // wait out every delay; the lock is what is tested here
      }
      expect(answers.slice(0, 9).every((a) => a.error.code === 'FORBIDDEN')).toBe(true);
      const locked = await attempt(loginId, loginId === MANAGER.loginId ? MANAGER.initialPassword : 'anything at all');
      expect(locked).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    }
    const audit = await must(core, admin.session, 'audit.query', { filter: { action: 'auth.lockout' } });
    expect(audit.total).toBe(2);
  });

  it('refuses quick retries after the third failure with RATE_LIMITED', async () => {
    for (let i = 0; i < 3; i++) await attempt(MANAGER.loginId, `wrong password ${i}!!`);
    expect(await attempt(MANAGER.loginId, MANAGER.initialPassword)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    clock.advance(1_001);
    expect(await attempt(MANAGER.loginId, MANAGER.initialPassword)).toMatchObject({ ok: true });
  });

  it('lifts the lock when an admin unlocks, or after an hour', async () => {
    const lockOut = async () => {
      for (let i = 0; i < 10; i++) {
        await attempt(MANAGER.loginId, `wrong password ${i}!!`);
        await pass(5 * 60 * 1000);
      }
      expect(await attempt(MANAGER.loginId, MANAGER.initialPassword)).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    };
    await lockOut();
    const listed = await must(core, admin.session, 'users.list', {});
    expect(listed.rows.find((u: any) => u.id === managerId).locked).toBe(true);
    await must(core, admin.session, 'users.unlock', { id: managerId });
    expect(await attempt(MANAGER.loginId, MANAGER.initialPassword)).toMatchObject({ ok: true });

    await lockOut();
    await pass(60 * 60 * 1000);
    expect(await attempt(MANAGER.loginId, MANAGER.initialPassword)).toMatchObject({ ok: true });
  });

  it('never allows more than 100 failures an hour, whatever the unlocks', async () => {
    let failures = 0;
    let refused = 0;
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < 10; i++) {
        const r = (await attempt(MANAGER.loginId, `wrong password ${i}!!`)) as any;
        if (r.error.code === 'FORBIDDEN') failures++;
        else refused++;
        await pass(i >= 2 ? 2 ** (i - 2) * 1000 + 1 : 1); // just past each delay: 120 tries take under half an hour
      }
      await must(core, admin.session, 'users.unlock', { id: managerId });
    }
    expect(failures).toBe(100);
    expect(refused).toBe(20);
    expect(await attempt(MANAGER.loginId, MANAGER.initialPassword)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  }, 120_000);
});

describe('the reminder (forgotten password)', () => {
  it('sends a code to the registered address, with which a new password is set', async () => {
    const s = core.openSession();
    const { challengeId } = await must(core, s, 'auth.requestReset', { loginId: MANAGER.loginId });
    await smtp.waitForMail(MANAGER.email);
    const code = smtp.lastCodeFor(MANAGER.email);
    expect(await core.call(s, 'auth.completeReset', { challengeId, code, newPassword: 'password1234' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    await must(core, s, 'auth.completeReset', { challengeId, code, newPassword: 'atarashii-kagi-no-uta-31' });
    expect(await core.call(s, 'auth.completeReset', { challengeId, code, newPassword: 'atarashii-kagi-no-uta-32' })).toMatchObject({ ok: false });
    expect(await core.call(s, 'auth.login', { loginId: MANAGER.loginId, password: 'atarashii-kagi-no-uta-31' })).toMatchObject({ ok: true });
  });

  it('answers an unknown login ID exactly like a real one, and sends nothing', async () => {
    const s = core.openSession();
    const unknown = await core.call(s, 'auth.requestReset', { loginId: 'nobody-here' });
    expect(unknown).toMatchObject({ ok: true, value: { challengeId: expect.stringMatching(/^[0-9a-f]{32}$/) } });
    expect(smtp.mails).toHaveLength(0);
    const attempt = await core.call(s, 'auth.completeReset', { challengeId: (unknown as any).value.challengeId, code: '123456', newPassword: 'atarashii-kagi-no-uta-31' });
    expect(attempt).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('the idle lock', () => {
  it('locks a session idle longer than the setting, and keep-alive calls hold it open', async () => {
    await must(core, admin.session, 'settings.setSecurity', { requireTotpForAll: false, idleLockMinutes: 10 });
    clock.advance(9 * 60 * 1000);
    await must(core, admin.session, 'auth.keepAlive', {});
    clock.advance(9 * 60 * 1000);
    await must(core, admin.session, 'auth.me', {}); // polling is not activity
    clock.advance(2 * 60 * 1000);
    expect(await core.call(admin.session, 'users.list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    const me = await must(core, admin.session, 'auth.me', {});
    expect(me).toMatchObject({ user: null, locked: { loginId: ADMIN.loginId, displayName: ADMIN.displayName } });
    const raw = await openRawDb(dataDir, core.vaultId);
    const last = raw.prepare("SELECT actor_label, detail FROM audit_log WHERE action = 'auth.lock' ORDER BY seq DESC LIMIT 1").get();
    raw.close();
    expect(last).toEqual({ actor_label: ADMIN.loginId, detail: JSON.stringify({ reason: 'idle' }) });
  });

  it('locks on request (the UI timer, the OS lock screen)', async () => {
    await must(core, admin.session, 'auth.lock', {});
    expect(await core.call(admin.session, 'users.list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });
});
