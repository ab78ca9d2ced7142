// Enrolling an authenticator needs more than the password. An account that already signs in
// with e-mail codes and must switch to TOTP ("TOTP for all" turned on, or the admin changed
// its factor) passes an e-mail code first, and only then is a secret issued. A new account
// enrols with its admin-issued temporary password only while that password is valid (72
// hours), and must replace it before anything else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import type { Core } from '../../src-main/core/index';
import { ADMIN, configureSmtp, must, openTestCore, setupAdmin, testClock, type AdminSetup } from '../support/vault';
import { startSmtp, type TestSmtp } from '../support/smtp';

const HOUR = 3600 * 1000;
const clock = testClock();
let core: Core;
let setup: AdminSetup;
let smtp: TestSmtp;
let adminSession: string;

const epoch = () => Math.floor(clock.now().getTime() / 1000);

/** Signs the admin in afresh (time may have moved past the idle lock) with the password re-entered. */
async function freshAdmin(): Promise<string> {
  clock.advance(30_000); // a TOTP step the admin has not used yet
  const session = core.openSession();
  const login = await must(core, session, 'auth.login', { loginId: ADMIN.loginId, password: ADMIN.password });
  await must(core, session, 'auth.verify', { challengeId: login.challengeId, code: await generate({ secret: setup.totpSecret, epoch: epoch() }) });
  await must(core, session, 'auth.reauth', { password: ADMIN.password });
  adminSession = session;
  return session;
}

beforeAll(async () => {
  ({ core } = await openTestCore(undefined, { clock }));
  setup = await setupAdmin(core, clock);
  adminSession = setup.session;
  smtp = await startSmtp();
  await configureSmtp(core, adminSession, smtp.port);
});
afterAll(async () => {
  await core.close();
  await smtp.close();
});

let serial = 0;
async function createUser(secondFactor: 'totp' | 'email') {
  serial += 1;
  const user = { loginId: `enrol.${serial}`, email: `enrol.${serial}@example.co.jp`, initialPassword: `kari-no-kagi-dayo-${serial}-x`, password: `jibun-no-kagi-dayo-${serial}-y` };
  await must(core, adminSession, 'auth.reauth', { password: ADMIN.password });
  const { id } = await must(core, adminSession, 'users.create', {
    loginId: user.loginId,
    displayName: `登録 ${serial}`,
    email: user.email,
    role: 'manager',
    secondFactor,
    initialPassword: user.initialPassword,
  });
  return { id, ...user };
}

const mailsTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email)).length;

/** An e-mail-factor user who has signed in once (by e-mail code) and replaced the temporary password. */
async function existingEmailUser() {
  const user = await createUser('email');
  const s = core.openSession();
  const login = await must(core, s, 'auth.login', { loginId: user.loginId, password: user.initialPassword });
  await must(core, s, 'auth.verify', { challengeId: login.challengeId, code: smtp.lastCodeFor(user.email) });
  await must(core, s, 'account.changePassword', { currentPassword: user.initialPassword, newPassword: user.password });
  await must(core, s, 'auth.logout', {});
  return user;
}

