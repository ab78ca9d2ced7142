// Runs in the page (bundled by bridge.ts into /__bridge.js): defines `window.vault` with
// the same buildVaultApi the preload uses, over POST /__ipc/<channel> instead of IPC.
import type { ChannelName } from '../../src-shared/access';
import { readJobProgress, type JobProgress, type VaultJobEvents } from '../../src-shared/jobs';
import type { VaultShellEvents } from '../../src-shared/shell-events';
import { buildVaultApi, type VaultApi } from '../../src-shared/vault-api';

/**
 * Tests stand in for the OS lock-screen event by dispatching this DOM event on window
 * (page.evaluate(() => window.dispatchEvent(new Event('mnv-harness:os-lock')))).
 */
export const HARNESS_OS_LOCK_EVENT = 'mnv-harness:os-lock';

declare const __MNV_CHANNEL_NAMES__: ChannelName[];

async function invoke(channel: ChannelName, input: unknown): Promise<unknown> {
  const response = await fetch(`/__ipc/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(input ?? {}),
  });
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/json')) throw new Error(`harness bridge: HTTP ${response.status}`);
  return response.json();
}

// This file is type-checked without DOM types; the page's window is an EventTarget.
const page = globalThis as unknown as EventTarget;

const events: VaultShellEvents = {
  onLock(listener) {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const wrapped = () => listener();
    page.addEventListener(HARNESS_OS_LOCK_EVENT, wrapped);
    return () => page.removeEventListener(HARNESS_OS_LOCK_EVENT, wrapped);
  },
};

/** The page's EventSource (this file is type-checked without DOM types). */
declare const EventSource: new (url: string) => { onmessage: ((event: { data: unknown }) => void) | null; close(): void };

// Progress of this session's jobs from GET /__jobs/progress (server-sent events, bound to the
// session cookie): one stream while anyone listens, each listener given a plain checked object.
const progressListeners = new Set<(progress: JobProgress) => void>();
let progressSource: InstanceType<typeof EventSource> | null = null;

const jobEvents: VaultJobEvents = {
  onProgress(listener) {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const wrapped = (progress: JobProgress) => listener(progress);
    progressListeners.add(wrapped);
    if (!progressSource) {
      progressSource = new EventSource('/__jobs/progress');
      progressSource.onmessage = (event) => {
        let data: unknown;
        try {
          data = JSON.parse(String(event.data));
        } catch {
          return;
        }
        const progress = readJobProgress(data);
        if (progress) for (const l of progressListeners) l({ ...progress });
      };
    }
    return () => {
      progressListeners.delete(wrapped);
      if (progressListeners.size === 0) {
        progressSource?.close();
        progressSource = null;
      }
    };
  },
};

const api = buildVaultApi(__MNV_CHANNEL_NAMES__, invoke);
const vault: VaultApi = { ...api, jobs: Object.freeze({ ...api.jobs, ...jobEvents }), events: Object.freeze(events) };

Object.defineProperty(globalThis, 'vault', {
  value: Object.freeze(vault),
  writable: false,
  configurable: false,
  enumerable: true,
});
