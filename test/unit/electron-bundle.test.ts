// The built shell (scripts/build-electron.mjs into a temp dir): the sandboxed preload is one
// CommonJS file that needs nothing but `electron` and exposes only named channel functions;
// main and the core host load only Node built-ins, electron and the native modules (the LAN
// listener's fastify is bundled in), and the built core host, run in a fake utility process,
// serves the LAN form an admin turned on, decodes a HEIC upload on its worker thread (built
// beside it as heic-worker.mjs), and stops serving on shutdown. The cross-check's QR worker is
// built beside the core host too, and tesseract.js with its data resolves from there.
import { execFileSync, fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { builtinModules, createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { AsyncEntry } from '@napi-rs/keyring';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../src-shared/contract';
import { createCore, createOsKeyStore } from '../../src-main/core/index';
import { DEFAULT_KEYCHAIN_SERVICE } from '../../src-main/core/platform/keys/os-keystore';
import type { HostToMain, MainToHost } from '../../src-main/electron/relay-protocol';
import { heicPicture } from '../support/images';
import { issueLink, newRegistrant, PASSCODE, phoneRequest, uploadDocument } from '../support/lan';
import { freePort } from '../support/free-port';
import { ADMIN, must, setupAdmin, tempDir } from '../support/vault';

const root = path.resolve(import.meta.dirname, '../..');
let outdir: string;

beforeAll(() => {
  // Inside the project (.tmp/ is git-ignored) so the bundles resolve node_modules as in dist/.
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  outdir = mkdtempSync(path.join(root, '.tmp', 'electron-build-'));
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs'), `--outdir=${outdir}`, `--metafile=${path.join(outdir, 'meta.json')}`], {
    cwd: root,
    stdio: 'pipe',
  });
}, 60_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

/** Runs the preload bundle the way a sandboxed renderer does, with a fake `electron`. */
function runPreload() {
  const exposed = new Map<string, unknown>();
  const fakeIpcRenderer = { invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })), on: vi.fn(), removeListener: vi.fn() };
  const fakeElectron = { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) }, ipcRenderer: fakeIpcRenderer };
  const required: string[] = [];
  const sandboxRequire = (id: string) => {
    required.push(id);
    if (id === 'electron') return fakeElectron;
    throw new Error(`a sandboxed preload cannot require ${id}`);
  };
  const module = { exports: {} };
  vm.runInNewContext(readFileSync(path.join(outdir, 'preload.cjs'), 'utf8'), { require: sandboxRequire, module, exports: module.exports, console });
  return { exposed, fakeIpcRenderer, required };
}

describe('preload bundle', () => {
  it('requires only electron and exposes only window.vault', () => {
    const { exposed, required } = runPreload();
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect([...exposed.keys()]).toEqual(['vault']);
  });

  it('exposes one named function per contract channel (plus the lock and job-progress subscriptions and the save dialog), never ipcRenderer or a free-form invoke', async () => {
    const { exposed, fakeIpcRenderer } = runPreload();
    const vault = exposed.get('vault') as Record<string, Record<string, unknown>>;

    const exposedNames = Object.entries(vault)
      .filter(([ns]) => ns !== 'events')
      .flatMap(([ns, verbs]) => Object.keys(verbs).map((verb) => `${ns}.${verb}`));
    // jobs.onProgress sits beside jobs.cancel: a subscription, not a channel; files.saveExport is main's save dialog.
    expect(exposedNames.sort()).toEqual([...channelNames, 'jobs.onProgress', 'files.saveExport'].sort());
    expect(Object.keys(vault.events!)).toEqual(['onLock']);

    const all = JSON.stringify(Object.keys(vault)) + JSON.stringify(Object.values(vault).map((v) => Object.keys(v)));
    for (const forbidden of ['invoke', 'send', 'ipcRenderer', 'sendSync', 'on']) expect(all).not.toContain(`"${forbidden}"`);

    const login = vault.auth!.login as (input: unknown) => Promise<unknown>;
    await login({ loginId: 'hr', password: 'pw' });
    expect(fakeIpcRenderer.invoke).toHaveBeenCalledWith('auth.login', { loginId: 'hr', password: 'pw' });
  });
});

