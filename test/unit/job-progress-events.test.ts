// Progress of long jobs on its way to the page in the desktop app: the core host relays each
// event with its session to main, and the preload hands the page's listener only a plain,
// checked progress object (never the IpcRendererEvent, whose `sender` is ipcRenderer itself).
import { EventEmitter } from 'node:events';
import type { IpcRenderer } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createCoreClient, type CoreHostPort } from '../../src-main/electron/core-client';
import { createCoreHostService, type HostedCore } from '../../src-main/electron/core-host-service';
import type { MainToHost } from '../../src-main/electron/relay-protocol';
import { createJobEvents } from '../../src-preload/shell-events';
import { JOB_PROGRESS_EVENT, type JobProgress } from '../../src-shared/jobs';

const PROGRESS: JobProgress = { jobId: '7d0c2c4e-5b7a-4a7e-9a53-3c1f0b8f2d11', kind: 'csv.import', phase: 'write', done: 5000, total: 100000 };

describe('the preload: vault.jobs.onProgress', () => {
  it('gives the listener only the progress object, a copy of exactly its fields', () => {
    const ipcRenderer = new EventEmitter();
    const events = createJobEvents(ipcRenderer as unknown as IpcRenderer);
    const listener = vi.fn();
    events.onProgress(listener);
    ipcRenderer.emit(JOB_PROGRESS_EVENT, { sender: ipcRenderer, ports: [] }, { ...PROGRESS, extra: 'not passed on' });
    expect(listener).toHaveBeenCalledExactlyOnceWith(PROGRESS);
    expect(Object.keys(listener.mock.calls[0]![0] as object)).toEqual(['jobId', 'kind', 'phase', 'done', 'total']);
  });

  it('drops what is not a progress event, and stops after unsubscribe', () => {
    const ipcRenderer = new EventEmitter();
    const events = createJobEvents(ipcRenderer as unknown as IpcRenderer);
    const listener = vi.fn();
    const unsubscribe = events.onProgress(listener);
    ipcRenderer.emit(JOB_PROGRESS_EVENT, {}, 'text');
    ipcRenderer.emit(JOB_PROGRESS_EVENT, {}, { ...PROGRESS, done: -1 });
    ipcRenderer.emit(JOB_PROGRESS_EVENT, {}, { ...PROGRESS, total: '100000' });
    expect(listener).not.toHaveBeenCalled();
    unsubscribe();
    ipcRenderer.emit(JOB_PROGRESS_EVENT, {}, PROGRESS);
    expect(listener).not.toHaveBeenCalled();
    expect(ipcRenderer.listenerCount(JOB_PROGRESS_EVENT)).toBe(0);
    expect(() => events.onProgress('alert(1)' as never)).toThrow(TypeError);
  });
});

describe('the core host relay', () => {
  it("passes each job's progress to main with the session it belongs to", async () => {
    let emit!: (sessionKey: string, progress: JobProgress) => void;
    const core: HostedCore = {
      openSession: () => 'session-1',
      closeSession: () => {},
      call: async () => ({ ok: true, value: {} }),
      close: async () => {},
      onJobProgress: (listener) => {
        emit = listener;
        return () => {};
      },
    };
    const port = new EventEmitter() as EventEmitter & CoreHostPort;
    const service = createCoreHostService({ openCore: async () => core, post: (message) => setImmediate(() => port.emit('message', structuredClone(message))) });
    port.postMessage = (message: MainToHost) => setImmediate(() => void service.handle(structuredClone(message)));
    const client = createCoreClient(port);
    const received: [string, JobProgress][] = [];
    client.onJobProgress((sessionKey, progress) => received.push([sessionKey, progress]));
    await client.start({ dataDir: '/d', nativeBinding: '/n', migrationsDir: '/m' });
    emit('session-1', PROGRESS);
    await vi.waitFor(() => expect(received).toEqual([['session-1', PROGRESS]]));
  });
});
