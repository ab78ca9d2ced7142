// jobs.*: the one request about a long job, stopping it. The registry, progress and cancel
// flag are the kernel's (kernel/jobs.ts); the jobs themselves belong to their modules.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { Jobs } from '../../kernel/jobs';

export type JobsChannel = Extract<ChannelName, `jobs.${string}`>;

export function createJobsModule({ jobs }: { jobs: Jobs }) {
  const handlers: Handlers<JobsChannel> = {
    'jobs.cancel': (input, ctx) => jobs.cancel(ctx, input.jobId),
  };
  return { handlers };
}
