// The harness's side of vault.jobs.onProgress: GET /__jobs/progress streams, as server-sent
// events, the progress of the jobs of the session its cookie names, and of no other session;
// without a session, or from another site, it is refused.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarnessClient } from '../harness/support/client';
import { startHarness, type RunningHarness } from '../harness/support/spawn';
import { codeForStep, currentStep, freshCode } from '../harness/support/totp';

const PASSPHRASE = 'integration-jobs-passphrase';
const admin = { loginId: 'jobs-admin', displayName: '進捗テスト', email: 'jobs@example.co.jp', password: 'sakura-mizuiro-shinkansen-77' };

/** Reads a server-sent event stream until `until` says enough, or the time runs out; the data lines parsed. */
async function readEvents(response: Response, until: (events: unknown[]) => boolean, ms: number): Promise<unknown[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: unknown[] = [];
  let text = '';
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !until(events)) {
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), Math.max(1, deadline - Date.now())))]);
    if (!chunk || chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
    const blocks = text.split('\n\n');
    text = blocks.pop()!;
    for (const block of blocks) for (const line of block.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
  }
  await reader.cancel();
  return events;
}

describe('harness: job progress as server-sent events', () => {
  let dataDir: string;
  let harness: RunningHarness;
  let page: HarnessClient;
  let other: HarnessClient;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnv-harness-jobs-'));
    harness = await startHarness({ dataDir, passphrase: PASSPHRASE, testClock: false });
    page = new HarnessClient(harness.url);
    other = new HarnessClient(harness.url);
    const secret = (await page.value('setup.createAdmin', admin)).totp.secret;
    await page.value('setup.confirmTotp', { code: await codeForStep(secret, currentStep() - 1) });
    const challenge = await page.value('auth.login', { loginId: admin.loginId, password: admin.password });
    await page.value('auth.verify', { challengeId: challenge.challengeId, code: (await freshCode(secret, currentStep() - 1)).code });
    await other.value('setup.status', {});
  }, 120_000);
  afterAll(async () => {
    await harness.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("streams the session's own import progress, and nothing of it to another session", async () => {
    const mine = await page.get('/__jobs/progress');
    const theirs = await other.get('/__jobs/progress');
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(theirs.status).toBe(200);
    // Both answered with their headers: both are listening before the import starts.

    const jobId = randomUUID();
    const contentBase64 = Buffer.from('社員番号,姓,名,セイ,メイ\nS0001,東,一,アズマ,イチ\nS0002,西,二,ニシ,ジ\n', 'utf8').toString('base64');
    const preview = await page.value('csv.importPreview', { fileName: 'two.csv', contentBase64 });
    const [events, committed] = await Promise.all([
      readEvents(mine, (e) => e.some((p) => (p as { phase: string; done: number }).phase === 'write' && (p as { done: number }).done === 2), 20_000),
      page.value('csv.importCommit', { previewId: preview.previewId, jobId }),
    ]);
    expect(committed).toMatchObject({ created: 2 });
    expect(events).toContainEqual({ jobId, kind: 'csv.import', phase: 'write', done: 2, total: 2 });
    expect(events.every((e) => (e as { jobId: string }).jobId === jobId)).toBe(true);
    expect(await readEvents(theirs, () => false, 500)).toEqual([]);
  }, 60_000);

  it('refuses a request without a session, or from another site', async () => {
    const stranger = new HarnessClient(harness.url);
    expect((await stranger.get('/__jobs/progress')).status).toBe(403);
    expect((await page.get('/__jobs/progress', { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
  });
});
