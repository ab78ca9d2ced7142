// Throttling holds under concurrency: guesses fired all at once at one login ID are checked
// one after another, so the throttle (delays after 3 failures) stops them as it would stop a
// run of guesses in a row — for the password at login, its re-entry and its change, for
// TOTP codes and for e-mail codes. A right guess sent along with the wrong ones gets no
// further than they do, and a TOTP code used in two sessions at once signs in only one.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generate } from 'otplib';
import { verify as argon2Verify } from '@node-rs/argon2';
import type * as Argon2 from '@node-rs/argon2';
import type { Core } from '../../src-main/core/index';
import type { Result } from '../../src-shared/errors';
import { ADMIN, configureSmtp, must, openTestCore, setupAdmin, testClock, type AdminSetup } from '../support/vault';
import { startSmtp, type TestSmtp } from '../support/smtp';

// The real argon2, counted: how many passwords were actually checked.
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof Argon2>();
  return { ...real, verify: vi.fn(real.verify) };
});

const PARALLEL = 30;
const clock = testClock();
let core: Core;
let admin: AdminSetup;
let smtp: TestSmtp;

beforeAll(async () => {
  ({ core } = await openTestCore(undefined, { clock }));
  admin = await setupAdmin(core, clock);
  smtp = await startSmtp();
  await configureSmtp(core, admin.session, smtp.port);
});
afterAll(async () => {
  await core.close();
  await smtp.close();
});

let serial = 0;
interface TestUser {
  id: string;
  loginId: string;
  email: string;
  password: string;
}

/** A new manager, never signed in (its password is the admin-set one). */
async function newUser(secondFactor: 'totp' | 'email'): Promise<TestUser> {
  serial += 1;
  const user = { loginId: `concurrent.${serial}`, email: `concurrent.${serial}@example.co.jp`, password: `shizuka-na-mori-no-michi-${serial}` };
  await must(core, admin.session, 'auth.reauth', { password: ADMIN.password });
  const { id } = await must(core, admin.session, 'users.create', {
    loginId: user.loginId,
    displayName: `並行 ${serial}`,
    email: user.email,
    role: 'manager',
    secondFactor,
    initialPassword: user.password,
  });
  return { id, ...user };
}

const epoch = () => Math.floor(clock.now().getTime() / 1000);

/** A TOTP user signed in (authenticator enrolled, temporary password replaced); its session and secret. */
async function signedInTotpUser(): Promise<TestUser & { session: string; secret: string }> {
  const user = await newUser('totp');
  const session = core.openSession();
  const login = await must(core, session, 'auth.login', { loginId: user.loginId, password: user.password });
  await must(core, session, 'auth.verify', { challengeId: login.challengeId, code: await generate({ secret: login.enrolment.secret, epoch: epoch() }) });
  const password = `${user.password}-mine`;
  await must(core, session, 'account.changePassword', { currentPassword: user.password, newPassword: password });
  return { ...user, password, session, secret: login.enrolment.secret };
}

/** Six-digit codes that are valid for none of the steps the core accepts now. */
async function wrongTotpCodes(secret: string, count: number): Promise<string[]> {
  const valid = new Set(await Promise.all([-30, 0, 30].map((d) => generate({ secret, epoch: epoch() + d }))));
  const out: string[] = [];
  for (let c = 100_000; out.length < count; c++) if (!valid.has(String(c))) out.push(String(c));
  return out;
}

const codeOf = (r: Result<unknown>) => (r.ok ? 'OK' : r.error.code);

/** The failure reasons audited for a user under one action, oldest first. */
async function reasons(userId: string, action: string): Promise<string[]> {
  const { rows } = await must(core, admin.session, 'audit.query', { filter: { action, actorId: userId, outcome: 'failure' }, limit: 1000 });
  return rows.map((r: { detail: { reason: string } }) => r.detail.reason).reverse();
}

const threeThenDelayed = (total: number) => [...Array<string>(3).fill('FORBIDDEN'), ...Array<string>(total - 3).fill('RATE_LIMITED')];

