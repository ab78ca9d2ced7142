// No password, one-time code, TOTP secret, recovery code or My Number ends up in a log line or an
// audit entry, whatever the flow: setup, logins right and wrong, e-mail codes, reminder,
// password changes, user management, SMTP settings, storing and revealing numbers.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generate } from 'otplib';
import type { Core } from '../../src-main/core/index';
import { ADMIN, MANAGER, VIEWER, allowDirectNumberEntry, configureSmtp, must, openTestCore, setupAdmin } from '../support/vault';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { openRawDb } from '../support/raw-db';
import { generateMyNumber } from '../support/numbers';

let core: Core;
let dataDir: string;
let smtp: TestSmtp;
const secrets: string[] = [];
const logged: string[] = [];

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  }
  const stderrWrite = process.stderr.write.bind(process.stderr);
  vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
    logged.push(String(chunk));
    return (stderrWrite as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write);

  ({ core, dataDir } = await openTestCore());
  smtp = await startSmtp();
  const admin = await setupAdmin(core);
  secrets.push(ADMIN.password, admin.totpSecret, admin.recoveryCode);
  await configureSmtp(core, admin.session, smtp.port);
  await must(core, admin.session, 'settings.setSmtp', { host: '127.0.0.1', port: smtp.port, security: 'none', username: '', password: 'smtp-pass-word-xyz', from: 'vault@example.co.jp' });
  secrets.push('smtp-pass-word-xyz');
  await must(core, admin.session, 'settings.setSmtp', { host: '127.0.0.1', port: smtp.port, security: 'none', username: '', password: '', from: 'vault@example.co.jp' });

  // A manager by e-mail code: wrong code, right code, password change.
  await must(core, admin.session, 'users.create', { ...MANAGER, role: 'manager', secondFactor: 'email' });
  secrets.push(MANAGER.initialPassword);
  const m = core.openSession();
  const ml = await must(core, m, 'auth.login', { loginId: MANAGER.loginId, password: MANAGER.initialPassword });
  const code = smtp.lastCodeFor(MANAGER.email);
  secrets.push(code);
  await core.call(m, 'auth.verify', { challengeId: ml.challengeId, code: code === '999999' ? '999998' : '999999' });
  await must(core, m, 'auth.verify', { challengeId: ml.challengeId, code });
  await must(core, m, 'account.changePassword', { currentPassword: MANAGER.initialPassword, newPassword: 'shin-pasuwado-no-uta-77' });
  secrets.push('shin-pasuwado-no-uta-77');

  // A viewer enrolling TOTP; a wrong password typed into the login ID field.
  await must(core, admin.session, 'users.create', { ...VIEWER, role: 'viewer', secondFactor: 'totp' });
  secrets.push(VIEWER.initialPassword);
  const v = core.openSession();
  const vl = await must(core, v, 'auth.login', { loginId: VIEWER.loginId, password: VIEWER.initialPassword });
  secrets.push(vl.enrolment.secret);
  await must(core, v, 'auth.verify', { challengeId: vl.challengeId, code: await generate({ secret: vl.enrolment.secret }) });
  await core.call(core.openSession(), 'auth.login', { loginId: 'typed-my-password-here-123', password: 'x' });
  secrets.push('typed-my-password-here-123');

  // The reminder.
  const r = core.openSession();
  const { challengeId } = await must(core, r, 'auth.requestReset', { loginId: MANAGER.loginId });
  await smtp.waitForMail(MANAGER.email, 2);
  const resetCode = smtp.lastCodeFor(MANAGER.email);
  secrets.push(resetCode);
  await must(core, r, 'auth.completeReset', { challengeId, code: resetCode, newPassword: 'mata-atarashii-kagi-12' });
  secrets.push('mata-atarashii-kagi-12');
  await core.call(admin.session, 'auth.reauth', { password: 'a wrong re-entry 42' });
  secrets.push('a wrong re-entry 42');

  // My Numbers: refused for want of a second approval (two reviewers, by default), then with
  // direct entry allowed stored, mistyped, stored twice, revealed; a search typed with a number.
  const number = generateMyNumber(811);
  const other = generateMyNumber(812);
  const mistyped = number.slice(0, 11) + ((Number(number[11]) + 1) % 10);
  secrets.push(number, other, mistyped);
  const person = { familyName: '秘密', givenName: '守', familyNameKana: 'ヒミツ', givenNameKana: 'マモル', attributes: ['employee'] };
  const { id } = await must(core, admin.session, 'registrants.create', person);
  const { id: second } = await must(core, admin.session, 'registrants.create', person);
  expect(await core.call(admin.session, 'mynumber.set', { subject: { registrantId: id }, myNumber: number })).toMatchObject({ ok: false, error: { messageKey: 'errors.mynumber.reviewRequired' } });
  await allowDirectNumberEntry(core, admin.session, ADMIN.password);
  await core.call(admin.session, 'mynumber.set', { subject: { registrantId: id }, myNumber: mistyped });
  await must(core, admin.session, 'mynumber.set', { subject: { registrantId: id }, myNumber: number });
  await core.call(admin.session, 'mynumber.set', { subject: { registrantId: second }, myNumber: number });
  await must(core, admin.session, 'mynumber.set', { subject: { registrantId: second }, myNumber: other });
  await must(core, admin.session, 'auth.reauth', { password: ADMIN.password });
  await must(core, admin.session, 'mynumber.reveal', { subject: { registrantId: id }, purposeId: 'withholding_slip' });
  await must(core, admin.session, 'registrants.list', { filter: { text: number } });
});

afterAll(async () => {
  vi.restoreAllMocks();
  await core.close();
  await smtp.close();
});

describe('secrets stay out of logs and the audit trail', () => {
  it('were exercised (the flows above produced audit entries)', async () => {
    const db = await openRawDb(dataDir, core.vaultId);
    const count = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    db.close();
    expect(count).toBeGreaterThan(15);
    expect(secrets.length).toBeGreaterThan(10);
  });

  it('appear in no audit column', async () => {
    const db = await openRawDb(dataDir, core.vaultId);
    const rows = JSON.stringify(db.prepare('SELECT * FROM audit_log').all());
    db.close();
    for (const secret of secrets) expect(rows, 'audit holds a secret').not.toContain(secret);
  });

  it('appear in no log line', () => {
    const text = logged.join('\n');
    for (const secret of secrets) expect(text, 'a log line holds a secret').not.toContain(secret);
  });
});
