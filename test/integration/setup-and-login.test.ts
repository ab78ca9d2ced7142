// First-run setup and two-step login through the core's one entry point.
import { describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { ADMIN, must, openTestCore, setupAdmin, testClock } from '../support/vault';

describe('first-run setup', () => {
  it('reports not initialized, creates the first admin once, and refuses a second', async () => {
    const { core } = await openTestCore();
    const s = core.openSession();
    expect(await core.call(s, 'setup.status', {})).toEqual({ ok: true, value: { initialized: false } });
    const created = await must(core, s, 'setup.createAdmin', ADMIN);
    expect(created.totp.otpauthUrl).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(created.recoveryCode).toMatch(/^([0-9A-Z]{5}-){5}[0-9A-Z]{5}$/);
    expect(await core.call(s, 'setup.status', {})).toEqual({ ok: true, value: { initialized: true } });
    const again = await core.call(core.openSession(), 'setup.createAdmin', { ...ADMIN, loginId: 'intruder' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await core.close();
  });

  it('lets only one of two simultaneous setups win', async () => {
    const { core } = await openTestCore();
    const results = await Promise.all([
      core.call(core.openSession(), 'setup.createAdmin', ADMIN),
      core.call(core.openSession(), 'setup.createAdmin', { ...ADMIN, loginId: 'second' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)[0]).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await core.close();
  });

  it('refuses a short password or one built from the login ID, with a Japanese message', async () => {
    const { core } = await openTestCore();
    const s = core.openSession();
    const short = await core.call(s, 'setup.createAdmin', { ...ADMIN, password: 'short pw' });
    expect(short).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/12文字以上/) } });
    const own = await core.call(s, 'setup.createAdmin', { ...ADMIN, loginId: 'tanaka', password: 'tanaka-password-1234' });
    expect(own).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/ログインID/) } });
    expect(await core.call(s, 'setup.status', {})).toEqual({ ok: true, value: { initialized: false } });
    await core.close();
  });

  it('refuses malformed input with VALIDATION and a Japanese message', async () => {
    const { core } = await openTestCore();
    const r = await core.call(core.openSession(), 'setup.createAdmin', { ...ADMIN, email: 'not-an-address' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/メールアドレス/) } });
    await core.close();
  });
});