describe('thirty parallel guesses at one login ID', () => {
  it('at login: three passwords are checked, and the right one sent with them yields no challenge', async () => {
    const user = await newUser('email');
    vi.mocked(argon2Verify).mockClear();
    const wrong = Array.from({ length: PARALLEL }, (_, i) => core.call(core.openSession(), 'auth.login', { loginId: user.loginId, password: `not the password, try ${i}` }));
    const right = core.call(core.openSession(), 'auth.login', { loginId: user.loginId, password: user.password });
    const answers = await Promise.all([...wrong, right]);

    expect(answers.map(codeOf)).toEqual(threeThenDelayed(PARALLEL + 1));
    expect(argon2Verify).toHaveBeenCalledTimes(3);
    expect(smtp.mails.filter((m) => m.to.includes(user.email))).toHaveLength(0);
    expect(await reasons(user.id, 'auth.login')).toEqual([...Array<string>(3).fill('bad_password'), ...Array<string>(PARALLEL - 2).fill('delayed')]);
  });

  it('at password re-entry: three are checked, and the right one opens no window', async () => {
    const user = await signedInTotpUser();
    vi.mocked(argon2Verify).mockClear();
    const wrong = Array.from({ length: PARALLEL }, (_, i) => core.call(user.session, 'auth.reauth', { password: `not the password, try ${i}` }));
    const right = core.call(user.session, 'auth.reauth', { password: user.password });
    const answers = await Promise.all([...wrong, right]);

    expect(answers.map(codeOf)).toEqual(threeThenDelayed(PARALLEL + 1));
    expect(argon2Verify).toHaveBeenCalledTimes(3);
    expect((await must(core, user.session, 'auth.me', {})).reauthUntil).toBeNull();
    expect(await reasons(user.id, 'auth.reauth')).toEqual([...Array<string>(3).fill('bad_password'), ...Array<string>(PARALLEL - 2).fill('delayed')]);
  });

  it('at a password change: three current passwords are checked, and the right one changes nothing', async () => {
    const user = await signedInTotpUser();
    vi.mocked(argon2Verify).mockClear();
    const next = 'kawa-no-nagare-wa-taezu-99';
    const wrong = Array.from({ length: PARALLEL }, (_, i) => core.call(user.session, 'account.changePassword', { currentPassword: `not the password, try ${i}`, newPassword: next }));
    const right = core.call(user.session, 'account.changePassword', { currentPassword: user.password, newPassword: next });
    const answers = await Promise.all([...wrong, right]);

    expect(answers.map(codeOf)).toEqual(threeThenDelayed(PARALLEL + 1));
    expect(argon2Verify).toHaveBeenCalledTimes(3);
    expect(await reasons(user.id, 'account.changePassword')).toEqual([...Array<string>(3).fill('bad_password'), ...Array<string>(PARALLEL - 2).fill('delayed')]);
    // Once the delay has passed, the old password is still the one.
    clock.advance(1_001);
    await must(core, user.session, 'auth.reauth', { password: user.password });
  });

  it('at the TOTP step: three codes are checked, and the right one sent with them signs nobody in', async () => {
    const user = await signedInTotpUser();
    await must(core, user.session, 'auth.logout', {});
    clock.advance(30_000); // a time step after the one the first login used
    const session = core.openSession();
    const { challengeId, factor } = await must(core, session, 'auth.login', { loginId: user.loginId, password: user.password });
    expect(factor).toBe('totp');
    const wrong = (await wrongTotpCodes(user.secret, PARALLEL)).map((code) => core.call(session, 'auth.verify', { challengeId, code }));
    const right = core.call(session, 'auth.verify', { challengeId, code: await generate({ secret: user.secret, epoch: epoch() }) });
    const answers = await Promise.all([...wrong, right]);

    expect(answers.map(codeOf)).toEqual(threeThenDelayed(PARALLEL + 1));
    expect((await must(core, session, 'auth.me', {})).user).toBeNull();
    expect(await reasons(user.id, 'auth.verify')).toEqual([...Array<string>(3).fill('bad_totp'), ...Array<string>(PARALLEL - 2).fill('delayed')]);
  });

  it('at the e-mail code step, across sessions: three codes are checked, and the right one signs nobody in', async () => {
    const user = await newUser('email');
    const SESSIONS = 8;
    const challenges: { session: string; challengeId: string; code: string }[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const session = core.openSession();
      const { challengeId, factor } = await must(core, session, 'auth.login', { loginId: user.loginId, password: user.password });
      expect(factor).toBe('email');
      await smtp.waitForMail(user.email, i + 1);
      challenges.push({ session, challengeId, code: smtp.lastCodeFor(user.email) });
    }
    const answers = await Promise.all(
      challenges.map(({ session, challengeId, code }, i) =>
        core.call(session, 'auth.verify', { challengeId, code: i === SESSIONS - 1 ? code : code === '000000' ? '000001' : '000000' }),
      ),
    );

    expect(answers.map(codeOf)).toEqual(threeThenDelayed(SESSIONS));
    for (const { session } of challenges) expect((await must(core, session, 'auth.me', {})).user).toBeNull();
    expect(await reasons(user.id, 'auth.verify')).toEqual([...Array<string>(3).fill('bad_email_code'), ...Array<string>(SESSIONS - 3).fill('delayed')]);
  });
});

describe('a TOTP code', () => {
  it('used in two sessions at once signs in only one of them', async () => {
    const user = await signedInTotpUser();
    clock.advance(30_000);
    const [a, b] = [core.openSession(), core.openSession()];
    const loginA = await must(core, a, 'auth.login', { loginId: user.loginId, password: user.password });
    const loginB = await must(core, b, 'auth.login', { loginId: user.loginId, password: user.password });
    const code = await generate({ secret: user.secret, epoch: epoch() });
    const answers = await Promise.all([
      core.call(a, 'auth.verify', { challengeId: loginA.challengeId, code }),
      core.call(b, 'auth.verify', { challengeId: loginB.challengeId, code }),
    ]);

    expect(answers.map(codeOf)).toEqual(['OK', 'FORBIDDEN']);
    expect((await must(core, b, 'auth.me', {})).user).toBeNull();
    expect(await reasons(user.id, 'auth.verify')).toEqual(['replayed_totp']);
  });
});
