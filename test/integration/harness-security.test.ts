// Point 7's fixes through the harness, the way a page (or an attacker on loopback) reaches the
// core: thirty parallel logins with wrong passwords followed by the right one yield no
// challenge; `vault.db` replaced by an older copy of itself is reported by `audit.status` and
// `audit.verify`, and the head kept outside is never written over; and the harness drops
// MNV_PASSPHRASE from its environment once read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarnessClient } from '../harness/support/client';
import { startHarness, type HarnessOptions, type RunningHarness } from '../harness/support/spawn';
import { codeForStep, currentStep, TOTP_PERIOD_S } from '../harness/support/totp';

const PASSPHRASE = 'integration-security-passphrase';
const admin = { loginId: 'sec-admin', displayName: '安全 確認', email: 'sec-admin@example.co.jp', password: 'a quiet and private passphrase' };
const PROBE = path.join(import.meta.dirname, '../support/env-probe.mjs');
const DB_FILES = ['vault.db', 'vault.db-wal', 'vault.db-shm'];

/** Runs `launch`, which spawns the harness at once, with env-probe.mjs preloaded into the child (NODE_OPTIONS). */
function withProbe<T>(launch: () => T): T {
  const previous = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${previous ?? ''} --import=${pathToFileURL(PROBE).href}`.trim();
  try {
    return launch();
  } finally {
    if (previous === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = previous;
  }
}

const start = (options: HarnessOptions) => startHarness({ testClock: true, ...options });

// The core's clock runs ahead of the real one by this much, more at each sign-in, so every
// sign-in uses a TOTP step no earlier one used, across restarts (each restart begins at zero).
let aheadMs = 0;

/** Signs the admin in on a harness just started (its clock not yet moved). */
async function signIn(harness: RunningHarness, secret: string): Promise<HarnessClient> {
  aheadMs += 10 * TOTP_PERIOD_S * 1000;
  const client = new HarnessClient(harness.url);
  const moved = await client.post('/__test/clock', { advanceMs: aheadMs });
  expect(moved.status).toBe(200);
  const { challengeId } = await client.value('auth.login', { loginId: admin.loginId, password: admin.password });
  const code = await codeForStep(secret, Math.floor((Date.now() + aheadMs) / 1000 / TOTP_PERIOD_S));
  await client.value('auth.verify', { challengeId, code });
  return client;
}

function copyDb(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const f of DB_FILES) {
    fs.rmSync(path.join(to, f), { force: true });
    if (fs.existsSync(path.join(from, f))) fs.copyFileSync(path.join(from, f), path.join(to, f));
  }
}

describe('harness: the security fixes through the IPC bridge', () => {
  const dirs: string[] = [];
  let dataDir: string;
  let harness: RunningHarness;
  let client: HarnessClient;
  let secret: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnv-harness-sec-'));
    dirs.push(dataDir);
    harness = await withProbe(() => start({ dataDir, passphrase: PASSPHRASE }));
    const setup = new HarnessClient(harness.url);
    secret = (await setup.value('setup.createAdmin', admin)).totp.secret;
    await setup.value('setup.confirmTotp', { code: await codeForStep(secret, currentStep() - 1) });
    client = await signIn(harness, secret);
  });

  afterAll(async () => {
    await harness?.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 30 parallel logins with wrong passwords, then the right one, without a challenge', async () => {
    const since = new Date(Date.now() + aheadMs - 1000).toISOString();
    const wrong = await Promise.all(
      Array.from({ length: 30 }, (_, i) => new HarnessClient(harness.url).call('auth.login', { loginId: admin.loginId, password: `not the password, try ${i}` })),
    );
    const right = await new HarnessClient(harness.url).call('auth.login', { loginId: admin.loginId, password: admin.password });

    expect(right).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(wrong.every((r) => !r.ok)).toBe(true);
    const codes = wrong.map((r) => (r.ok ? 'OK' : r.error.code));
    expect(codes.filter((c) => c === 'FORBIDDEN')).toHaveLength(3);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(27);

    const { rows } = await client.value('audit.query', { filter: { action: 'auth.login', outcome: 'failure', from: since }, limit: 100 });
    const reasons = rows.map((r) => r.detail?.reason);
    expect(reasons.filter((r) => r === 'bad_password')).toHaveLength(3);
    expect(reasons.filter((r) => r === 'delayed')).toHaveLength(28);
  });

  it('has dropped MNV_PASSPHRASE from its environment (its first start loaded the probe)', async () => {
    expect(await harness.stop()).toBe(0);
    expect(harness.stderr()).toContain('env-probe: MNV_PASSPHRASE absent');
    expect(harness.stderr()).not.toContain(PASSPHRASE);
  });

  it('reports a break in audit.status and audit.verify once vault.db is replaced by an older copy of itself', async () => {
    // Stopped by the test before: the core checkpointed the WAL into vault.db as it closed.
    const olderCopy = fs.mkdtempSync(path.join(os.tmpdir(), 'mnv-harness-sec-copy-'));
    dirs.push(olderCopy);
    copyDb(dataDir, olderCopy);

    // The vault goes on: more entries, and the head kept outside moves past the copy.
    harness = await start({ dataDir, passphrase: PASSPHRASE });
    client = await signIn(harness, secret);
    for (let i = 0; i < 8; i++) await client.value('audit.query', { limit: 1 });
    expect(await client.value('audit.status', {})).toEqual({ headOk: true, problem: null });
    expect(await client.value('audit.verify', {})).toMatchObject({ ok: true });
    expect(await harness.stop()).toBe(0);
    const head = fs.readFileSync(path.join(dataDir, 'audit-head.json'), 'utf8');

    copyDb(olderCopy, dataDir);
    harness = await start({ dataDir, passphrase: PASSPHRASE });
    client = await signIn(harness, secret);
    expect(await client.value('audit.status', {})).toEqual({ headOk: false, problem: 'older_than_head' });
    const verified = await client.value('audit.verify', {});
    expect(verified).toMatchObject({ ok: false, problem: 'older_than_head' });
    expect(verified.firstBadSeq).toBe(verified.checked + 1);
    // The head kept outside is the evidence: using the older copy never wrote over it.
    expect(await harness.stop()).toBe(0);
    expect(fs.readFileSync(path.join(dataDir, 'audit-head.json'), 'utf8')).toBe(head);
  });
});
