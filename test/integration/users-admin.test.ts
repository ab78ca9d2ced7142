// Admins manage login users; each user's second factor is chosen by the admin. A manager
// logs in with a code from a real SMTP server, a viewer enrols TOTP at first login, and
// both must replace the admin-set password before anything else.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import type { Core } from '../../src-main/core/index';
import { ADMIN, MANAGER, VIEWER, configureSmtp, must, openTestCore, setupAdmin, type AdminSetup } from '../support/vault';
import { decodeBody, startSmtp, type TestSmtp } from '../support/smtp';

let core: Core;
let admin: AdminSetup;
let smtp: TestSmtp;

beforeEach(async () => {
  ({ core } = await openTestCore());
  admin = await setupAdmin(core);
  smtp = await startSmtp();
  await configureSmtp(core, admin.session, smtp.port);
});
afterEach(async () => {
  await core.close();
  await smtp.close();
});

describe('an e-mail-code user (manager)', () => {
  it('is created by an admin, receives a code by mail naming the machine, and must change the password first', async () => {
    const { id } = await must(core, admin.session, 'users.create', { ...MANAGER, role: 'manager', secondFactor: 'email' });
    const s = core.openSession();
    const login = await must(core, s, 'auth.login', { loginId: MANAGER.loginId, password: MANAGER.initialPassword });
    expect(login).toMatchObject({ factor: 'email', sentTo: 'sa***@example.co.jp' });
    const mail = decodeBody((await smtp.waitForMail(MANAGER.email)).raw);
    expect(mail).toMatch(/要求した端末: \S+/);
    expect(mail).toMatch(/要求日時:/);
    const verified = await must(core, s, 'auth.verify', { challengeId: login.challengeId, code: smtp.lastCodeFor(MANAGER.email) });
    expect(verified).toEqual({ user: { id, loginId: MANAGER.loginId, displayName: MANAGER.displayName, role: 'manager' }, mustChangePassword: true });

    expect(await core.call(s, 'audit.query', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/パスワードの変更が必要/) } });
    await must(core, s, 'account.changePassword', { currentPassword: MANAGER.initialPassword, newPassword: 'tsuki-to-suppon-88-hoshi' });
    expect(await core.call(s, 'audit.query', {})).toMatchObject({ ok: true });
  });
});

