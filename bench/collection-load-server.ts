// The server side of the collection-load benchmark, in a process of its own so its peak resident
// memory is its own, bundled by esbuild and run by plain Node as the app's core host is: the core with the real LAN listener on 127.0.0.1 (file key store, the
// listener's per-address request limits raised, see below), `MNV_BENCH_PHONES` registrants and
// one more for the prober, each with a link. Driven by the benchmark over the IPC channel:
//   floor   the same images re-encoded by a bare sharp loop (the operations of processImage),
//           as many at a time as the core processes: the least the work can cost here
//   memory  peak and current resident memory (and what the highest sample since the previous
//           `memory` was made of: V8's heap, buffers); cpu: CPU time used so far, and how late the event
//           loop ran since the previous `cpu` (the burst lies between two)
//   counts  what the vault holds: documents, submissions waiting for review
//   stop    closes the core and removes the data
// Run by collection-load.bench.ts, not by itself.
import fs from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import { createCore, createFileKeyStore } from '../src-main/core/index';
import { IMAGE_MAX_EDGE, IMAGE_MAX_PIXELS, processImage, THUMBNAIL_EDGE } from '../src-main/core/modules/documents/image';
import { createLanListenerHost } from '../src-main/lan';
import { PASSCODE } from '../test/support/lan';
import { ADMIN, must, setupAdmin, tempDir, TEST_PASSPHRASE } from '../test/support/vault';
import { RAISED_LIMITS, type MemorySample, type ServerReady, type ServerRequest } from './collection-load-protocol';

const FAMILY: [string, string][] = [['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'], ['渡辺', 'ワタナベ'], ['山本', 'ヤマモト'], ['中村', 'ナカムラ']];
const GIVEN: [string, string][] = [['翔太', 'ショウタ'], ['陽菜', 'ヒナ'], ['蓮', 'レン'], ['結衣', 'ユイ'], ['大輝', 'ダイキ'], ['美咲', 'ミサキ']];

/** The bare re-encode: what processImage asks of sharp for a JPEG, and nothing else. */
async function bareReencode(bytes: Buffer): Promise<void> {
  const image = await sharp(bytes, { limitInputPixels: IMAGE_MAX_PIXELS, failOn: 'error', pages: 1 })
    .rotate()
    .resize({ width: IMAGE_MAX_EDGE, height: IMAGE_MAX_EDGE, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 85, mozjpeg: false })
    .toBuffer();
  await sharp(image).resize({ width: THUMBNAIL_EDGE, height: THUMBNAIL_EDGE, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 70 }).toBuffer();
}

const phones = Number(process.env.MNV_BENCH_PHONES ?? 200);

const dataDir = tempDir('mnv-bench-load-');
const core = await createCore({
  dataDir,
  keyStore: createFileKeyStore({ dataDir, passphrase: TEST_PASSPHRASE }),
  listenerHost: createLanListenerHost(RAISED_LIMITS),
  // Bundled into a folder of its own, as the app's core host is: the source tree's migrations.
  migrationsDir: process.env.MNV_BENCH_MIGRATIONS,
  // The core's defaults unless told otherwise (to try other settings).
  ...(process.env.MNV_BENCH_PROCESSING ? { uploads: { concurrency: Number(process.env.MNV_BENCH_PROCESSING) } } : {}),
});
const admin = await setupAdmin(core);
await must(core, admin.session, 'auth.reauth', { password: ADMIN.password });
await must(core, admin.session, 'collection.configure', { companyName: '株式会社ベンチ', passcode: PASSCODE, requireBirthDate: false, linkValidDays: 14 });
const status = await core.lan.startOn({ host: '127.0.0.1', port: 0 });
const ids: string[] = [];
for (let i = 0; i <= phones; i++) {
  const [familyName, familyNameKana] = FAMILY[i % FAMILY.length]!;
  const [givenName, givenNameKana] = GIVEN[i % GIVEN.length]!;
  const created = await must(core, admin.session, 'registrants.create', { employeeCode: `B${String(i).padStart(5, '0')}`, familyName, givenName, familyNameKana, givenNameKana, attributes: ['employee'] });
  ids.push(created.id as string);
}
const tokens: string[] = [];
for (let at = 0; at < ids.length; at += 500) {
  const { links } = await must(core, admin.session, 'invitations.issue', { registrantIds: ids.slice(at, at + 500) });
  for (const link of links as { url: string }[]) tokens.push(new URL(link.url).hash.slice(1));
}

