// The core host's message handling, apart from the utility-process plumbing so it can be
// unit-tested: opens the core on `init`, answers requests, closes the core on `shutdown`.
// The core factory is injected; nothing here imports the core or Electron.
import type { Result } from '../../src-shared/errors';
import type { JobProgress } from '../../src-shared/jobs';
import { failure } from './messages';
import { isMainToHost, type CoreHostInit, type HostRequest, type HostToMain } from './relay-protocol';

/** The part of the core (src-main/core) the host drives. */
export interface HostedCore {
  openSession(): string;
  closeSession(key: string): void;
  call(sessionKey: string, channel: string, input: unknown): Promise<Result<unknown>>;
  /** Stops the LAN listener, checkpoints and closes the database. */
  close(): Promise<void>;
  /** Long jobs' progress, each with the session that started it. */
  onJobProgress?(listener: (sessionKey: string, progress: JobProgress) => void): () => void;
}

export interface CoreHostServiceOptions {
  openCore: (init: CoreHostInit) => Promise<HostedCore>;
  post: (message: HostToMain) => void;
  /** Called after the core is closed on `shutdown` (the entry exits the process). */
  onStopped?: () => void;
  /** Logs a failure without personal data (names and messages of errors only). */
  log?: (line: string) => void;
}

const OPEN_FAILED_FALLBACK = '保管庫を開けませんでした。データは削除していません。';

/** A VaultOpenError of the core (matched by shape, so this file need not import the core). */
function asVaultOpenError(err: unknown): { code: string; message: string } | null {
  if (!(err instanceof Error) || err.name !== 'VaultOpenError') return null;
  const code = (err as Error & { code?: unknown }).code;
  return typeof code === 'string' ? { code, message: err.message } : null;
}

export function createCoreHostService({ openCore, post, onStopped, log = () => {} }: CoreHostServiceOptions) {
  let core: HostedCore | null = null;
  let opening = false;

  async function init(params: CoreHostInit) {
    if (core || opening) return;
    opening = true;
    try {
      core = await openCore(params);
      // Relayed to main, which hands each to the window of that session alone.
      core.onJobProgress?.((sessionKey, progress) => post({ type: 'jobProgress', sessionKey, progress }));
      post({ type: 'ready' });
    } catch (err) {
      const known = asVaultOpenError(err);
      log(`core host: the vault did not open: ${err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error'}`);
      post(known ? { type: 'openFailed', ...known } : { type: 'openFailed', code: 'UNKNOWN', message: OPEN_FAILED_FALLBACK });
    } finally {
      opening = false;
    }
  }

  async function answer(request: HostRequest): Promise<Result<unknown>> {
    if (!core) return failure('INTERNAL', 'errors.shell.notReady');
    try {
      switch (request.op) {
        case 'openSession':
          return { ok: true, value: { sessionKey: core.openSession() } };
        case 'closeSession':
          core.closeSession(request.sessionKey);
          return { ok: true, value: {} };
        case 'call':
          return await core.call(request.sessionKey, request.channel, request.input);
      }
    } catch (err) {
      log(`core host: ${request.op} failed: ${err instanceof Error ? err.name : 'unknown error'}`);
      return failure('INTERNAL', 'errors.shell.internal');
    }
  }

  async function shutdown() {
    const closing = core;
    core = null;
    try {
      // Awaited: the process exits on onStopped, and the listener and the WAL must be closed first.
      await closing?.close();
    } catch (err) {
      log(`core host: close failed: ${err instanceof Error ? err.name : 'unknown error'}`);
    }
    post({ type: 'stopped' });
    onStopped?.();
  }

  /** Handles one message from main; malformed messages are ignored. */
  async function handle(message: unknown): Promise<void> {
    if (!isMainToHost(message)) return;
    switch (message.type) {
      case 'init':
        return init(message.init);
      case 'request': {
        const result = await answer(message.request);
        post({ type: 'reply', reply: { id: message.request.id, result } });
        return;
      }
      case 'shutdown':
        return shutdown();
    }
  }

  return { handle };
}
