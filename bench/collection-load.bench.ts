// The phone form under load (issue 9): 200 registrants at once over HTTPS on loopback, each
// opening their link (company passcode), uploading the front and back of their card (two
// camera-like 12 MP JPEGs, about 4 MB each) and submitting (number, document set 'card').
// Meanwhile a prober sends POST /c/api/state every 50 ms (on a fixed schedule, not waiting for
// the previous answer) and records how long each took.
//   ours   the whole burst, first opening to last submission, against the server in a process
//          of its own (collection-load-server.ts: core, real listener, file key store), bundled
//          with esbuild and run by plain Node as the app's core host is, with MALLOC_ARENA_MAX=2
//          on Linux as the app gives it (src-main/electron/core-host-env.ts)
//   floor  the same 400 photos re-encoded by a bare sharp loop doing what processImage does
//          (rotate, resize inside 2400, flatten, JPEG q85, thumbnail 320), as many at a time as
//          the core processes, in the server's process (same libuv threadpool, same sharp)
// Targets: no errors; images per second end to end ≥ 80 % of the floor's; non-upload requests
// p95 ≤ 100 ms during the load; the server's peak resident memory ≤ 600 MB, through the burst and
// through the cross-checks it queued, which run once the uploads have stopped (all are awaited).
//
// The phones come from distinct loopback addresses (127.0.0.2, .3, …) where the system allows
// it, as phones on a LAN would; the listener's per-address request limits are raised (the
// prober alone sends 20 requests a second), which the output says. To try it quickly or
// otherwise: MNV_BENCH_PHONES (the number of phones), MNV_BENCH_PROCESSING (images the core
// processes at a time), MNV_BENCH_NODE_ARGS (the server's Node options, e.g. --cpu-prof).
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { coreHostEnvironment } from '../src-main/electron/core-host-env';
import { generateMyNumber } from '../test/support/numbers';
import { PASSCODE } from '../test/support/lan';
import { cameraPhoto } from './camera-images';
import { RAISED_LIMITS, type MemorySample, type ServerReady, type ServerRequest } from './collection-load-protocol';
import { BENCH_MIGRATIONS_DIR, bundleCoreProcess } from './core-bundle';
import { defineBench } from './lib';

const PHONES = Number(process.env.MNV_BENCH_PHONES ?? 200);
const PHOTOS = 4;
const STATE_EVERY_MS = 50;
/** The openings of 200 phones at once take a few seconds (one argon2 verification each): reported apart. */
const OPENINGS_S = 15;
const TARGET = { ratio: 0.8, p95Ms: 100, rssMb: 600 };

interface Server {
  child: ChildProcess;
  ready: ServerReady;
  ask<T = any>(request: ServerRequest): Promise<T>;
}

/** The server bundled as the app's core host is (bench/core-bundle.ts). */
const bundleServer = () => bundleCoreProcess('bench-load-', { 'collection-load-server': 'bench/collection-load-server.ts' });

async function startServer(bundle: string): Promise<Server> {
  const child = fork(path.join(bundle, 'collection-load-server.mjs'), [], {
    execArgv: process.env.MNV_BENCH_NODE_ARGS ? process.env.MNV_BENCH_NODE_ARGS.split(' ') : [],
    env: { ...coreHostEnvironment(process.env, process.platform), MNV_BENCH_PHONES: String(PHONES), MNV_BENCH_MIGRATIONS: BENCH_MIGRATIONS_DIR },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  let nextId = 1;
  const ready = await new Promise<ServerReady>((resolve, reject) => {
    child.once('exit', (code) => {
      const err = new Error(`the server exited (${code}): ${stderr.slice(-2000)}`);
      reject(err);
      for (const waiting of pending.values()) waiting.reject(err);
      pending.clear();
    });
    child.on('message', (message: ServerReady | { id: number; value?: unknown; error?: string }) => {
      if ('type' in message) return resolve(message);
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.value);
    });
  });
  return {
    child,
    ready,
    ask: <T>(request: ServerRequest) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, request });
      }),
  };
}