const loopDelay = monitorEventLoopDelay({ resolution: 10 });

/**
 * Where the memory is at the peak: every 250 ms the resident set is read with V8's heap and
 * the memory outside it (buffers), and the sample of the highest resident set since the last
 * `memory` request is kept, so the report can say what the peak was made of.
 */
const mb = (bytes: number) => bytes / 2 ** 20;
function memorySample(): MemorySample {
  const m = process.memoryUsage();
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers) };
}
let peakSample = memorySample();
setInterval(() => {
  const sample = memorySample();
  if (sample.rssMb > peakSample.rssMb) peakSample = sample;
}, 250).unref();
function takePeakSample(): MemorySample {
  const peak = peakSample;
  peakSample = memorySample();
  return peak;
}

const ready: ServerReady = {
  type: 'ready',
  port: Number(new URL(status.urls[0]!).port),
  ca: status.certificatePem!,
  tokens: tokens.slice(0, phones),
  proberToken: tokens[phones]!,
  processing: core.phone.uploadLoad().processing.limit,
  receiving: core.phone.uploadLoad().receiving.limit,
  threadpool: Number(process.env.UV_THREADPOOL_SIZE ?? 4),
  sharpConcurrency: sharp.concurrency(),
};
process.send!(ready);

async function answer(request: ServerRequest): Promise<unknown> {
  switch (request.type) {
    case 'warm': {
      const bytes = fs.readFileSync(request.file);
      const processed = await processImage(bytes);
      if (!processed.ok) throw new Error(`the benchmark's photo was refused: ${processed.error.message}`);
      await bareReencode(bytes);
      return { ok: true };
    }
    case 'floor': {
      const images = request.files.map((file) => fs.readFileSync(file));
      const slots = core.phone.uploadLoad().processing.limit;
      let next = 0;
      const cpu = process.cpuUsage();
      const started = performance.now();
      await Promise.all(
        Array.from({ length: slots }, async () => {
          while (next < request.order.length) await bareReencode(images[request.order[next++]!]!);
        }),
      );
      const used = process.cpuUsage(cpu);
      return { ms: performance.now() - started, images: request.order.length, cpuS: (used.user + used.system) / 1e6, systemS: used.system / 1e6 };
    }
    case 'crossChecks': {
      // The cross-checks wait for the uploads to stop: how long they take after the burst.
      const started = performance.now();
      await core.crossChecksIdle();
      return { seconds: (performance.now() - started) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, rssMb: process.memoryUsage().rss / 2 ** 20, peak: takePeakSample(), now: memorySample() };
    }
    case 'memory':
      return { maxRssMb: process.resourceUsage().maxRSS / 1024, rssMb: process.memoryUsage().rss / 2 ** 20, peak: takePeakSample(), now: memorySample() };
    case 'cpu': {
      // Also starts (or reads and stops) the event loop's delay histogram: the burst lies between two of these.
      const { user, system } = process.cpuUsage();
      const delay = loopDelay.count ? { p50Ms: loopDelay.percentile(50) / 1e6, p95Ms: loopDelay.percentile(95) / 1e6, maxMs: loopDelay.max / 1e6 } : null;
      loopDelay.disable();
      if (!delay) {
        loopDelay.reset();
        loopDelay.enable();
      }
      return { cpuS: (user + system) / 1e6, systemS: system / 1e6, loopDelay: delay };
    }
    case 'counts': {
      const summary = await must(core, admin.session, 'submissions.summary', {});
      return { summary, cpus: os.availableParallelism() };
    }
    case 'stop':
      await core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      return { ok: true };
  }
}

process.on('message', (message: { id: number; request: ServerRequest }) => {
  answer(message.request).then(
    (value) => {
      process.send!({ id: message.id, value });
      if (message.request.type === 'stop') process.disconnect();
    },
    (err: unknown) => process.send!({ id: message.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
// The benchmark gone (finished or failed): so is this process.
process.on('disconnect', () => process.exit(0));