describe('login', () => {
  it('needs the password and then a TOTP code, and says nothing about which part was wrong', async () => {
    const { core } = await openTestCore();
    await setupAdmin(core);
    const s = core.openSession();
    const unknown = await core.call(s, 'auth.login', { loginId: 'nobody', password: ADMIN.password });
    const wrong = await core.call(s, 'auth.login', { loginId: ADMIN.loginId, password: 'wrong password here' });
    expect(unknown).toEqual(wrong);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A challenge alone is not a login.
    await must(core, s, 'auth.login', { loginId: ADMIN.loginId, password: ADMIN.password });
    expect(await core.call(s, 'audit.query', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await core.close();
  });

  it('refuses a wrong code and a replayed code (once per time step), and audits both', async () => {
    const clock = testClock();
    const { core } = await openTestCore(undefined, { clock });
    const admin = await setupAdmin(core, clock);
    const epoch = Math.floor(clock.now().getTime() / 1000);
    const usedCode = await generate({ secret: admin.totpSecret, epoch });

    const s = core.openSession();
    const login = await must(core, s, 'auth.login', { loginId: ADMIN.loginId, password: ADMIN.password });
    const wrongCode = usedCode === '000000' ? '111111' : '000000';
    expect(await core.call(s, 'auth.verify', { challengeId: login.challengeId, code: wrongCode })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '確認コードが正しくありません' },
    });
    expect(await core.call(s, 'auth.verify', { challengeId: login.challengeId, code: usedCode })).toMatchObject({ ok: false });

    clock.advance(30_000);
    const fresh = await generate({ secret: admin.totpSecret, epoch: epoch + 30 });
    await must(core, s, 'auth.verify', { challengeId: login.challengeId, code: fresh });

    const audit = await must(core, s, 'audit.query', { filter: { action: 'auth.verify' } });
    const reasons = audit.rows.map((r: any) => r.detail?.reason ?? r.outcome);
    expect(reasons).toEqual(expect.arrayContaining(['bad_totp', 'replayed_totp', 'success']));
    await core.close();
  });

  it('drops the challenge after five wrong codes', async () => {
    const { core } = await openTestCore();
    const admin = await setupAdmin(core);
    const s = core.openSession();
    const login = await must(core, s, 'auth.login', { loginId: ADMIN.loginId, password: ADMIN.password });
    const right = await generate({ secret: admin.totpSecret });
    const wrong = right === '123456' ? '654321' : '123456';
    for (let i = 0; i < 5; i++) await core.call(s, 'auth.verify', { challengeId: login.challengeId, code: wrong });
    const after = await core.call(s, 'auth.verify', { challengeId: login.challengeId, code: right });
    expect(after).toMatchObject({ ok: false, error: { message: expect.stringMatching(/もう一度ログイン/) } });
    await core.close();
  });

  it('binds a challenge to the session that asked for it', async () => {
    const { core } = await openTestCore();
    const admin = await setupAdmin(core);
    const a = core.openSession();
    const login = await must(core, a, 'auth.login', { loginId: ADMIN.loginId, password: ADMIN.password });
    const code = await generate({ secret: admin.totpSecret });
    const b = core.openSession();
    expect(await core.call(b, 'auth.verify', { challengeId: login.challengeId, code })).toMatchObject({ ok: false });
    await core.close();
  });

  it('refuses calls with an unknown session key', async () => {
    const { core } = await openTestCore();
    expect(await core.call('not-a-session', 'setup.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await core.close();
  });

  it('ends the session on logout', async () => {
    const { core } = await openTestCore();
    const admin = await setupAdmin(core);
    await must(core, admin.session, 'auth.logout', {});
    expect(await core.call(admin.session, 'audit.query', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await must(core, admin.session, 'auth.me', {})).toMatchObject({ user: null, reauthUntil: null, locked: null });
    await core.close();
  });
});

describe('password re-entry (パスワード再入力)', () => {
  it('opens a five-minute window only after the password is re-entered', async () => {
    const clock = testClock();
    const { core } = await openTestCore(undefined, { clock });
    const admin = await setupAdmin(core, clock);
    expect((await must(core, admin.session, 'auth.me', {})).reauthUntil).toBeNull(); // logging in does not open it
    expect(await core.call(admin.session, 'auth.reauth', { password: 'wrong password!!' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const { until } = await must(core, admin.session, 'auth.reauth', { password: ADMIN.password });
    expect(new Date(until).getTime() - clock.now().getTime()).toBe(5 * 60 * 1000);
    clock.advance(5 * 60 * 1000 + 1);
    expect((await must(core, admin.session, 'auth.me', {})).reauthUntil).toBeNull();
    await core.close();
  });
});

describe('the handler table', () => {
  it('refuses an unknown channel with NOT_FOUND', async () => {
    const { core } = await openTestCore();
    expect(await core.call(core.openSession(), 'vault.dumpEverything', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await core.close();
  });

  it('refuses input fields the contract does not declare', async () => {
    const { core } = await openTestCore();
    const s = core.openSession();
    const r = await core.call(s, 'setup.status', { unexpected: 'field' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await core.close();
  });
});

describe('an interrupted setup', () => {
  it('lets the admin enrol the authenticator at the first login when setup never confirmed it', async () => {
    const { core } = await openTestCore();
    const s = core.openSession();
    const created = await must(core, s, 'setup.createAdmin', ADMIN);
    const login = await must(core, core.openSession(), 'auth.login', { loginId: ADMIN.loginId, password: ADMIN.password });
    expect(login.enrolment).toEqual({ secret: expect.stringMatching(/^[A-Z2-7]{16,}$/), otpauthUrl: expect.stringMatching(/^otpauth:\/\/totp\//) });
    expect(login.enrolment.secret).not.toBe(created.totp.secret);
    await core.close();
  });

  it('confirms the authenticator only in the session that ran setup, and only once', async () => {
    const { core } = await openTestCore();
    const s = core.openSession();
    const created = await must(core, s, 'setup.createAdmin', ADMIN);
    const code = await generate({ secret: created.totp.secret });
    expect(await core.call(core.openSession(), 'setup.confirmTotp', { code })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await must(core, s, 'setup.confirmTotp', { code });
    expect(await core.call(s, 'setup.confirmTotp', { code })).toMatchObject({ ok: false });
    const login = await must(core, core.openSession(), 'auth.login', { loginId: ADMIN.loginId, password: ADMIN.password });
    expect(login.enrolment).toBeUndefined();
    await core.close();
  });
});