describe('a TOTP user (viewer)', () => {
  it('enrols an authenticator during the first login and is held to it afterwards', async () => {
    await must(core, admin.session, 'users.create', { ...VIEWER, role: 'viewer', secondFactor: 'totp' });
    const s = core.openSession();
    const first = await must(core, s, 'auth.login', { loginId: VIEWER.loginId, password: VIEWER.initialPassword });
    expect(first.factor).toBe('totp');
    expect(first.enrolment.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    const code = await generate({ secret: first.enrolment.secret });
    await must(core, s, 'auth.verify', { challengeId: first.challengeId, code });
    await must(core, s, 'auth.logout', {});

    const second = await must(core, s, 'auth.login', { loginId: VIEWER.loginId, password: VIEWER.initialPassword });
    expect(second.enrolment).toBeUndefined();
    const list = await must(core, admin.session, 'users.list', {});
    expect(list.rows.find((u: any) => u.loginId === VIEWER.loginId)).toMatchObject({ totpEnrolled: true, mustChangePassword: true, role: 'viewer' });
  });

  it('is held to TOTP for all when the admin requires it, even if set to e-mail', async () => {
    await must(core, admin.session, 'users.create', { ...MANAGER, role: 'manager', secondFactor: 'email' });
    await must(core, admin.session, 'settings.setSecurity', { requireTotpForAll: true, idleLockMinutes: 10 });
    const login = await must(core, core.openSession(), 'auth.login', { loginId: MANAGER.loginId, password: MANAGER.initialPassword });
    expect(login.factor).toBe('totp');
    expect(login.enrolment).toEqual({ secret: expect.stringMatching(/^[A-Z2-7]{16,}$/), otpauthUrl: expect.stringMatching(/^otpauth:\/\/totp\//) });
    expect(login.enrolment.otpauthUrl).toContain(`secret=${login.enrolment.secret}`);
    expect(smtp.mails).toHaveLength(0);
  });
});

describe('admin rules', () => {
  it('refuses a duplicate login ID and a weak initial password', async () => {
    await must(core, admin.session, 'users.create', { ...MANAGER, role: 'manager', secondFactor: 'email' });
    expect(await core.call(admin.session, 'users.create', { ...MANAGER, role: 'viewer', secondFactor: 'email' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await core.call(admin.session, 'users.create', { ...VIEWER, initialPassword: 'password1234', role: 'viewer', secondFactor: 'email' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/推測されやすい/) },
    });
  });

  it('needs the password re-entered within five minutes for user changes', async () => {
    const fresh = core.openSession();
    const login = await must(core, fresh, 'auth.login', { loginId: ADMIN.loginId, password: ADMIN.password });
    await must(core, fresh, 'auth.verify', { challengeId: login.challengeId, code: await generate({ secret: admin.totpSecret, epoch: Math.floor(Date.now() / 1000) + 30 }) });
    expect(await core.call(fresh, 'users.create', { ...MANAGER, role: 'manager', secondFactor: 'email' })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
  });

  it('never leaves the vault without an active admin', async () => {
    expect(await core.call(admin.session, 'users.update', { id: admin.userId, displayName: ADMIN.displayName, email: ADMIN.email, role: 'manager', secondFactor: 'totp' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await core.call(admin.session, 'users.setDisabled', { id: admin.userId, disabled: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const { id } = await must(core, admin.session, 'users.create', { ...MANAGER, role: 'admin', secondFactor: 'email' });
    await must(core, admin.session, 'users.setDisabled', { id, disabled: true });
    expect(await core.call(admin.session, 'users.update', { id: admin.userId, displayName: ADMIN.displayName, email: ADMIN.email, role: 'viewer', secondFactor: 'totp' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    await must(core, admin.session, 'users.setDisabled', { id, disabled: false });
    await must(core, admin.session, 'users.update', { id: admin.userId, displayName: ADMIN.displayName, email: ADMIN.email, role: 'manager', secondFactor: 'totp' });
  });

  it('ends a disabled user’s session on its next call, and a reset password ends sessions and must be changed', async () => {
    const { id } = await must(core, admin.session, 'users.create', { ...VIEWER, role: 'viewer', secondFactor: 'totp' });
    const s = core.openSession();
    const login = await must(core, s, 'auth.login', { loginId: VIEWER.loginId, password: VIEWER.initialPassword });
    await must(core, s, 'auth.verify', { challengeId: login.challengeId, code: await generate({ secret: login.enrolment.secret }) });
    await must(core, s, 'account.changePassword', { currentPassword: VIEWER.initialPassword, newPassword: 'hana-yori-dango-2026-x' });
    expect((await must(core, s, 'auth.me', {})).user.loginId).toBe(VIEWER.loginId);

    await must(core, admin.session, 'users.setDisabled', { id, disabled: true });
    expect(await core.call(s, 'auth.keepAlive', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.call(core.openSession(), 'auth.login', { loginId: VIEWER.loginId, password: 'hana-yori-dango-2026-x' })).toMatchObject({ ok: false });

    await must(core, admin.session, 'users.setDisabled', { id, disabled: false });
    await must(core, admin.session, 'users.resetPassword', { id, temporaryPassword: 'kari-no-pasuwado-55-ame' });
    const list = await must(core, admin.session, 'users.list', {});
    expect(list.rows.find((u: any) => u.id === id)).toMatchObject({ mustChangePassword: true, disabled: false });
  });
});

describe('the SMTP settings', () => {
  it('keep the password sealed, never return it, and the test mail reports the server’s answer', async () => {
    await must(core, admin.session, 'settings.setSmtp', { host: '127.0.0.1', port: smtp.port, security: 'none', username: '', password: 'smtp-secret-pw', from: 'vault@example.co.jp' });
    const view = await must(core, admin.session, 'settings.getSmtp', {});
    expect(view.smtp).toMatchObject({ host: '127.0.0.1', hasPassword: true });
    expect(JSON.stringify(view)).not.toContain('smtp-secret-pw');
    await must(core, admin.session, 'settings.setSmtp', { host: '127.0.0.1', port: smtp.port, security: 'none', username: '', password: '', from: 'vault@example.co.jp' });
    const test = await must(core, admin.session, 'settings.testSmtp', { to: 'hr@example.co.jp' });
    expect(test).toMatchObject({ ok: true, response: expect.stringMatching(/^250/) });
    expect(smtp.mails.at(-1)!.to).toEqual(['hr@example.co.jp']);

    await must(core, admin.session, 'settings.setSmtp', { host: '127.0.0.1', port: 1, security: 'none', username: '', from: 'vault@example.co.jp' });
    const down = await must(core, admin.session, 'settings.testSmtp', { to: 'hr@example.co.jp' });
    expect(down).toMatchObject({ ok: false, response: expect.stringMatching(/ECONNREFUSED|connect/i) });
  });
});
