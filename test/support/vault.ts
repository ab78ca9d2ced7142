// Test helpers: a fresh data directory, a core on it, and a logged-in admin session.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'otplib';
import { createCore, createFileKeyStore, type Clock, type Core, type KeyStore } from '../../src-main/core/index';

export const TEST_PASSPHRASE = 'test passphrase for the vault';
export const ADMIN = {
  loginId: 'admin',
  displayName: '管理 太郎',
  email: 'kanri.taro@example.co.jp',
  password: 'mizuiro-sakura-bench-42',
};

export function tempDir(prefix = 'mnv-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A clock tests can move. Starts at the real time so TOTP codes generated now are valid. */
export function testClock(start = Date.now()): Clock & { advance(ms: number): void; set(ms: number): void } {
  let t = start;
  return { now: () => new Date(t), advance: (ms) => void (t += ms), set: (ms) => void (t = ms) };
}

export async function openTestCore(dataDir = tempDir(), opts: { keyStore?: KeyStore; clock?: Clock } = {}): Promise<{ core: Core; dataDir: string }> {
  const keyStore = opts.keyStore ?? createFileKeyStore({ dataDir, passphrase: TEST_PASSPHRASE });
  const core = await createCore({ dataDir, keyStore, clock: opts.clock });
  return { core, dataDir };
}

/** Calls a channel and returns its value, failing the test with the error if it is refused. */
export async function must<T = any>(core: Core, session: string, channel: string, input: unknown): Promise<T> {
  const r = await core.call(session, channel, input);
  if (!r.ok) throw new Error(`${channel} refused: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

export interface AdminSetup {
  session: string;
  totpSecret: string;
  recoveryCode: string;
  userId: string;
}

export async function setupAdmin(core: Core, clock?: Clock): Promise<AdminSetup> {
  const session = core.openSession();
  const created = await must(core, session, 'setup.createAdmin', ADMIN);
  const epoch = Math.floor((clock ?? { now: () => new Date() }).now().getTime() / 1000);
  // Confirm the authenticator with the previous step's code (within the ±1 step of drift),
  // so the login below can use the current step's.
  await must(core, session, 'setup.confirmTotp', { code: await generate({ secret: created.totp.secret, epoch: epoch - 30 }) });
  const login = await must(core, session, 'auth.login', { loginId: ADMIN.loginId, password: ADMIN.password });
  const code = await generate({ secret: created.totp.secret, epoch });
  await must(core, session, 'auth.verify', { challengeId: login.challengeId, code });
  return { session, totpSecret: created.totp.secret, recoveryCode: created.recoveryCode, userId: created.userId };
}

/** Points the vault's mail at a local SMTP server (needs an admin session with re-auth). */
export async function configureSmtp(core: Core, adminSession: string, port: number): Promise<void> {
  await must(core, adminSession, 'auth.reauth', { password: ADMIN.password });
  await must(core, adminSession, 'settings.setSmtp', { host: '127.0.0.1', port, security: 'none', username: '', from: 'vault@example.co.jp' });
}

export const MANAGER = { loginId: 'sato.hanako', displayName: '佐藤 花子', email: 'sato.hanako@example.co.jp', initialPassword: 'kumo-no-ue-de-odoru-7' };
export const VIEWER = { loginId: 'zeirishi.ito', displayName: '伊藤 税理士事務所', email: 'ito@zeirishi.example.jp', initialPassword: 'yuki-ga-furu-machi-kado-3' };

export interface NewUser {
  loginId: string;
  displayName: string;
  email: string;
  role: 'admin' | 'manager' | 'viewer';
  initialPassword: string;
  /** The password that replaces the temporary one at the first login. */
  password: string;
  /** The groups the user is limited to (absent: every group). */
  groupIds?: string[];
}

/**
 * Creates a login user with a TOTP factor (the admin session must have re-entered its password
 * within five minutes) and signs it in, in a session of its own: enrols the authenticator at
 * the first login and replaces the temporary password. Returns that session.
 */
export async function signInNewUser(core: Core, adminSession: string, user: NewUser, clock?: Clock): Promise<string> {
  const { password, ...fields } = user;
  await must(core, adminSession, 'users.create', { ...fields, secondFactor: 'totp' });
  const session = core.openSession();
  const login = await must(core, session, 'auth.login', { loginId: user.loginId, password: user.initialPassword });
  const epoch = Math.floor((clock ?? { now: () => new Date() }).now().getTime() / 1000);
  await must(core, session, 'auth.verify', { challengeId: login.challengeId, code: await generate({ secret: login.enrolment.secret, epoch }) });
  await must(core, session, 'account.changePassword', { currentPassword: user.initialPassword, newPassword: password });
  return session;
}

/**
 * Lets HR store numbers directly (mynumber.set) in a vault with two or more admins/managers:
 * sets the proxy-entry approval to 'notRequired', re-entering the admin's password first.
 * By default ('auto') such a vault refuses direct entry and wants a proxy entry and a second
 * user's approval instead; tests about something else that simply need numbers stored say so.
 */
export async function allowDirectNumberEntry(core: Core, adminSession: string, password: string): Promise<void> {
  await must(core, adminSession, 'auth.reauth', { password });
  await must(core, adminSession, 'submissions.configure', { proxyApproval: 'notRequired' });
}
