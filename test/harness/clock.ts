// The harness clock: the system clock plus an offset that tests may move forward
// (POST /__test/clock, only with --test-clock) to reach idle-lock or expiry times.
import type { Clock } from '../../src-main/core';

export interface OffsetClock extends Clock {
  advance(ms: number): Date;
  readonly offsetMs: number;
}

export function createOffsetClock(): OffsetClock {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance(ms: number) {
      offsetMs += ms;
      return new Date(Date.now() + offsetMs);
    },
    get offsetMs() {
      return offsetMs;
    },
  };
}
