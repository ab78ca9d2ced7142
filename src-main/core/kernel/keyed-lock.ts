// Runs async work one at a time per key: a login ID's password checks, first-run setup. A
// check and the failure it may record then never interleave with another call's.
export interface KeyedLock {
  run<T>(key: string, fn: () => Promise<T> | T): Promise<T>;
}

export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, fn) {
      const previous = tails.get(key) ?? Promise.resolve();
      const next = previous.then(fn, fn);
      const tail = next.catch(() => undefined);
      tails.set(key, tail);
      // Forget the key once nothing is queued behind this call.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return next;
    },
  };
}
