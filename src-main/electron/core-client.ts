// Main's side of the relay to the core host: numbered requests, one pending promise each.
// The port is injected (the UtilityProcess in the app, a fake in tests).
import type { ChannelName } from '../../src-shared/access';
import type { Result } from '../../src-shared/errors';
import type { JobProgress } from '../../src-shared/jobs';
import { failure, shellMessage } from './messages';
import { isHostToMain, type CoreHostInit, type HostRequest, type HostToMain, type MainToHost } from './relay-protocol';

/** The part of Electron's UtilityProcess the client uses. */
export interface CoreHostPort {
  postMessage(message: MainToHost): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
}

/** The vault would not open; `message` is Japanese and fit to show. */
export class CoreOpenFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CoreOpenFailure';
  }
}

type RequestBody = HostRequest extends infer R ? (R extends HostRequest ? Omit<R, 'id'> : never) : never;

export interface CoreClient {
  /** Sends init and resolves once the core is open; rejects with CoreOpenFailure. */
  start(init: CoreHostInit): Promise<void>;
  openSession(): Promise<string>;
  closeSession(sessionKey: string): void;
  call(sessionKey: string, channel: ChannelName, input: unknown): Promise<Result<unknown>>;
  /** Asks the host to close the core (checkpointing the WAL) and resolves when it has stopped or exited. */
  stop(): Promise<void>;
  /** Called once if the host exits without being asked to. */
  onUnexpectedExit(listener: (code: number) => void): void;
  /** Called with each long job's progress and the core session it belongs to. */
  onJobProgress(listener: (sessionKey: string, progress: JobProgress) => void): void;
}

export function createCoreClient(port: CoreHostPort): CoreClient {
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let started: { resolve: () => void; reject: (err: Error) => void } | null = null;
  let stopped: (() => void) | null = null;
  let exited = false;
  let stopping = false;
  let exitListener: ((code: number) => void) | null = null;
  let progressListener: ((sessionKey: string, progress: JobProgress) => void) | null = null;

  const settleAll = (result: Result<unknown>) => {
    for (const resolve of pending.values()) resolve(result);
    pending.clear();
  };

  port.on('message', (message: unknown) => {
    if (!isHostToMain(message)) return;
    handle(message);
  });
  port.on('exit', (code: number) => {
    exited = true;
    settleAll(failure('INTERNAL', 'errors.shell.hostStopped'));
    started?.reject(new CoreOpenFailure('HOST_EXITED', shellMessage('errors.shell.hostStopped')));
    started = null;
    if (stopped) {
      stopped();
      stopped = null;
    } else if (!stopping) {
      exitListener?.(code);
    }
  });

  function handle(message: HostToMain) {
    switch (message.type) {
      case 'ready':
        started?.resolve();
        started = null;
        return;
      case 'openFailed':
        started?.reject(new CoreOpenFailure(message.code, message.message));
        started = null;
        return;
      case 'reply': {
        const resolve = pending.get(message.reply.id);
        pending.delete(message.reply.id);
        resolve?.(message.reply.result);
        return;
      }
      case 'jobProgress':
        progressListener?.(message.sessionKey, message.progress);
        return;
      case 'stopped':
        stopped?.();
        stopped = null;
        return;
    }
  }

  function request(body: RequestBody): Promise<Result<unknown>> {
    if (exited) return Promise.resolve(failure('INTERNAL', 'errors.shell.hostStopped'));
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      port.postMessage({ type: 'request', request: { ...body, id } as HostRequest });
    });
  }

  return {
    start(init) {
      return new Promise<void>((resolve, reject) => {
        if (exited) return reject(new CoreOpenFailure('HOST_EXITED', shellMessage('errors.shell.hostStopped')));
        started = { resolve, reject };
        port.postMessage({ type: 'init', init });
      });
    },
    async openSession() {
      const result = await request({ op: 'openSession' });
      const value = result.ok ? (result.value as { sessionKey?: unknown } | null) : null;
      if (!value || typeof value.sessionKey !== 'string') throw new Error('the core host did not open a session');
      return value.sessionKey;
    },
    closeSession(sessionKey) {
      void request({ op: 'closeSession', sessionKey });
    },
    call(sessionKey, channel, input) {
      return request({ op: 'call', sessionKey, channel, input });
    },
    stop() {
      if (exited) return Promise.resolve();
      stopping = true;
      return new Promise<void>((resolve) => {
        stopped = resolve;
        port.postMessage({ type: 'shutdown' });
      });
    },
    onUnexpectedExit(listener) {
      exitListener = listener;
    },
    onJobProgress(listener) {
      progressListener = listener;
    },
  };
}
