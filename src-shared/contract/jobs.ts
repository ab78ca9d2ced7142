// jobs.*: long jobs named by their caller (src-shared/jobs.ts). The progress itself arrives as
// events (vault.jobs.onProgress); this is the one request: stopping a job.
import { channel } from './define';
import { z } from './zod';

/** The caller's name for a job: crypto.randomUUID() in the page. */
export const jobId = z.uuid();

export const jobsChannels = {
  'jobs.cancel': channel({
    input: z.object({ jobId }),
    /** false when no such job of the caller's runs (unknown, finished, someone else's, or past the point where it can stop). */
    output: z.object({ cancelled: z.boolean() }),
  }),
};
