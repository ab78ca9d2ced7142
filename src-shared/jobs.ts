// Long jobs (an import, an export, bulk mail, a rekey) report progress as events, outside the
// request/response channels. The caller names the job: the page makes `jobId` with
// crypto.randomUUID() and passes it in the long channel's input (csv.importCommit { jobId }),
// subscribes with `vault.jobs.onProgress`, and may ask `jobs.cancel { jobId }`. Events go
// only to the session that started the job.
import { z } from './contract/zod';

export const jobProgressSchema = z.object({
  jobId: z.string().min(1).max(100),
  /** What the job is: 'csv.import', 'vault.rekey', … */
  kind: z.string().min(1).max(50),
  /** The step it is in ('validate', 'write', …). */
  phase: z.string().min(1).max(50),
  done: z.number().int().nonnegative(),
  /** null: not known yet. */
  total: z.number().int().nonnegative().nullable(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

/** The channel name of progress events between the shell's processes (IPC and the core host relay). */
export const JOB_PROGRESS_EVENT = 'vault:job-progress';

/** `vault.jobs.onProgress`: a subscription to the caller's own jobs' progress; returns an unsubscribe. */
export interface VaultJobEvents {
  onProgress(listener: (progress: JobProgress) => void): () => void;
}

/** The progress event as a plain object, or null when it is not one (what the preload hands a listener). */
export function readJobProgress(value: unknown): JobProgress | null {
  const parsed = jobProgressSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
