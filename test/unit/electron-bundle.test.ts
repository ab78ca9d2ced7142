// The built shell (scripts/build-electron.mjs into a temp dir): the sandboxed preload is one
// CommonJS file that needs nothing but `electron` and exposes only named channel functions;
// main and the core host load only Node built-ins, electron and the native modules.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { builtinModules } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../src-shared/contract';

const root = path.resolve(import.meta.dirname, '../..');
let outdir: string;

beforeAll(() => {
  // Inside the project (.tmp/ is git-ignored) so the bundles resolve node_modules as in dist/.
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  outdir = mkdtempSync(path.join(root, '.tmp', 'electron-build-'));
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs'), `--outdir=${outdir}`], { cwd: root, stdio: 'pipe' });
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

  it('exposes one named function per contract channel (plus the lock subscription), never ipcRenderer or a free-form invoke', async () => {
    const { exposed, fakeIpcRenderer } = runPreload();
    const vault = exposed.get('vault') as Record<string, Record<string, unknown>>;

    const exposedNames = Object.entries(vault)
      .filter(([ns]) => ns !== 'events')
      .flatMap(([ns, verbs]) => Object.keys(verbs).map((verb) => `${ns}.${verb}`));
    expect(exposedNames.sort()).toEqual([...channelNames].sort());
    expect(Object.keys(vault.events!)).toEqual(['onLock']);

    const all = JSON.stringify(Object.keys(vault)) + JSON.stringify(Object.values(vault).map((v) => Object.keys(v)));
    for (const forbidden of ['invoke', 'send', 'ipcRenderer', 'sendSync', 'on']) expect(all).not.toContain(`"${forbidden}"`);

    const login = vault.auth!.login as (input: unknown) => Promise<unknown>;
    await login({ loginId: 'hr', password: 'pw' });
    expect(fakeIpcRenderer.invoke).toHaveBeenCalledWith('auth.login', { loginId: 'hr', password: 'pw' });
  });
});

describe('main and core-host bundles', () => {
  const allowed = new Set(['electron', 'better-sqlite3-multiple-ciphers', '@napi-rs/keyring', '@node-rs/argon2', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

  it.each(['main.mjs', 'core-host.mjs'])('%s imports only Node built-ins, electron and the native modules', (file) => {
    const code = readFileSync(path.join(outdir, file), 'utf8');
    const specifiers = [...code.matchAll(/^\s*import\s[^'"]*?from\s*["']([^"']+)["']/gm), ...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
    expect(specifiers.length).toBeGreaterThan(0);
    for (const specifier of specifiers) expect(allowed, specifier).toContain(specifier);
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
