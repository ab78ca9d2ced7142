// How the event loop kept pace while some work ran: a 10 ms timer ticks throughout, and the
// longest gap between two ticks is what the work held the loop up for (work done on the loop
// itself would stop the timer for as long as it takes).
export async function timerPace<T>(work: () => Promise<T>): Promise<{ value: T; took: number; longestGap: number }> {
  let last = performance.now();
  let longestGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  }, 10);
  const started = performance.now();
  try {
    const value = await work();
    return { value, took: performance.now() - started, longestGap };
  } finally {
    clearInterval(ticker);
  }
}
