// The long-job interface (progress events and jobs.cancel, docs: jobs-interface) as the CSV
// screens use it: present only where the shell or harness provides it, so the wizard falls
// back to an indeterminate bar without it.
export interface JobProgress {
  jobId: string;
  kind: string;
  phase: string;
  done: number;
  total: number | null;
}

interface JobsApi {
  onProgress?: (listener: (progress: JobProgress) => void) => () => void;
  cancel?: (input: { jobId: string }) => Promise<{ ok: boolean; value?: { cancelled: boolean } }>;
}

function jobsApi(): JobsApi | undefined {
  return (window.vault as unknown as { jobs?: JobsApi }).jobs;
}

/** Subscribes to one job's progress; null when the shell reports no progress. */
export function watchJob(jobId: string, listener: (progress: JobProgress) => void): (() => void) | null {
  const onProgress = jobsApi()?.onProgress;
  if (!onProgress) return null;
  return onProgress((progress) => {
    if (progress.jobId === jobId) listener(progress);
  });
}

/** Whether a running job can be cancelled here. */
export const canCancelJobs = () => typeof jobsApi()?.cancel === 'function';

export async function cancelJob(jobId: string): Promise<boolean> {
  const result = await jobsApi()?.cancel?.({ jobId });
  return result?.ok === true && result.value?.cancelled === true;
}