/** Loopback addresses for the phones, or only 127.0.0.1 where others cannot be bound (macOS). */
async function loopbackAddresses(port: number): Promise<{ phone(i: number): string; prober: string; distinct: boolean }> {
  const works = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress: '127.0.0.2' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
  if (!works) return { phone: () => '127.0.0.1', prober: '127.0.0.1', distinct: false };
  // Phones 127.0.0.2 onward (then 127.0.1.x, …), the prober 127.0.100.1.
  return { phone: (i) => `127.0.${Math.floor(i / 250)}.${2 + (i % 250)}`, prober: '127.0.100.1', distinct: true };
}

interface Answer {
  status: number;
  json: any;
  ms: number;
}

function request(agent: https.Agent, port: number, urlPath: string, headers: Record<string, string>, body: Buffer[]): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const length = body.reduce((n, b) => n + b.length, 0);
    const req = https.request(
      { host: '127.0.0.1', port, method: 'POST', path: urlPath, agent, headers: { 'user-agent': 'Mozilla/5.0 (iPhone; bench)', 'content-length': String(length), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let json: unknown = null;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            // reported by its status
          }
          resolve({ status: res.statusCode ?? 0, json, ms: performance.now() - started });
        });
      },
    );
    req.on('error', reject);
    for (const part of body.slice(0, -1)) req.write(part);
    req.end(body.at(-1));
  });
}

const json = (value: unknown) => [Buffer.from(JSON.stringify(value))];
const JSON_HEADERS = { 'content-type': 'application/json' };

