// The harness's test clock: only with --test-clock can a test move the core's time
// forward, and the core really runs on it (TOTP codes are checked against it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarnessClient } from '../harness/support/client';
import { startHarness, type RunningHarness } from '../harness/support/spawn';
import { codeForStep, currentStep, freshCode, TOTP_PERIOD_S } from '../harness/support/totp';

const PASSPHRASE = 'integration-clock-passphrase';
const admin = { loginId: 'clock-admin', displayName: '時計テスト', email: 'clock@example.co.jp', password: 'another long private passphrase' };

describe('harness: the test clock', () => {
  const dirs: string[] = [];
  const running: RunningHarness[] = [];

  async function start(testClock: boolean): Promise<HarnessClient> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnv-harness-clock-'));
    dirs.push(dataDir);
    const harness = await startHarness({ dataDir, passphrase: PASSPHRASE, testClock });
    running.push(harness);
    return new HarnessClient(harness.url);
  }

  afterAll(async () => {
    await Promise.all(running.map((h) => h.stop()));
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  let withClock: HarnessClient;
  let secret: string;

  beforeAll(async () => {
    withClock = await start(true);
    secret = (await withClock.value('setup.createAdmin', admin)).totp.secret;
    await withClock.value('setup.confirmTotp', { code: await codeForStep(secret, currentStep() - 1) });
  });

  it('is not exposed without --test-clock', async () => {
    const plain = await start(false);
    const response = await plain.post('/__test/clock', { advanceMs: 60_000 });
    expect(response.status).toBe(404);
  });

  it('refuses a negative or non-numeric advance', async () => {
    expect((await withClock.post('/__test/clock', { advanceMs: -1 })).status).toBe(400);
    expect((await withClock.post('/__test/clock', { advanceMs: 'soon' })).status).toBe(400);
  });

  it('moves the time the core sees: TOTP codes are then checked against the shifted time', async () => {
    const challenge = await withClock.value('auth.login', { loginId: admin.loginId, password: admin.password });
    const advanceMs = 4 * TOTP_PERIOD_S * 1000;
    const before = Date.now();
    const response = await withClock.post('/__test/clock', { advanceMs });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: true; value: { now: string; offsetMs: number } };
    expect(body.value.offsetMs).toBe(advanceMs);
    expect(Date.parse(body.value.now) - before).toBeGreaterThanOrEqual(advanceMs);

    // The code of the real time is four steps behind the core's clock: refused.
    const { code: realTimeCode, step } = await freshCode(secret);
    const refused = await withClock.call('auth.verify', { challengeId: challenge.challengeId, code: realTimeCode });
    expect(refused.ok).toBe(false);

    // The code of the shifted time is the one the core accepts.
    const shiftedCode = await codeForStep(secret, step + 4);
    const verified = await withClock.value('auth.verify', { challengeId: challenge.challengeId, code: shiftedCode });
    expect(verified).toMatchObject({ user: { loginId: admin.loginId } });
  });
});