// tesseract.js too: it starts its worker thread from a script in its own package (see below).
const ALLOWED_EXTERNALS = new Set(['electron', 'better-sqlite3-multiple-ciphers', '@napi-rs/keyring', '@node-rs/argon2', 'sharp', 'heic-decode', 'tesseract.js', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

interface Metafile {
  outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, unknown> }>;
}

/** esbuild's own account of one bundle: what it left external, and the files it bundled in. */
function bundleFacts(file: string) {
  const meta = JSON.parse(readFileSync(path.join(outdir, 'meta.json'), 'utf8')) as Metafile;
  const output = meta.outputs[path.relative(root, path.join(outdir, file)).split(path.sep).join('/')];
  if (!output) throw new Error(`${file} is not in the metafile`);
  return { externals: new Set(output.imports.filter((i) => i.external).map((i) => i.path)), inputs: Object.keys(output.inputs) };
}

describe('main and core-host bundles', () => {
  // From esbuild's metafile, not a scan of the text: the bundle holds require("...") strings
  // that are never run (the code ajv and fast-json-stringify write out in standalone mode).
  it.each(['main.mjs', 'core-host.mjs', 'heic-worker.mjs', 'password-score-worker.mjs', 'mnv.mjs'])('%s imports only Node built-ins, electron and the native modules', (file) => {
    const { externals } = bundleFacts(file);
    expect(externals.size).toBeGreaterThan(0);
    for (const specifier of externals) expect(ALLOWED_EXTERNALS, specifier).toContain(specifier);
  });

  it('core-host.mjs has the LAN listener bundled in: fastify, its plugins and the certificate library', () => {
    const { inputs } = bundleFacts('core-host.mjs');
    for (const pkg of ['fastify', '@fastify/helmet', '@fastify/rate-limit', '@fastify/ajv-compiler', 'ajv', '@peculiar/x509', 'reflect-metadata']) {
      expect(inputs.some((p) => p.includes(`node_modules/${pkg}/`)), pkg).toBe(true);
    }
  });

  it('heic-worker.mjs sits beside core-host.mjs, which starts it from there', () => {
    const { inputs } = bundleFacts('heic-worker.mjs');
    expect(inputs).toEqual(['src-main/core/modules/documents/heic-worker.mjs']);
    expect(readFileSync(path.join(outdir, 'core-host.mjs'), 'utf8')).toContain('new URL("./heic-worker.mjs", import.meta.url)');
  });

  it("password-score-worker.mjs sits beside core-host.mjs and holds zxcvbn's dictionaries, which the core host's own bundle does not", async () => {
    const worker = bundleFacts('password-score-worker.mjs');
    expect([...worker.externals]).toEqual(['node:worker_threads']);
    for (const pkg of ['@zxcvbn-ts/core', '@zxcvbn-ts/language-common', '@zxcvbn-ts/language-en']) {
      expect(worker.inputs.some((p) => p.includes(`node_modules/${pkg}/`)), pkg).toBe(true);
    }
    expect(bundleFacts('core-host.mjs').inputs.filter((p) => p.includes('zxcvbn'))).toEqual([]);
    expect(readFileSync(path.join(outdir, 'core-host.mjs'), 'utf8')).toContain('new URL("./password-score-worker.mjs", import.meta.url)');

    const thread = new Worker(path.join(outdir, 'password-score-worker.mjs'));
    try {
      const answers: unknown[] = [];
      const both = new Promise<void>((resolve) => thread.on('message', (m) => answers.push(m) === 2 && resolve()));
      thread.postMessage({ id: 1, password: 'password1234', userInputs: [] });
      thread.postMessage({ id: 2, password: 'Kettle-orbit-7-sunlit-meadow', userInputs: [] });
      await both;
      expect(answers).toEqual([{ id: 1, score: 1 }, { id: 2, score: 4 }]);
    } finally {
      await thread.terminate();
    }
  });

  it('core-host.mjs is the core host (it refuses to run outside a utility process)', () => {
    let stderr = '';
    try {
      execFileSync(process.execPath, [path.join(outdir, 'core-host.mjs')], { cwd: root, stdio: 'pipe' });
    } catch (err) {
      stderr = String((err as { stderr?: Buffer }).stderr);
    }
    expect(stderr).toContain('utility process');
  });
});

describe("the cross-check's parts in the built app", () => {
  it('qr-worker.cjs sits beside the core host, imports only Node built-ins (jsQR bundled in) and decodes a QR code as a worker thread', async () => {
    const { externals, inputs } = bundleFacts('qr-worker.cjs');
    expect([...externals]).toEqual(['node:worker_threads']);
    expect(inputs.some((p) => p.includes('node_modules/jsqr/'))).toBe(true);

    const { data, info } = await sharp(await QRCode.toBuffer('bundle check', { margin: 2, scale: 6 })).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const worker = new Worker(path.join(outdir, 'qr-worker.cjs'));
    try {
      const answer = new Promise((resolve) => worker.once('message', resolve));
      const pixels = new Uint8Array(data).buffer;
      worker.postMessage({ id: 7, pixels, width: info.width, height: info.height }, [pixels]);
      expect(await answer).toEqual({ id: 7, text: 'bundle check' });
    } finally {
      await worker.terminate();
    }
  });

  it('checkpoint-worker.cjs (the WAL checkpointer) sits beside the core host and loads only Node built-ins and the native SQLite module', () => {
    const { externals } = bundleFacts('checkpoint-worker.cjs');
    expect([...externals].sort()).toEqual(['better-sqlite3-multiple-ciphers', 'node:worker_threads']);
  });

  it('tesseract.js, its worker script and WebAssembly, and the English model resolve from beside the core host', () => {
    // As the bundle's own require (createRequire(import.meta.url)) and tesseract.js itself find them.
    const fromBundle = createRequire(path.join(outdir, 'core-host.mjs'));
    const tesseractDir = path.dirname(fromBundle.resolve('tesseract.js/package.json'));
    expect(existsSync(path.join(tesseractDir, 'src', 'worker-script', 'node', 'index.js'))).toBe(true);
    const coreDir = path.dirname(createRequire(path.join(tesseractDir, 'src', 'worker-script', 'node', 'getCore.js')).resolve('tesseract.js-core/package.json'));
    for (const build of ['tesseract-core', 'tesseract-core-simd', 'tesseract-core-relaxedsimd']) {
      expect(existsSync(path.join(coreDir, `${build}.js`)), build).toBe(true);
      expect(existsSync(path.join(coreDir, `${build}.wasm`)), build).toBe(true);
    }
    const dataDir = path.dirname(fromBundle.resolve('@tesseract.js-data/eng/package.json'));
    expect(existsSync(path.join(dataDir, '4.0.0_best_int', 'eng.traineddata.gz'))).toBe(true);
  });
});

// What Electron gives a utility process, faked for Node: process.parentPort, whose messages
// come from the test over the fork IPC channel and whose posts go back over it. It also
// reports every module the bundle require()s while it runs (computed names included).
const FAKE_UTILITY_PROCESS = `
import { EventEmitter } from 'node:events';
import Module from 'node:module';
const bundle = process.argv[1];
const fakeParentPort = Object.assign(new EventEmitter(), { postMessage: (message) => process.send({ post: message }) });
// Held until the host listens, as the test may send before the bundle has loaded.
const early = [];
process.on('message', (data) => (fakeParentPort.listenerCount('message') ? fakeParentPort.emit('message', { data }) : early.push(data)));
fakeParentPort.on('newListener', (event) => event === 'message' && setImmediate(() => early.splice(0).forEach((data) => fakeParentPort.emit('message', { data }))));
Object.defineProperty(process, 'parentPort', { value: fakeParentPort });
const load = Module._load;
Module._load = function (request, parent, ...rest) {
  if (parent && parent.filename === bundle) process.send({ required: request });
  return load.call(this, request, parent, ...rest);
};
`;

/** The built core host in a child Node process with the fake utility process around it. */
function forkCoreHost() {
  const preload = path.join(outdir, 'fake-utility-process.mjs');
  writeFileSync(preload, FAKE_UTILITY_PROCESS);
  const child = fork(path.join(outdir, 'core-host.mjs'), [], { cwd: root, execArgv: ['--import', pathToFileURL(preload).href], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const required: string[] = [];
  const posts: HostToMain[] = [];
  const waiting: ((message: HostToMain) => void)[] = [];
  child.on('message', (message: { post?: HostToMain; required?: string }) => {
    if (message.required !== undefined) required.push(message.required);
    if (!message.post) return;
    const next = waiting.shift();
    if (next) next(message.post);
    else posts.push(message.post);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    required,
    exited,
    stderr: () => stderr,
    send: (message: MainToHost) => child.send(message),
    next: () => new Promise<HostToMain>((resolve) => (posts.length ? resolve(posts.shift()!) : waiting.push(resolve))),
    kill: () => child.kill(),
  };
}

function connectError(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe('core-host.mjs in a fake utility process', () => {
  const keychainAccounts: string[] = [];
  afterAll(async () => {
    for (const account of keychainAccounts) await new AsyncEntry(DEFAULT_KEYCHAIN_SERVICE, account, { linux: { store: 'secret-service' } }).deletePassword().catch(() => undefined);
  });

  it('passes the core a listener host: the LAN form an admin turned on is served over HTTPS, and stops on shutdown', async () => {
    // The core host uses the app's own keychain service, so this runs only in a throw-away keyring.
    expect(process.env.MNV_THROWAWAY_KEYRING, 'run the tests under `node scripts/with-keyring.mjs` (npm run test:unit does)').toBe('1');
    const dataDir = tempDir('mnv-core-host-');
    const port = await freePort();

    // An admin turns the listener on, in a core with no listener host: saved, nothing listens.
    const setup = await createCore({ dataDir, keyStore: createOsKeyStore() });
    keychainAccounts.push(setup.vaultId, `${setup.vaultId}:audit-head`);
    const admin = await setupAdmin(setup);
    await must(setup, admin.session, 'auth.reauth', { password: ADMIN.password });
    await must(setup, admin.session, 'collection.configure', { companyName: '株式会社テスト', passcode: PASSCODE, requireBirthDate: false, linkValidDays: 14 });
    const configured = await must(setup, admin.session, 'lan.configure', { enabled: true, host: '127.0.0.1', port, certificate: { generate: true } });
    expect(configured).toMatchObject({ running: false, problem: 'errors.lan.unavailable' });
    const { token } = await issueLink(setup, admin.session, await newRegistrant(setup, admin.session));
    await setup.close();
    const heic = await heicPicture(320, 240);

    // A built phone form, as dist/renderer/collect holds it: served through the bundled @fastify/static.
    const formDir = tempDir('mnv-core-host-form-');
    mkdirSync(path.join(formDir, 'assets'));
    writeFileSync(path.join(formDir, 'index.html'), '<!doctype html><title>BUILT-FORM</title>');
    writeFileSync(path.join(formDir, 'assets', 'index-Zz99.js'), 'BUILT-SCRIPT');

    const host = forkCoreHost();
    try {
      host.send({
        type: 'init',
        init: {
          dataDir,
          // The Node build here; the app passes its Electron build.
          nativeBinding: path.join(root, 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node'),
          migrationsDir: path.join(root, 'migrations'),
          appVersion: '0.0.0-test',
          formDir,
        },
      });
      expect(await host.next(), host.stderr()).toEqual({ type: 'ready' });

      const page = await phoneRequest({ port, ca: configured.certificatePem }, 'GET', '/c/');
      expect(page.status).toBe(200);
      expect(page.headers['content-security-policy']).toContain("default-src 'self'");
      expect(page.text).toContain('BUILT-FORM');
      expect((await phoneRequest({ port, ca: configured.certificatePem }, 'GET', '/c/assets/index-Zz99.js')).text).toBe('BUILT-SCRIPT');
      expect((await phoneRequest({ port, ca: configured.certificatePem }, 'GET', '/admin')).status).toBe(404);

      // A HEIC upload: decoded on the thread the bundle starts from heic-worker.mjs beside it.
      const lan = { port, ca: configured.certificatePem };
      const opened = await phoneRequest(lan, 'POST', '/c/api/open', { token, passcode: PASSCODE });
      expect(opened.status, opened.text).toBe(200);
      const uploaded = await uploadDocument(lan, opened.json.value.session, { kind: 'card_front', subject: 'self', file: heic });
      expect(uploaded.status, uploaded.text).toBe(200);

      host.send({ type: 'shutdown' });
      expect(await host.next()).toEqual({ type: 'stopped' });
      expect(await connectError(port)).toBe('ECONNREFUSED');
      expect(await host.exited).toBe(0);
    } finally {
      host.kill();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(formDir, { recursive: true, force: true });
    }

    // Everything the bundle require()d while it ran is a built-in or one of the allowed externals.
    expect(host.required.length).toBeGreaterThan(0);
    for (const specifier of host.required) expect(ALLOWED_EXTERNALS, specifier).toContain(specifier);
  }, 60_000);
});
