// WAL checkpoints off the core's thread. SQLite checkpoints on the thread that commits once the
// WAL passes 1,000 pages; a phone photo is about 300, so a burst of uploads would stop the core
// (and the LAN listener on it) for a checkpoint every third photo — 100 ms and more each,
// measured. Instead a worker thread with its own connection checkpoints every quarter second
// (checkpoint-worker.cjs), and the core's connection keeps only a distant fallback (10,000
// pages), back to SQLite's default should the worker stop.
import { Worker } from 'node:worker_threads';
import type { Db } from './open';

/** Beside this file in the sources, beside the core host in the built app (scripts/build-electron.mjs). */
const CHECKPOINT_WORKER = new URL('./checkpoint-worker.cjs', import.meta.url);

const EVERY_MS = 250;
/** The core connection's own checkpoint threshold while the worker runs, and without it. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;
const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;

export interface Checkpointer {
  /** WAL frames the worker has copied into the database file so far. */
  framesCheckpointed(): number;
  /** Whether the worker runs. */
  running(): boolean;
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  db: Db;
  file: string;
  keyHex: string;
  nativeBinding?: string | undefined;
  everyMs?: number;
  log(line: string): void;
}

/** Starts the worker; resolves once its connection is open (or, should it fail, with the core checkpointing as before). */
export async function startCheckpointer({ db, file, keyHex, nativeBinding, everyMs = EVERY_MS, log }: CheckpointerOptions): Promise<Checkpointer> {
  let frames = 0;
  let alive = true;
  const worker = new Worker(CHECKPOINT_WORKER, { workerData: { file, keyHex, nativeBinding, everyMs } });
  // Never what keeps the process alive: a core left open in a test, or a failed start.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', (err) => log(`checkpointer stopped: ${err.name}`));
  void exited.then(() => {
    alive = false;
    if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`);
  });
  worker.on('message', (message: unknown) => {
    if (typeof message === 'object' && message !== null && 'checkpointed' in message) frames += Number((message as { checkpointed: number }).checkpointed);
  });
  const ready = await new Promise<boolean>((resolve) => {
    worker.once('message', (message) => resolve(message === 'ready'));
    void exited.then(() => resolve(false));
  });
  if (ready) db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  return {
    framesCheckpointed: () => frames,
    running: () => alive,
    async stop() {
      if (!alive) return;
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
