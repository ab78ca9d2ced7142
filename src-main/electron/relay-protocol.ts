// The messages between main and the core host (utility process). Tiny on purpose: main
// sends `init` once, then requests (id, op, sessionKey, channel, input); the host answers
// each with a reply carrying the same id and a Result.
import type { ChannelName } from '../../src-shared/access';
import type { Result } from '../../src-shared/errors';
import { readJobProgress, type JobProgress } from '../../src-shared/jobs';

/** What the host needs to open the vault. Computed by main, which knows the app's paths. */
export interface CoreHostInit {
  dataDir: string;
  /** better_sqlite3.node built for Electron (build/native/... in dev, resources/native/ packaged). */
  nativeBinding: string;
  migrationsDir: string;
  /** app.getVersion(), shown on the administrator's dashboard. */
  appVersion?: string;
  /** The built phone form the LAN listener serves (dist/renderer/collect, inside app.asar when packaged). */
  formDir?: string;
}

export type HostRequest =
  | { id: number; op: 'openSession' }
  | { id: number; op: 'closeSession'; sessionKey: string }
  | { id: number; op: 'call'; sessionKey: string; channel: ChannelName; input: unknown };

export type MainToHost =
  | { type: 'init'; init: CoreHostInit }
  | { type: 'request'; request: HostRequest }
  | { type: 'shutdown' };

/** The reply to `openSession` carries `{ sessionKey }` as its value. */
export type HostReply = { id: number; result: Result<unknown> };

export type HostToMain =
  | { type: 'ready' }
  /** The vault would not open. `message` is Japanese, fit to show; nothing was deleted. */
  | { type: 'openFailed'; code: string; message: string }
  | { type: 'reply'; reply: HostReply }
  /** A long job's progress, for the window whose core session started it (only that one). */
  | { type: 'jobProgress'; sessionKey: string; progress: JobProgress }
  | { type: 'stopped' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A reply value that really is a Result envelope (anything else becomes INTERNAL). */
export function isResult(value: unknown): value is Result<unknown> {
  if (!isRecord(value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok !== false || !isRecord(value.error)) return false;
  return typeof value.error.code === 'string' && typeof value.error.message === 'string';
}

export function isHostToMain(value: unknown): value is HostToMain {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
    case 'stopped':
      return true;
    case 'openFailed':
      return typeof value.code === 'string' && typeof value.message === 'string';
    case 'reply':
      return isRecord(value.reply) && typeof value.reply.id === 'number' && isResult(value.reply.result);
    case 'jobProgress':
      return typeof value.sessionKey === 'string' && readJobProgress(value.progress) !== null;
    default:
      return false;
  }
}

export function isMainToHost(value: unknown): value is MainToHost {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'init':
      return (
        isRecord(value.init) &&
        typeof value.init.dataDir === 'string' &&
        typeof value.init.nativeBinding === 'string' &&
        typeof value.init.migrationsDir === 'string' &&
        (value.init.appVersion === undefined || typeof value.init.appVersion === 'string') &&
        (value.init.formDir === undefined || typeof value.init.formDir === 'string')
      );
    case 'shutdown':
      return true;
    case 'request': {
      const r = value.request;
      if (!isRecord(r) || typeof r.id !== 'number') return false;
      if (r.op === 'openSession') return true;
      if (r.op === 'closeSession') return typeof r.sessionKey === 'string';
      if (r.op === 'call') return typeof r.sessionKey === 'string' && typeof r.channel === 'string';
      return false;
    }
    default:
      return false;
  }
}
