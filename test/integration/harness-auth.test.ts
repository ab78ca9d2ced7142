// The harness as a child process, driven through POST /__ipc/<channel> the way the page
// drives it: only same-origin JSON calls get through, logins are refused without telling
// whether the login ID exists, every attempt lands in the audit trail, and a wrong
// passphrase leaves an existing vault untouched.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarnessClient } from '../harness/support/client';
import { runHarnessExpectingExit, startHarness, type RunningHarness } from '../harness/support/spawn';
import { codeForStep, currentStep, freshCode, wrongCode } from '../harness/support/totp';

const PASSPHRASE = 'integration-harness-passphrase';
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const admin = { loginId: 'hr-admin', displayName: '人事部 管理者', email: 'hr-admin@example.co.jp', password: 'a long and private passphrase' };

/** Every file under dir, by relative path, with the SHA-256 of its bytes. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else out[rel] = createHash('sha256').update(fs.readFileSync(path.join(dir, rel))).digest('hex');
    }
  };
  walk('');
  return out;
}

/** A raw request, so headers that fetch will not let us set (Host) can be tested. */
function rawPost(url: string, pathname: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(pathname, url), { method: 'POST', headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('harness: authentication through the IPC bridge', () => {
  let dataDir: string;
  let harness: RunningHarness;
  let client: HarnessClient;
  let secret: string;
  let recoveryCode: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnv-harness-auth-'));
    harness = await startHarness({ dataDir, passphrase: PASSPHRASE });
    client = new HarnessClient(harness.url);
    const created = await client.value('setup.createAdmin', admin);
    secret = created.totp.secret;
    recoveryCode = created.recoveryCode;
    // Setup confirms the authenticator with the previous step's code, leaving the current step for the login.
    await client.value('setup.confirmTotp', { code: await codeForStep(secret, currentStep() - 1) });
  });

  afterAll(async () => {
    await harness?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers only same-origin JSON calls from the page', async () => {
    const ok = await client.post('/__ipc/setup.status', {});
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, value: { initialized: true } });

    const textPlain = await client.post('/__ipc/setup.status', {}, { 'Content-Type': 'text/plain' });
    expect(textPlain.status).toBe(403);
    const formPost = await client.post('/__ipc/setup.status', {}, { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(formPost.status).toBe(403);
    const otherOrigin = await client.post('/__ipc/setup.status', {}, { Origin: 'http://evil.example' });
    expect(otherOrigin.status).toBe(403);
    const crossSite = await client.post('/__ipc/setup.status', {}, { 'Sec-Fetch-Site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const port = new URL(harness.url).port;
    const noOrigin = await rawPost(harness.url, '/__ipc/setup.status', { 'Content-Type': 'application/json', Host: `127.0.0.1:${port}` }, '{}');
    expect(noOrigin).toBe(403);
    const rebound = await rawPost(
      harness.url,
      '/__ipc/setup.status',
      { 'Content-Type': 'application/json', Host: `attacker.example:${port}`, Origin: `http://attacker.example:${port}` },
      '{}',
    );
    expect(rebound).toBe(403);
  });

  it('holds the session in an HttpOnly, SameSite=Strict cookie', async () => {
    const response = await fetch(harness.url);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^mnv_harness_session=[0-9a-f]{64};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('refuses a wrong password and an unknown login ID alike, in Japanese', async () => {
    const anonymous = new HarnessClient(harness.url);
    const wrongPassword = await anonymous.call('auth.login', { loginId: admin.loginId, password: 'not the password at all' });
    const unknownId = await anonymous.call('auth.login', { loginId: 'nobody-here', password: 'not the password at all' });
    expect(wrongPassword.ok).toBe(false);
    expect(unknownId.ok).toBe(false);
    if (wrongPassword.ok || unknownId.ok) return;
    expect(wrongPassword.error.message).toMatch(JAPANESE);
    expect(unknownId.error).toEqual(wrongPassword.error);
    const me = await anonymous.value('auth.me', {});
    expect(me.user).toBeNull();
  });

  it('refuses a wrong TOTP code, then signs in with the right one', async () => {
    const challenge = await client.value('auth.login', { loginId: admin.loginId, password: admin.password });
    expect(challenge.factor).toBe('totp');

    const refused = await client.call('auth.verify', { challengeId: challenge.challengeId, code: await wrongCode(secret) });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(JAPANESE);
    expect((await client.value('auth.me', {})).user).toBeNull();

    const { code } = await freshCode(secret);
    const verified = await client.value('auth.verify', { challengeId: challenge.challengeId, code });
    expect(verified).toMatchObject({ mustChangePassword: false });
    expect('user' in verified && verified.user).toMatchObject({ loginId: admin.loginId, displayName: admin.displayName, role: 'admin' });
    expect((await client.value('auth.me', {})).user?.loginId).toBe(admin.loginId);
  });

  it('records the setup and every login attempt, failed or not, in the audit trail', async () => {
    const { rows } = await client.value('audit.query', { limit: 1000 });
    const entries = rows.map((r) => ({ action: r.action, outcome: r.outcome, reason: r.detail?.reason, stage: r.detail?.stage }));
    expect(entries).toEqual(
      expect.arrayContaining([
        { action: 'setup.createAdmin', outcome: 'success', reason: undefined, stage: undefined },
        { action: 'auth.login', outcome: 'failure', reason: 'bad_password', stage: undefined },
        { action: 'auth.login', outcome: 'failure', reason: 'unknown_login_id', stage: undefined },
        { action: 'auth.login', outcome: 'success', reason: undefined, stage: 'password' },
        { action: 'auth.verify', outcome: 'failure', reason: 'bad_totp', stage: undefined },
        { action: 'auth.verify', outcome: 'success', reason: undefined, stage: undefined },
      ]),
    );
    const text = JSON.stringify(rows);
    for (const secretValue of [admin.password, secret, recoveryCode]) expect(text).not.toContain(secretValue);
    expect(await client.value('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('will not open the vault with a wrong or missing passphrase, and changes no file', async () => {
    expect(await harness.stop()).toBe(0);
    const before = fingerprint(dataDir);
    expect(Object.keys(before).length).toBeGreaterThan(0);

    const wrong = await runHarnessExpectingExit({ dataDir, passphrase: 'not-the-passphrase' });
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).not.toContain('harness ready');
    expect(wrong.stderr).toContain('パスフレーズが違います');

    const missing = await runHarnessExpectingExit({ dataDir, passphrase: undefined });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('MNV_PASSPHRASE');

    expect(fingerprint(dataDir)).toEqual(before);
  });
});
