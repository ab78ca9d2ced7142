// The reminder (forgotten password) against a guessing attacker: the reply for a known login
// ID does not wait for the mail (so it is as quick as the one for nobody), a wrong reset code
// counts against the account like a wrong password (and against an unknown login ID just the
// same, so the throttle tells nothing), and the new password is hashed (argon2, the costly
// step) only once the code has checked out.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hash as argon2Hash } from '@node-rs/argon2';
import type * as Argon2 from '@node-rs/argon2';
import type { Core } from '../../src-main/core/index';
import { ADMIN, must, openTestCore, setupAdmin, testClock, type AdminSetup } from '../support/vault';
import { startSmtp, type TestSmtp } from '../support/smtp';

// The real argon2, counted.
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof Argon2>();
  return { ...real, hash: vi.fn(real.hash) };
});

const MAIL_DELAY_MS = 1_500;
const clock = testClock();
let core: Core;
let admin: AdminSetup;
let smtp: TestSmtp;
let slowLink: { port: number; close(): Promise<void> };

/** A TCP relay to the test SMTP server that holds every connection for `delayMs` first: a slow mail server. */
async function slowRelay(targetPort: number, delayMs: number): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.pause();
    setTimeout(() => {
      const upstream = net.connect(targetPort, '127.0.0.1');
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      client.pipe(upstream).pipe(client);
      client.resume();
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

beforeAll(async () => {
  ({ core } = await openTestCore(undefined, { clock }));
  admin = await setupAdmin(core, clock);
  smtp = await startSmtp();
  slowLink = await slowRelay(smtp.port, MAIL_DELAY_MS);
  await useMailServer(smtp.port);
});
afterAll(async () => {
  await core.close();
  await slowLink.close();
  await smtp.close();
});

async function useMailServer(port: number) {
  await must(core, admin.session, 'auth.reauth', { password: ADMIN.password });
  await must(core, admin.session, 'settings.setSmtp', { host: '127.0.0.1', port, security: 'none', username: '', from: 'vault@example.co.jp' });
}

let serial = 0;
async function newUser() {
  serial += 1;
  const user = { loginId: `forgetful.${serial}`, email: `forgetful.${serial}@example.co.jp`, password: `wasureta-kagi-no-hako-${serial}` };
  await must(core, admin.session, 'auth.reauth', { password: ADMIN.password });
  const { id } = await must(core, admin.session, 'users.create', {
    loginId: user.loginId,
    displayName: `忘却 ${serial}`,
    email: user.email,
    role: 'manager',
    secondFactor: 'email',
    initialPassword: user.password,
  });
  return { id, ...user };
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

const wrongOf = (code: string) => (code === '000000' ? '000001' : '000000');

/** Asks for a reset and waits for its code to arrive by mail. */
async function requestCode(loginId: string, email: string): Promise<{ challengeId: string; code: string }> {
  const before = smtp.mails.filter((m) => m.to.includes(email)).length;
  const { challengeId } = await must(core, core.openSession(), 'auth.requestReset', { loginId });
  await smtp.waitForMail(email, before + 1);
  return { challengeId, code: smtp.lastCodeFor(email) };
}

describe('asking for a reset', () => {
  it('answers a known login ID before the slow mail server has even greeted, as quickly as an unknown one', async () => {
    const user = await newUser();
    await useMailServer(slowLink.port);
    try {
      const known = await timed(() => core.call(core.openSession(), 'auth.requestReset', { loginId: user.loginId }));
      const unknown = await timed(() => core.call(core.openSession(), 'auth.requestReset', { loginId: 'nobody.at.all' }));

      expect(known.value).toEqual({ ok: true, value: { challengeId: expect.stringMatching(/^[0-9a-f]{32}$/) } });
      expect(unknown.value).toEqual({ ok: true, value: { challengeId: expect.stringMatching(/^[0-9a-f]{32}$/) } });
      expect(known.ms).toBeLessThan(MAIL_DELAY_MS / 2);
      expect(unknown.ms).toBeLessThan(MAIL_DELAY_MS / 2);
      expect(smtp.mails.filter((m) => m.to.includes(user.email))).toHaveLength(0);

      // The mail still goes out, after the reply, and its code works.
      await smtp.waitForMail(user.email);
      const challengeId = (known.value as { value: { challengeId: string } }).value.challengeId;
      await must(core, core.openSession(), 'auth.completeReset', { challengeId, code: smtp.lastCodeFor(user.email), newPassword: 'atarashii-hi-no-de-2027' });
    } finally {
      await useMailServer(smtp.port);
    }
  });
});

describe('a wrong reset code', () => {
  it('counts against the account like a wrong password: three, and the right password waits too', async () => {
    const user = await newUser();
    const { challengeId, code } = await requestCode(user.loginId, user.email);
    for (let i = 0; i < 3; i++) {
      expect(await core.call(core.openSession(), 'auth.completeReset', { challengeId, code: wrongOf(code), newPassword: 'atarashii-hi-no-de-2027' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', messageKey: 'errors.auth.resetFailed' },
      });
    }
    expect(await core.call(core.openSession(), 'auth.login', { loginId: user.loginId, password: user.password })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    const { rows } = await must(core, admin.session, 'audit.query', { filter: { action: 'auth.completeReset', actorId: user.id } });
    expect(rows.map((r: { detail: { reason: string } }) => r.detail.reason)).toEqual(['code_wrong', 'code_wrong', 'code_wrong']);

    clock.advance(1_001);
    expect(await core.call(core.openSession(), 'auth.login', { loginId: user.loginId, password: user.password })).toMatchObject({ ok: true });
  });

  it('is answered for an unknown login ID exactly as for a known one, the throttle included', async () => {
    const user = await newUser();
    const known = await requestCode(user.loginId, user.email);
    const { challengeId: decoy } = await must(core, core.openSession(), 'auth.requestReset', { loginId: 'nobody.here' });
    const fourWrong = async (challengeId: string) => {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await core.call(core.openSession(), 'auth.completeReset', { challengeId, code: wrongOf(known.code), newPassword: 'atarashii-hi-no-de-2027' }));
      return answers;
    };
    const forKnown = await fourWrong(known.challengeId);
    expect(forKnown.map((r) => (r.ok ? 'OK' : r.error.code))).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'RATE_LIMITED']);
    expect(await fourWrong(decoy)).toEqual(forKnown);
    // The unknown ID is now delayed at login too, as the known one is.
    expect(await core.call(core.openSession(), 'auth.login', { loginId: 'nobody.here', password: 'whatever it may be' })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
  });
});

describe('the new password', () => {
  it('is hashed only once the code has checked out (and not for a weak one)', async () => {
    const user = await newUser();
    const { challengeId, code } = await requestCode(user.loginId, user.email);
    vi.mocked(argon2Hash).mockClear();

    expect(await core.call(core.openSession(), 'auth.completeReset', { challengeId, code: wrongOf(code), newPassword: 'atarashii-hi-no-de-2027' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(argon2Hash).not.toHaveBeenCalled();

    expect(await core.call(core.openSession(), 'auth.completeReset', { challengeId, code, newPassword: 'password1234' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(argon2Hash).not.toHaveBeenCalled();

    await must(core, core.openSession(), 'auth.completeReset', { challengeId, code, newPassword: 'atarashii-hi-no-de-2027' });
    expect(argon2Hash).toHaveBeenCalledTimes(1);
  });
});
