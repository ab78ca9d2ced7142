// The relay between main and the core host, wired back to back in one process: the main
// side (core-client) talks to the host side (core-host-service) through a fake port, and
// the host drives a fake core. Also the small pieces main wires around it.
import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { IpcRenderer, PowerMonitor } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../src-shared/errors';
import { VaultOpenError } from '../../src-main/core/kernel/errors';
import { createCoreClient, CoreOpenFailure, type CoreHostPort } from '../../src-main/electron/core-client';
import { createCoreHostService, type HostedCore } from '../../src-main/electron/core-host-service';
import { corePaths, rendererRoot } from '../../src-main/electron/core-paths';
import { hostStoppedDialog, nativeModuleMissingDialog, vaultOpenFailedDialog } from '../../src-main/electron/fatal-dialog';
import { VAULT_LOCK_EVENT, watchOsLock } from '../../src-main/electron/os-lock';
import type { CoreHostInit, MainToHost } from '../../src-main/electron/relay-protocol';
import { createShellEvents } from '../../src-preload/shell-events';

const INIT: CoreHostInit = { dataDir: '/data/vault', nativeBinding: '/native/better_sqlite3.node', migrationsDir: '/app/migrations' };
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** A fake core that records what the host asks of it. */
function fakeCore() {
  let n = 0;
  const core = {
    openSession: vi.fn(() => `session-${++n}`),
    closeSession: vi.fn(),
    call: vi.fn(async (sessionKey: string, channel: string, input: unknown): Promise<Result<unknown>> => ({ ok: true, value: { sessionKey, channel, input } })),
    close: vi.fn(async () => {}),
  } satisfies HostedCore;
  return core;
}

/**
 * Main's port to the host (a fake UtilityProcess): postMessage goes to the host service on a
 * later tick, as over a real process boundary; the host's posts come back as 'message'.
 */
function link(openCore: (init: CoreHostInit) => Promise<HostedCore>) {
  const port = new EventEmitter() as EventEmitter & CoreHostPort & { sent: MainToHost[]; exit(code: number): void };
  port.sent = [];
  const onStopped = vi.fn(() => setImmediate(() => port.emit('exit', 0)));
  const log = vi.fn();
  const service = createCoreHostService({
    openCore,
    post: (message) => setImmediate(() => port.emit('message', structuredClone(message))),
    onStopped,
    log,
  });
  port.postMessage = (message: MainToHost) => {
    port.sent.push(message);
    const copy = structuredClone(message);
    setImmediate(() => void service.handle(copy));
  };
  port.exit = (code) => port.emit('exit', code);
  const client = createCoreClient(port);
  return { port, client, service, onStopped, log };
}

