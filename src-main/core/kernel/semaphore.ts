// At most `limit` holders at a time, the others waiting in arrival order: the phone uploads
// (read, decode, re-encode, seal, store) so that two hundred phones at once are worked
// through a few at a time instead of all held in memory together. A waiter gives up after
// `maxWaitMs` (the caller answers "busy") or when its signal aborts (the client went away).
export interface SemaphoreLoad {
  limit: number;
  active: number;
  waiting: number;
}

export interface Semaphore {
  /**
   * A slot: resolves with its release (calling it more than once releases once), or with null
   * when `maxWaitMs` passed or `signal` aborted before a slot came free.
   */
  acquire(options?: { maxWaitMs?: number; signal?: AbortSignal }): Promise<(() => void) | null>;
  load(): SemaphoreLoad;
  /**
   * Resolves once no slot has been held or waited for during the last `quietMs`: background
   * work that can wait (the cross-check's OCR) keeps the CPUs for a burst of uploads.
   */
  whenQuiet(quietMs: number): Promise<void>;
}

interface Waiter {
  grant(): void;
}

export function createSemaphore(limit: number): Semaphore {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a semaphore needs a limit of at least 1, not ${limit}`);
  let active = 0;
  const queue: Waiter[] = [];
  /** When a slot was last asked for or given back (performance.now()). */
  let lastBusyAt = -Infinity;
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

  function releaser() {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      lastBusyAt = performance.now();
      const next = queue.shift();
      // The slot passes straight to the next waiter: `active` stays as it is.
      if (next) next.grant();
      else active--;
    };
  }

  return {
    acquire({ maxWaitMs, signal } = {}) {
      if (signal?.aborted) return Promise.resolve(null);
      lastBusyAt = performance.now();
      if (active < limit) {
        active++;
        return Promise.resolve(releaser());
      }
      return new Promise((resolve) => {
        let timer: NodeJS.Timeout | undefined;
        const giveUp = () => {
          const at = queue.indexOf(waiter);
          if (at < 0) return;
          queue.splice(at, 1);
          cleanUp();
          resolve(null);
        };
        const cleanUp = () => {
          if (timer) clearTimeout(timer);
          signal?.removeEventListener('abort', giveUp);
        };
        const waiter: Waiter = {
          grant() {
            cleanUp();
            resolve(releaser());
          },
        };
        queue.push(waiter);
        if (maxWaitMs !== undefined) timer = setTimeout(giveUp, maxWaitMs);
        signal?.addEventListener('abort', giveUp, { once: true });
      });
    },
    load: () => ({ limit, active, waiting: queue.length }),
    async whenQuiet(quietMs) {
      for (;;) {
        const quietFor = performance.now() - lastBusyAt;
        if (active === 0 && queue.length === 0 && quietFor >= quietMs) return;
        await sleep(active === 0 && queue.length === 0 ? quietMs - quietFor : quietMs);
      }
    },
  };
}
