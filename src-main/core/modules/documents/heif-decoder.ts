// HEIC/HEIF decoding off the core's event loop: libheif in WebAssembly (heic-decode) runs
// synchronously for about a second per 12-megapixel photo, which would stall every other
// request of the phones and the desktop app. Photos are decoded on worker threads
// (heic-worker.mjs), at most `threads` at a time, the rest queued. A thread is started when
// needed and ended after `idleMs` unused (a WebAssembly heap never shrinks: a decoded 12 MP photo
// leaves it some 100 MB larger). One that takes longer than `timeoutMs` is ended and the photo
// refused as unreadable.
//
// The worker's file sits beside this one, and the app's build puts its bundle beside the core
// host's (scripts/build-electron.mjs), so `./heic-worker.mjs` next to this module's URL finds it
// in both; Electron loads worker threads from inside the asar as well.
import os from 'node:os';
import { Worker } from 'node:worker_threads';

export type HeifDecoded =
  | { ok: true; width: number; height: number; pixels: Uint8ClampedArray }
  | { ok: false; reason: 'unreadable' | 'tooManyPixels' };

export interface HeifDecoderOptions {
  /** Photos decoded at a time (default: the number of CPUs). */
  threads?: number;
  /** A thread unused this long is ended (default 30 s). */
  idleMs?: number;
  /** A decode taking longer is stopped and the photo refused (default 60 s). */
  timeoutMs?: number;
  /** The worker's module (default: heic-worker.mjs beside this one). */
  workerUrl?: URL;
}

export interface HeifDecoder {
  /** The first image of a HEIF file as RGBA pixels, refused when it has more than `maxPixels`. */
  decode(bytes: Uint8Array, maxPixels: number): Promise<HeifDecoded>;
  /** Threads running now (busy or idle). */
  threads(): number;
  close(): Promise<void>;
}

interface Thread {
  worker: Worker;
  idleTimer?: NodeJS.Timeout | undefined;
}

interface Job {
  bytes: Uint8Array;
  maxPixels: number;
  resolve(result: HeifDecoded): void;
  reject(err: Error): void;
}

export function createHeifDecoder(options: HeifDecoderOptions = {}): HeifDecoder {
  const limit = options.threads ?? os.availableParallelism();
  const idleMs = options.idleMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const workerUrl = options.workerUrl ?? new URL('./heic-worker.mjs', import.meta.url);
  const idle: Thread[] = [];
  const all = new Set<Thread>();
  const queue: Job[] = [];

  const end = (thread: Thread) => {
    clearTimeout(thread.idleTimer);
    all.delete(thread);
    const at = idle.indexOf(thread);
    if (at >= 0) idle.splice(at, 1);
    return thread.worker.terminate();
  };

  const start = (): Thread => {
    const thread: Thread = { worker: new Worker(workerUrl) };
    all.add(thread);
    return thread;
  };

  function run(thread: Thread, job: Job) {
    clearTimeout(thread.idleTimer);
    const { worker } = thread;
    // Held open while it works (a script with nothing else to do waits for the photo), never while idle.
    worker.ref();
    let settled = false;
    const finish = (outcome: () => void, keep: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      outcome();
      if (keep) {
        worker.unref();
        idle.push(thread);
        thread.idleTimer = setTimeout(() => void end(thread), idleMs).unref();
      } else void end(thread);
      next();
    };
    const onMessage = (result: HeifDecoded) => finish(() => job.resolve(result), true);
    // The thread itself failed (it could not load, say): not the photo's doing.
    const onError = (err: Error) => finish(() => job.reject(new Error(`HEIF decoder thread failed: ${err.name}: ${err.message}`)), false);
    const onExit = (code: number) => finish(() => job.reject(new Error(`HEIF decoder thread exited (${code})`)), false);
    const timer = setTimeout(() => finish(() => job.resolve({ ok: false, reason: 'unreadable' }), false), timeoutMs);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    // A copy goes over (the caller keeps its bytes); the pixels come back moved. A view into a
    // larger buffer (the listener's kept upload buffers) would take the whole buffer with it, so
    // only its own bytes are sent.
    const { bytes } = job;
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
    worker.postMessage({ bytes: own, maxPixels: job.maxPixels });
  }

  function next() {
    while (queue.length > 0) {
      const thread = idle.pop() ?? (all.size < limit ? start() : null);
      if (!thread) return;
      run(thread, queue.shift()!);
    }
  }

  return {
    decode(bytes, maxPixels) {
      return new Promise<HeifDecoded>((resolve, reject) => {
        queue.push({ bytes, maxPixels, resolve, reject });
        next();
      });
    },
    threads: () => all.size,
    async close() {
      for (const job of queue.splice(0)) job.reject(new Error('HEIF decoder closed'));
      await Promise.all([...all].map(end));
    },
  };
}