describe('core relay: main <-> host', () => {
  it('opens the core with the paths from main, then relays sessions and calls', async () => {
    const core = fakeCore();
    const openCore = vi.fn(async () => core);
    const { client } = link(openCore);

    await client.start(INIT);
    expect(openCore).toHaveBeenCalledWith(INIT);

    const a = await client.openSession();
    const b = await client.openSession();
    expect([a, b]).toEqual(['session-1', 'session-2']);

    const result = await client.call(b, 'auth.login', { loginId: 'hr', password: 'pw' });
    expect(core.call).toHaveBeenCalledWith('session-2', 'auth.login', { loginId: 'hr', password: 'pw' });
    expect(result).toEqual({ ok: true, value: { sessionKey: 'session-2', channel: 'auth.login', input: { loginId: 'hr', password: 'pw' } } });

    client.closeSession(a);
    await vi.waitFor(() => expect(core.closeSession).toHaveBeenCalledWith('session-1'));
  });

  it('answers concurrent calls to the right caller', async () => {
    const core = fakeCore();
    core.call.mockImplementation(async (_key, channel) => {
      await new Promise((r) => setTimeout(r, channel === 'audit.verify' ? 20 : 1));
      return { ok: true, value: channel };
    });
    const { client } = link(async () => core);
    await client.start(INIT);
    const [slow, fast] = await Promise.all([client.call('k', 'audit.verify', {}), client.call('k', 'setup.status', {})]);
    expect(slow).toEqual({ ok: true, value: 'audit.verify' });
    expect(fast).toEqual({ ok: true, value: 'setup.status' });
  });

  it("reports the core's VaultOpenError (Japanese, with its code) and opens nothing", async () => {
    const { client } = link(async () => {
      throw new VaultOpenError('KEY_MISSING');
    });
    const failure = await client.start(INIT).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(CoreOpenFailure);
    expect(failure).toMatchObject({ code: 'KEY_MISSING', message: expect.stringContaining('データは削除していません') });
  });

  it('reports any other open failure with a generic Japanese message, not its text', async () => {
    const { client, log } = link(async () => {
      throw new Error('Cannot find module /native/better_sqlite3.node');
    });
    const failure = (await client.start(INIT).catch((err: unknown) => err)) as CoreOpenFailure;
    expect(failure.code).toBe('UNKNOWN');
    expect(failure.message).toMatch(JAPANESE);
    expect(failure.message).not.toContain('Cannot find module');
    expect(log).toHaveBeenCalled();
  });

  it('answers calls made before the core is open, or that throw, with INTERNAL and no details', async () => {
    const core = fakeCore();
    let open!: () => void;
    const { client } = link(() => new Promise((resolve) => (open = () => resolve(core))));
    const starting = client.start(INIT);
    expect(await client.call('k', 'setup.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    await vi.waitFor(() => expect(open).toBeTypeOf('function'));
    open();
    await starting;

    core.call.mockRejectedValueOnce(new Error('SQLITE_ERROR near "SELECT": syntax error'));
    const result = await client.call('k', 'setup.status', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: '内部エラーが発生しました。アプリを再起動してください。', messageKey: 'errors.shell.internal' } });
    expect(JSON.stringify(result)).not.toContain('SQLITE');
  });

  it('stop() closes the core (checkpointing it) and is not reported as a crash', async () => {
    const core = fakeCore();
    const { client, onStopped } = link(async () => core);
    const crashed = vi.fn();
    client.onUnexpectedExit(crashed);
    await client.start(INIT);
    await client.stop();
    expect(core.close).toHaveBeenCalledTimes(1);
    expect(onStopped).toHaveBeenCalled();
    await new Promise((r) => setImmediate(r));
    expect(crashed).not.toHaveBeenCalled();
  });

  it('the host reports stopped (and exits) only once the core has closed, its LAN listener with it', async () => {
    const core = fakeCore();
    let finishClose!: () => void;
    core.close.mockImplementation(() => new Promise<void>((resolve) => (finishClose = resolve)));
    const { client, onStopped } = link(async () => core);
    await client.start(INIT);
    let stopped = false;
    const stopping = client.stop().then(() => (stopped = true));
    await vi.waitFor(() => expect(core.close).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(onStopped).not.toHaveBeenCalled();
    expect(stopped).toBe(false);
    // Calls that arrive while it closes are not passed to a closing core.
    expect(await client.call('k', 'setup.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(core.call).not.toHaveBeenCalled();
    finishClose();
    await stopping;
    expect(onStopped).toHaveBeenCalledTimes(1);
  });

  it('a core that fails to close is logged by name, and the host still stops', async () => {
    const core = fakeCore();
    core.close.mockRejectedValueOnce(Object.assign(new Error('SQLITE_BUSY: database is locked'), { name: 'SqliteError' }));
    const { client, onStopped, log } = link(async () => core);
    await client.start(INIT);
    await client.stop();
    expect(onStopped).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith('core host: close failed: SqliteError');
  });

  it('an unexpected host exit fails pending and later calls with INTERNAL and is reported once', async () => {
    const core = fakeCore();
    core.call.mockImplementation(() => new Promise(() => {}));
    const { client, port } = link(async () => core);
    const crashed = vi.fn();
    client.onUnexpectedExit(crashed);
    await client.start(INIT);

    const pending = client.call('k', 'audit.verify', {});
    await vi.waitFor(() => expect(core.call).toHaveBeenCalled());
    port.exit(139);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await client.call('k', 'setup.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(crashed).toHaveBeenCalledExactlyOnceWith(139);
  });

  it('the host ignores malformed messages', async () => {
    const core = fakeCore();
    const posted: unknown[] = [];
    const service = createCoreHostService({ openCore: async () => core, post: (m) => posted.push(m) });
    for (const junk of [null, 'init', { type: 'eval', code: '1' }, { type: 'request', request: { op: 'call' } }, { type: 'init', init: { dataDir: 1 } }, { type: 'init', init: { ...INIT, formDir: ['/elsewhere'] } }]) {
      await service.handle(junk);
    }
    expect(posted).toEqual([]);
    expect(core.call).not.toHaveBeenCalled();
  });
});

describe('core paths', () => {
  it('uses build/native/<platform>-<arch> in dev and resources/native when packaged; the vault under userData', () => {
    const dev = corePaths({ isPackaged: false, appPath: '/src/mnv', resourcesPath: '/unused', userDataPath: '/home/u/.config/MyNumber Vault', platform: 'linux', arch: 'x64' });
    expect(dev).toEqual({
      dataDir: path.join('/home/u/.config/MyNumber Vault', 'vault'),
      nativeBinding: path.join('/src/mnv', 'build', 'native', 'linux-x64', 'better_sqlite3.node'),
      migrationsDir: path.join('/src/mnv', 'migrations'),
      formDir: path.join('/src/mnv', 'dist', 'renderer', 'collect'),
    });
    const packaged = corePaths({ isPackaged: true, appPath: '/opt/MNV/resources/app.asar', resourcesPath: '/opt/MNV/resources', userDataPath: '/u', platform: 'linux', arch: 'x64' });
    expect(packaged.nativeBinding).toBe(path.join('/opt/MNV/resources', 'native', 'better_sqlite3.node'));
    expect(packaged.migrationsDir).toBe(path.join('/opt/MNV/resources/app.asar', 'migrations'));
    expect(packaged.formDir).toBe(path.join('/opt/MNV/resources/app.asar', 'dist', 'renderer', 'collect'));
    expect(rendererRoot('/opt/MNV/resources/app.asar')).toBe(path.join('/opt/MNV/resources/app.asar', 'dist', 'renderer'));
  });
});

describe('fatal dialogs', () => {
  it('say in Japanese that nothing was deleted, and where the data is', () => {
    const open = vaultOpenFailedDialog('保管庫の鍵が一致しないため、データベースを開けません。', '/u/vault');
    expect(open.type).toBe('error');
    expect(`${open.message}\n${open.detail}`).toContain('/u/vault');
    expect(open.detail).toContain('削除・移動しないでください');
    expect(nativeModuleMissingDialog('/x/better_sqlite3.node').detail).toContain('npm run build:native-electron');
    expect(hostStoppedDialog().detail).toContain('データは削除していません');
  });
});

describe('OS lock events', () => {
  it('calls onLock on lock-screen and suspend', () => {
    const powerMonitor = new EventEmitter();
    const onLock = vi.fn();
    watchOsLock(powerMonitor as unknown as PowerMonitor, onLock);
    powerMonitor.emit('lock-screen');
    powerMonitor.emit('suspend');
    powerMonitor.emit('resume');
    expect(onLock).toHaveBeenCalledTimes(2);
  });

  it('the preload hands the page only a bare call on vault:lock, and can unsubscribe', () => {
    const ipcRenderer = new EventEmitter();
    const events = createShellEvents(ipcRenderer as unknown as IpcRenderer);
    const listener = vi.fn();
    const unsubscribe = events.onLock(listener);
    ipcRenderer.emit(VAULT_LOCK_EVENT, { sender: ipcRenderer, ports: [] }, 'extra');
    expect(listener).toHaveBeenCalledExactlyOnceWith();
    unsubscribe();
    ipcRenderer.emit(VAULT_LOCK_EVENT, {});
    expect(listener).toHaveBeenCalledTimes(1);
    expect(() => events.onLock('alert(1)' as never)).toThrow(TypeError);
  });
});