/** The path an existing account must take to an authenticator: password, e-mail code, then the new secret's code. */
async function expectEmailCodeBeforeEnrolment(user: { id: string; loginId: string; email: string; password: string }) {
  clock.advance(1_000);
  const since = clock.now().toISOString();
  const s = core.openSession();
  const before = mailsTo(user.email);
  const login = await core.call(s, 'auth.login', { loginId: user.loginId, password: user.password });
  expect(login).toEqual({ ok: true, value: { challengeId: expect.any(String), factor: 'email', enrolmentFollows: true, sentTo: expect.stringMatching(/^en\*\*\*@example\.co\.jp$/) } });
  if (!login.ok) return;
  const { challengeId } = login.value as { challengeId: string };
  expect(mailsTo(user.email)).toBe(before + 1);
  const code = smtp.lastCodeFor(user.email);

  // A wrong e-mail code issues nothing.
  expect(await core.call(s, 'auth.verify', { challengeId, code: code === '000000' ? '000001' : '000000' })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN', messageKey: 'errors.auth.badCode' },
  });
  // The right one issues the secret to enrol, and signs nobody in yet.
  const enrol = await must(core, s, 'auth.verify', { challengeId, code });
  expect(enrol).toEqual({ enrolment: { secret: expect.any(String), otpauthUrl: expect.stringMatching(/^otpauth:\/\/totp\//) } });
  expect((await must(core, s, 'auth.me', {})).user).toBeNull();
  // The e-mail code is used up: it cannot be played again as the TOTP code.
  expect(await core.call(s, 'auth.verify', { challengeId, code })).toMatchObject({ ok: false });

  const signedIn = await must(core, s, 'auth.verify', { challengeId, code: await generate({ secret: enrol.enrolment.secret, epoch: epoch() }) });
  expect(signedIn).toEqual({ user: { id: user.id, loginId: user.loginId, displayName: expect.any(String), role: 'manager' }, mustChangePassword: false });
  expect((await must(core, s, 'auth.me', {})).account).toMatchObject({ totpEnrolled: true });

  const { rows } = await must(core, adminSession, 'audit.query', { filter: { actorId: user.id, from: since } });
  const trail = rows
    .filter((r: { action: string }) => r.action === 'auth.login' || r.action === 'auth.verify')
    .map((r: { action: string; outcome: string; detail: unknown }) => [r.action, r.outcome, r.detail])
    .reverse();
  expect(trail).toEqual([
    ['auth.login', 'success', { stage: 'password', factor: 'email', enrolling: true }],
    ['auth.verify', 'failure', { reason: 'bad_email_code' }],
    ['auth.verify', 'success', { factor: 'email', stage: 'before_enrolment' }],
    ['auth.verify', 'failure', { reason: 'bad_totp' }],
    ['auth.verify', 'success', { factor: 'totp', enrolled: true }],
  ]);
  await must(core, s, 'auth.logout', {});
}

describe('an existing e-mail-factor account that must switch to TOTP', () => {
  it('when "TOTP for all" is turned on, passes its e-mail code before any secret is issued', async () => {
    const user = await existingEmailUser();
    await must(core, adminSession, 'auth.reauth', { password: ADMIN.password });
    await must(core, adminSession, 'settings.setSecurity', { requireTotpForAll: true, idleLockMinutes: 10 });
    try {
      await expectEmailCodeBeforeEnrolment(user);
    } finally {
      await must(core, adminSession, 'auth.reauth', { password: ADMIN.password });
      await must(core, adminSession, 'settings.setSecurity', { requireTotpForAll: false, idleLockMinutes: 10 });
    }
  });

  it('when the admin changes its factor to TOTP, passes its e-mail code before any secret is issued', async () => {
    const user = await existingEmailUser();
    await must(core, adminSession, 'auth.reauth', { password: ADMIN.password });
    await must(core, adminSession, 'users.update', { id: user.id, displayName: `登録 ${user.loginId}`, email: user.email, role: 'manager', secondFactor: 'totp' });
    await expectEmailCodeBeforeEnrolment(user);
  });
});

describe('a new account and its temporary password', () => {
  it('enrols on the temporary password just inside 72 hours, and must replace it before anything else', async () => {
    const user = await createUser('totp');
    clock.advance(72 * HOUR - 60_000);
    const s = core.openSession();
    const login = await must(core, s, 'auth.login', { loginId: user.loginId, password: user.initialPassword });
    expect(login).toMatchObject({ factor: 'totp', enrolment: { secret: expect.any(String) } });
    const verified = await must(core, s, 'auth.verify', { challengeId: login.challengeId, code: await generate({ secret: login.enrolment.secret, epoch: epoch() }) });
    expect(verified).toMatchObject({ mustChangePassword: true });

    expect(await core.call(s, 'registrants.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.mustChangePassword' } });
    expect(await core.call(s, 'auth.reauth', { password: user.initialPassword })).toMatchObject({ ok: false, error: { messageKey: 'errors.mustChangePassword' } });
    await must(core, s, 'account.changePassword', { currentPassword: user.initialPassword, newPassword: user.password });
    expect(await core.call(s, 'registrants.list', {})).toMatchObject({ ok: true });
  });

  it('is refused once 72 hours have passed, with no challenge, no mail and no secret', async () => {
    await freshAdmin();
    const totpUser = await createUser('totp');
    const emailUser = await createUser('email');
    clock.advance(72 * HOUR + 1_000);
    for (const user of [totpUser, emailUser]) {
      const r = await core.call(core.openSession(), 'auth.login', { loginId: user.loginId, password: user.initialPassword });
      expect(r).toEqual({
        ok: false,
        error: {
          code: 'FORBIDDEN',
          message: expect.stringContaining('72'),
          messageKey: 'errors.auth.temporaryPasswordExpired',
          params: { hours: 72 },
        },
      });
    }
    expect(mailsTo(emailUser.email)).toBe(0);
    await freshAdmin();
    for (const user of [totpUser, emailUser]) {
      const { rows } = await must(core, adminSession, 'audit.query', { filter: { action: 'auth.login', actorId: user.id } });
      expect(rows.map((r: { outcome: string; detail: unknown }) => [r.outcome, r.detail])).toEqual([['failure', { reason: 'temporary_password_expired' }]]);
    }
  });

  it('set again by an admin for an existing account expires after 72 hours as well', async () => {
    const user = await existingEmailUser();
    await must(core, adminSession, 'auth.reauth', { password: ADMIN.password });
    await must(core, adminSession, 'users.resetPassword', { id: user.id, temporaryPassword: 'mata-kari-no-kagi-desu-5' });
    clock.advance(72 * HOUR + 1_000);
    expect(await core.call(core.openSession(), 'auth.login', { loginId: user.loginId, password: 'mata-kari-no-kagi-desu-5' })).toMatchObject({
      ok: false,
      error: { messageKey: 'errors.auth.temporaryPasswordExpired' },
    });
    await freshAdmin();
  });
});
