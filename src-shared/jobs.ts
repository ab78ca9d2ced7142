// Long jobs (an import, an export, bulk mail, a rekey) report progress as events, outside the
// request/response channels. The caller names the job: the page makes `jobId` with
// crypto.randomUUID() and passes it in the long channel's input (csv.importCommit { jobId }),
// subscribes with `vault.jobs.onProgress`, and may ask `jobs.cancel { jobId }`. Events go
// only to the session that started the job.
export interface JobProgress {
  jobId: string;
  /** What the job is: 'csv.import', 'vault.rekey', … */
  kind: string;
  /** The step it is in ('validate', 'write', …). */
  phase: string;
  done: number;
  /** null: not known yet. */
  total: number | null;
}

/** The channel name of progress events between the shell's processes (IPC and the core host relay). */
export const JOB_PROGRESS_EVENT = 'vault:job-progress';

/** `vault.jobs.onProgress`: a subscription to the caller's own jobs' progress; returns an unsubscribe. */
export interface VaultJobEvents {
  onProgress(listener: (progress: JobProgress) => void): () => void;
}

const shortText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 100;
const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/**
 * The progress event as a new plain object of exactly its fields, or null when it is not one
 * (what the preload and the harness hand a listener). No schema library: the preload stays small.
 */
export function readJobProgress(value: unknown): JobProgress | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!shortText(v.jobId) || !shortText(v.kind) || !shortText(v.phase) || !count(v.done) || !(v.total === null || count(v.total))) return null;
  return { jobId: v.jobId, kind: v.kind, phase: v.phase, done: v.done, total: v.total };
}
