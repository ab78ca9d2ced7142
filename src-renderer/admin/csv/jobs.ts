// The long-job interface (src-shared/jobs.ts) as the CSV screens use it: one job's progress
// from `vault.jobs.onProgress` — absent where a shell reports none, and the wizard then shows
// an indeterminate bar — and `jobs.cancel`.
import type { JobProgress } from '../../../src-shared/jobs';

export type { JobProgress };

/** Subscribes to one job's progress; null when the shell reports no progress. */
export function watchJob(jobId: string, listener: (progress: JobProgress) => void): (() => void) | null {
  const { onProgress } = window.vault.jobs;
  if (!onProgress) return null;
  return onProgress((progress) => {
    if (progress.jobId === jobId) listener(progress);
  });
}

/** Asks the core to stop the job; whether it will (false once its write has begun, or when it is over). */
export async function cancelJob(jobId: string): Promise<boolean> {
  const result = await window.vault.jobs.cancel({ jobId });
  return result.ok && result.value.cancelled;
}