/** A multipart body as a browser sends it, in three pieces so the photo itself is never copied. */
function uploadBody(kind: string, photo: Buffer): { headers: Record<string, string>; body: Buffer[] } {
  const boundary = `----mnvBench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n--${boundary}\r\nContent-Disposition: form-data; name="subject"\r\n\r\nself\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="IMG_0001.JPG"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: [head, photo, Buffer.from(`\r\n--${boundary}--\r\n`)] };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const spread = (values: number[]) =>
  values.length ? `p50 ${percentile(values, 50).toFixed(0)} ms, p95 ${percentile(values, 95).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms (n=${values.length})` : 'none';

/** The server's peak and current resident memory, and the sample of the highest since the previous reading and of now. */
interface ServerMemory {
  maxRssMb: number;
  rssMb: number;
  peak: MemorySample;
  now: MemorySample;
}

/** What a sample was made of: V8's heap (used of total) and the buffers outside it. */
const madeOf = (s: MemorySample) =>
  `${s.rssMb.toFixed(0)} MB: V8 heap ${s.heapUsedMb.toFixed(0)} of ${s.heapTotalMb.toFixed(0)} MB, outside it ${s.externalMb.toFixed(0)} MB (array buffers ${s.arrayBuffersMb.toFixed(0)})`;

interface Figures {
  burstMs: number;
  uploadWindowMs: number;
  errors: Map<string, number>;
  latencies: { open: number[]; upload: number[]; submit: number[]; state: number[] };
  /** When each state request was sent, in ms from the start of the burst. */
  stateSentAt: number[];
  loopDelay: { p50Ms: number; p95Ms: number; maxMs: number } | null;
  phonesCpuS: number;
  serverCpuS: number;
  serverSystemS: number;
  loadBefore: number;
  loadAfter: number;
  memory?: ServerMemory;
  /** After the burst: the cross-checks it left queued, run to the end. */
  crossChecks?: ServerMemory & { seconds: number };
  waiting?: number;
}

interface Ctx {
  server: Server;
  dir: string;
  bundle: string;
  files: string[];
  photos: Buffer[];
  /** Which photo each of the 2 × PHONES uploads carries, in the order the phones send them. */
  order: number[];
  addresses: Awaited<ReturnType<typeof loopbackAddresses>>;
  figures?: Figures;
  floorMs?: number;
  floorCpuS?: number;
  floorSystemS?: number;
  memoryBefore?: ServerMemory;
}

async function burst(ctx: Ctx): Promise<Figures> {
  const { server, photos, addresses } = ctx;
  const { port, ca, tokens, proberToken } = server.ready;
  const errors = new Map<string, number>();
  const fault = (what: string, answer?: Answer, err?: unknown) => {
    const key = answer ? `${what}: HTTP ${answer.status} ${answer.json?.error?.messageKey ?? ''}`.trim() : `${what}: ${err instanceof Error ? err.message : String(err)}`;
    errors.set(key, (errors.get(key) ?? 0) + 1);
  };
  const latencies: Figures['latencies'] = { open: [], upload: [], submit: [], state: [] };
  const stateSentAt: number[] = [];

  // The prober's own session, opened before the load.
  const proberAgent = new https.Agent({ keepAlive: true, maxSockets: 16, ca, localAddress: addresses.prober });
  const proberOpen = await request(proberAgent, port, '/c/api/open', JSON_HEADERS, json({ token: proberToken, passcode: PASSCODE }));
  if (proberOpen.status !== 200) throw new Error(`the prober's link did not open: ${proberOpen.status}`);
  const proberSession = proberOpen.json.value.session as string;

  let running = true;
  let started = 0;
  const inFlight: Promise<unknown>[] = [];
  const stateTimer = setInterval(() => {
    const sentAt = performance.now() - started;
    inFlight.push(
      request(proberAgent, port, '/c/api/state', { ...JSON_HEADERS, authorization: `Bearer ${proberSession}` }, json({})).then(
        (answer) => {
          if (answer.status !== 200) fault('probe state', answer);
          else if (running) {
            latencies.state.push(answer.ms);
            stateSentAt.push(sentAt);
          }
        },
        (err: unknown) => fault('probe state', undefined, err),
      ),
    );
  }, STATE_EVERY_MS);

  let firstUpload = Infinity;
  let lastUpload = 0;
  const cpuBefore = process.cpuUsage();
  const serverBefore = await server.ask<{ cpuS: number; systemS: number }>({ type: 'cpu' });
  const loadBefore = os.loadavg()[0]!;
  started = performance.now();

  async function phone(i: number) {
    const agent = new https.Agent({ keepAlive: true, maxSockets: 1, ca, localAddress: addresses.phone(i) });
    try {
      const opened = await request(agent, port, '/c/api/open', JSON_HEADERS, json({ token: tokens[i], passcode: PASSCODE }));
      latencies.open.push(opened.ms);
      if (opened.status !== 200) return fault('open', opened);
      const bearer = { authorization: `Bearer ${opened.json.value.session as string}` };
      const documentIds: string[] = [];
      for (const [k, kind] of (['card_front', 'card_back'] as const).entries()) {
        const { headers, body } = uploadBody(kind, photos[ctx.order[2 * i + k]!]!);
        firstUpload = Math.min(firstUpload, performance.now());
        const uploaded = await request(agent, port, '/c/api/documents', { ...headers, ...bearer }, body);
        lastUpload = Math.max(lastUpload, performance.now());
        latencies.upload.push(uploaded.ms);
        if (uploaded.status !== 200) return fault('upload', uploaded);
        documentIds.push(uploaded.json.value.documentId as string);
      }
      const submitted = await request(agent, port, '/c/api/submit', { ...JSON_HEADERS, ...bearer }, json({ myNumber: generateMyNumber(10_000 + i), documentSet: 'card', documentIds, dependents: [] }));
      latencies.submit.push(submitted.ms);
      if (submitted.status !== 200 || submitted.json.value.state !== 'submitted') return fault('submit', submitted);
    } catch (err) {
      fault('phone', undefined, err);
    } finally {
      agent.destroy();
    }
  }

  await Promise.all(Array.from({ length: PHONES }, (_, i) => phone(i)));
  const burstMs = performance.now() - started;
  running = false;
  clearInterval(stateTimer);
  await Promise.all(inFlight);
  proberAgent.destroy();
  const cpu = process.cpuUsage(cpuBefore);
  const serverAfter = await server.ask<{ cpuS: number; systemS: number; loopDelay: Figures['loopDelay'] }>({ type: 'cpu' });
  const serverCpuS = serverAfter.cpuS - serverBefore.cpuS;
  const serverSystemS = serverAfter.systemS - serverBefore.systemS;
  const { summary } = await server.ask<{ summary: { waiting: number } }>({ type: 'counts' });
  return {
    burstMs,
    uploadWindowMs: lastUpload - firstUpload,
    errors,
    latencies,
    stateSentAt,
    loopDelay: serverAfter.loopDelay,
    phonesCpuS: (cpu.user + cpu.system) / 1e6,
    serverCpuS,
    serverSystemS,
    loadBefore,
    loadAfter: os.loadavg()[0]!,
    waiting: summary.waiting,
  };
}

export default defineBench<Ctx>({
  name: 'collection-load',
  description: `${PHONES} phones at once over HTTPS on loopback: open, 2 × 12 MP JPEG, submit`,
  runs: 1,
  warmup: 0,
  async setup() {
    const started = Date.now();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnv-bench-photos-'));
    const bundle = await bundleServer();
    const [photos, server] = await Promise.all([Promise.all(Array.from({ length: PHOTOS }, (_, i) => cameraPhoto(i + 1))), startServer(bundle)]);
    const files = photos.map((photo, i) => {
      const file = path.join(dir, `photo-${i + 1}.jpg`);
      fs.writeFileSync(file, photo);
      return file;
    });
    // Fronts and backs differ, and neighbours send different photos.
    const order = Array.from({ length: PHONES }, (_, i) => [i % PHOTOS, (i + 1) % PHOTOS]).flat();
    for (const file of files) await server.ask({ type: 'warm', file });
    const addresses = await loopbackAddresses(server.ready.port);
    const mb = (n: number) => (n / 2 ** 20).toFixed(1);
    console.log(
      `  (setup ${((Date.now() - started) / 1000).toFixed(0)} s: ${PHONES} registrants with links; ${PHOTOS} photos 4000 × 3000 of ${photos.map((p) => mb(p.length)).join(', ')} MB; ` +
        `uploads: ${server.ready.processing} processed and ${server.ready.receiving} taken in at a time; libuv threadpool ${server.ready.threadpool}, sharp concurrency ${server.ready.sharpConcurrency})`,
    );
    return { server, dir, bundle, files, photos, order, addresses };
  },
  async teardown(ctx) {
    try {
      report(ctx);
    } finally {
      await ctx.server.ask({ type: 'stop' }).catch(() => undefined);
      fs.rmSync(ctx.dir, { recursive: true, force: true });
      fs.rmSync(ctx.bundle, { recursive: true, force: true });
    }
  },
  ours: {
    label: `${PHONES} phones end to end (${2 * PHONES} photos), core + listener`,
    async before(ctx) {
      ctx.memoryBefore = await ctx.server.ask({ type: 'memory' });
    },
    async run(ctx) {
      ctx.figures = await burst(ctx);
    },
    async after(ctx) {
      ctx.figures!.memory = await ctx.server.ask({ type: 'memory' });
      ctx.figures!.crossChecks = await ctx.server.ask({ type: 'crossChecks' });
    },
  },
  floor: {
    label: `the same ${2 * PHONES} photos, bare sharp loop, as many at a time`,
    async run(ctx) {
      const { ms, cpuS, systemS } = await ctx.server.ask<{ ms: number; cpuS: number; systemS: number }>({ type: 'floor', files: ctx.files, order: ctx.order });
      ctx.floorMs = ms;
      ctx.floorCpuS = cpuS;
      ctx.floorSystemS = systemS;
    },
  },
});

function report(ctx: Ctx) {
  const f = ctx.figures;
  if (!f || ctx.floorMs === undefined) return;
  const images = 2 * PHONES;
  const ours = images / (f.burstMs / 1000);
  const inWindow = images / (f.uploadWindowMs / 1000);
  const floor = images / (ctx.floorMs / 1000);
  const errorCount = [...f.errors.values()].reduce((a, b) => a + b, 0);
  const p95 = percentile(f.latencies.state, 95);
  const early = f.latencies.state.filter((_, i) => f.stateSentAt[i]! < OPENINGS_S * 1000);
  const late = f.latencies.state.filter((_, i) => f.stateSentAt[i]! >= OPENINGS_S * 1000);
  const slowestAt = f.stateSentAt[f.latencies.state.indexOf(Math.max(...f.latencies.state))] ?? NaN;
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
  const lines = [
    `collection-load figures (${ctx.server.ready.processing} images processed at a time; phones from ${ctx.addresses.distinct ? `${PHONES} distinct loopback addresses` : 'the single loopback address'}; ` +
      `listener limits raised to ${RAISED_LIMITS.requestsPerMinute.toLocaleString('en')} requests and ${RAISED_LIMITS.opensPerMinute.toLocaleString('en')} openings a minute per address)`,
    `  errors ${errorCount}${errorCount ? ` (${[...f.errors].map(([k, n]) => `${n} × ${k}`).join('; ')})` : ''}; submissions waiting for review ${f.waiting}  — target 0: ${verdict(errorCount === 0 && f.waiting === PHONES)}`,
    `  photos/s end to end ${ours.toFixed(2)} (burst ${(f.burstMs / 1000).toFixed(1)} s), floor ${floor.toFixed(2)} (${(ctx.floorMs / 1000).toFixed(1)} s): ratio ${(ours / floor).toFixed(2)}  — target ≥ ${TARGET.ratio}: ${verdict(ours / floor >= TARGET.ratio)}`,
    `    (first upload sent to last answered: ${(f.uploadWindowMs / 1000).toFixed(1)} s, ${inWindow.toFixed(2)} photos/s, ratio ${(inWindow / floor).toFixed(2)})`,
    `  /c/api/state every ${STATE_EVERY_MS} ms during the load: ${spread(f.latencies.state)}  — target p95 ≤ ${TARGET.p95Ms} ms: ${verdict(p95 <= TARGET.p95Ms)}`,
    `    sent in the first ${OPENINGS_S} s (the openings): ${spread(early)}; after: ${spread(late)}; the slowest sent ${(slowestAt / 1000).toFixed(1)} s in`,
    `    the server's event loop ran late by p50 ${f.loopDelay?.p50Ms.toFixed(0)} ms, p95 ${f.loopDelay?.p95Ms.toFixed(0)} ms, max ${f.loopDelay?.maxMs.toFixed(0)} ms`,
    `    the phones' own: open ${spread(f.latencies.open)}; submit ${spread(f.latencies.submit)}; upload (with its wait for a slot) ${spread(f.latencies.upload)}`,
    `  server peak resident memory ${f.memory!.maxRssMb.toFixed(0)} MB (${ctx.memoryBefore!.rssMb.toFixed(0)} MB before the burst, ${f.memory!.rssMb.toFixed(0)} MB after)  — target ≤ ${TARGET.rssMb} MB: ${verdict(f.memory!.maxRssMb <= TARGET.rssMb)}`,
    `      before ${madeOf(ctx.memoryBefore!.now)}; at the burst's highest sample ${madeOf(f.memory!.peak)}; after it ${madeOf(f.memory!.now)}`,
    `    then the cross-checks the burst queued (they wait for the uploads to stop): all done ${f.crossChecks!.seconds.toFixed(0)} s after it; peak resident memory through them ${f.crossChecks!.maxRssMb.toFixed(0)} MB  — target ≤ ${TARGET.rssMb} MB: ${verdict(f.crossChecks!.maxRssMb <= TARGET.rssMb)}`,
    `      at their highest sample ${madeOf(f.crossChecks!.peak)}; after them ${madeOf(f.crossChecks!.now)}`,
    `  CPU per photo in the server: ${((f.serverCpuS / images) * 1000).toFixed(0)} ms end to end (${((f.serverSystemS / images) * 1000).toFixed(0)} ms of it in the kernel), ` +
      `${((ctx.floorCpuS! / images) * 1000).toFixed(0)} ms in the floor (${((ctx.floorSystemS! / images) * 1000).toFixed(0)} ms)`,
    `  CPU during the burst: server ${f.serverCpuS.toFixed(1)} s, the simulated phones ${f.phonesCpuS.toFixed(1)} s on the same ${os.availableParallelism()} CPUs; load average ${f.loadBefore.toFixed(1)} before, ${f.loadAfter.toFixed(1)} after`,
  ];
  console.log(lines.join('\n'));
}
