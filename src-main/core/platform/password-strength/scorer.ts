// Password scores worked out off the core's event loop (password-score-worker.mjs): one thread,
// started when a password is to be judged (set up, created, changed, reset, the key file's
// passphrase) and ended after `idleMs` without one, so its dictionaries are held only then.
// Jobs are answered in turn; a thread that fails fails the jobs it holds, and the next job
// starts a new one. The worker's file sits beside this one, and the app's build puts its bundle
// beside the core host's under the same name, so the URL below finds it in both.
import { Worker } from 'node:worker_threads';
import type { PasswordScore } from '../../../../src-shared/password-policy';

export interface PasswordScorerOptions {
  /** The thread is ended after this long without a job (default 30 s). */
  idleMs?: number;
  /** The worker's module (default: password-score-worker.mjs beside this one). */
  workerUrl?: URL;
}

export interface PasswordScorer {
  /** zxcvbn's score of the password (src-shared/password-score.mjs), with the account's own words. */
  score(password: string, userInputs: readonly string[]): Promise<PasswordScore>;
  /** Whether the thread is running now (busy or idle). */
  running(): boolean;
  close(): Promise<void>;
}

interface Pending {
  resolve(score: PasswordScore): void;
  reject(err: Error): void;
}

interface Thread {
  worker: Worker;
  /** The jobs it holds, by id. */
  pending: Map<number, Pending>;
}

export function createPasswordScorer(options: PasswordScorerOptions = {}): PasswordScorer {
  const idleMs = options.idleMs ?? 30_000;
  const workerUrl = options.workerUrl ?? new URL('./password-score-worker.mjs', import.meta.url);
  let current: Thread | null = null;
  let idleTimer: NodeJS.Timeout | undefined;
  let nextId = 0;

  const failAll = (thread: Thread, err: Error) => {
    for (const job of thread.pending.values()) job.reject(err);
    thread.pending.clear();
  };

  function end(): Promise<number> | undefined {
    clearTimeout(idleTimer);
    const ending = current;
    current = null;
    if (!ending) return undefined;
    failAll(ending, new Error('password scorer closed'));
    return ending.worker.terminate();
  }

  function start(): Thread {
    const thread: Thread = { worker: new Worker(workerUrl), pending: new Map() };
    const gone = (err: Error) => {
      if (current === thread) current = null;
      failAll(thread, err);
    };
    thread.worker.on('message', (answer: { id: number; score: PasswordScore }) => {
      const job = thread.pending.get(answer.id);
      thread.pending.delete(answer.id);
      job?.resolve(answer.score);
      if (thread.pending.size === 0 && current === thread) {
        // Idle: it never holds the process open, and it ends unless another password comes.
        thread.worker.unref();
        idleTimer = setTimeout(() => void end(), idleMs).unref();
      }
    });
    // Named, never quoted: an error thrown while scoring could carry the password it was scoring.
    thread.worker.on('error', (err: Error & { code?: string }) => gone(new Error(`password scorer thread failed: ${err.name}${err.code ? ` (${err.code})` : ''}`)));
    thread.worker.on('exit', (code) => gone(new Error(`password scorer thread exited (${code})`)));
    return thread;
  }

  return {
    score(password, userInputs) {
      return new Promise<PasswordScore>((resolve, reject) => {
        clearTimeout(idleTimer);
        const thread = (current ??= start());
        const id = nextId++;
        thread.pending.set(id, { resolve, reject });
        // Held open while it works, as a script with nothing else to do waits for the answer.
        thread.worker.ref();
        thread.worker.postMessage({ id, password, userInputs: [...userInputs] });
      });
    },
    running: () => current !== null,
    async close() {
      await end();
    },
  };
}
