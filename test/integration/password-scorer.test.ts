// The core judges passwords with zxcvbn on a thread of its own (platform/password-strength), so
// its own heap never holds the dictionaries (some 24 MB, marked by every garbage collection of
// a core that also serves the phones) and a check (150–300 ms) never stops its event loop: a
// timer keeps its pace while a password is scored; the scores are those of the shared scorer;
// parallel checks each get their own answer; the thread ends when left idle and a new one starts
// for the next password; a thread that cannot start fails its checks with a plain error.
import { afterEach, describe, expect, it } from 'vitest';
import { createPasswordScorer, type PasswordScorer } from '../../src-main/core/platform/password-strength';
import { timerPace } from '../support/event-loop';

const scorers: PasswordScorer[] = [];
const scorer = (options: Parameters<typeof createPasswordScorer>[0] = {}) => {
  const s = createPasswordScorer(options);
  scorers.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(scorers.splice(0).map((s) => s.close()));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('scoring passwords off the event loop', () => {
  it('keeps the event loop free while the thread loads its dictionaries and scores', async () => {
    const s = scorer();
    const { value: score, took, longestGap } = await timerPace(() => s.score('Kettle-orbit-7-sunlit-meadow', ['kettle']));
    expect(score).toBe(4);
    // On the event loop the ticker would have stood still for the dictionaries and the check.
    expect(took, 'loading and scoring should take long enough to tell').toBeGreaterThan(200);
    expect(longestGap).toBeLessThan(150);
  });

  it("gives the shared scorer's scores, to parallel checks each their own", async () => {
    const s = scorer();
    const scores = await Promise.all([
      s.score('password1234', []),
      s.score('Kettle-orbit-7-sunlit-meadow', []),
      s.score('qwertyuiopasdf', []),
      // The account's own words count against it.
      s.score('yamadataro1985', ['yamadataro']),
      s.score('yamadataro1985', []),
      s.score('Vq7#mZp2!rLw9$', []),
    ]);
    expect(scores).toEqual([1, 4, 1, 1, 4, 4]);
  });

  it('ends the thread left idle and starts another for the next password', async () => {
    const s = scorer({ idleMs: 100 });
    expect(s.running()).toBe(false);
    await s.score('password1234', []);
    expect(s.running()).toBe(true);
    await sleep(400);
    expect(s.running()).toBe(false);
    expect(await s.score('Kettle-orbit-7-sunlit-meadow', [])).toBe(4);
    expect(s.running()).toBe(true);
  });

  it('fails the checks of a thread that cannot start, with no password in the message', async () => {
    const s = scorer({ workerUrl: new URL('data:text/javascript,throw new Error("cannot load")') });
    const failed = await s.score('Kettle-orbit-7-sunlit-meadow', []).catch((err: Error) => err);
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toMatch(/^password scorer thread (failed|exited)/);
    expect((failed as Error).message).not.toContain('Kettle');
    expect(s.running()).toBe(false);
  });
});
