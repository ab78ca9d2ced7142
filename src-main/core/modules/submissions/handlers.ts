// submissions.*: translation between the contract and the submissions service.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { SubmissionsService } from './service';

export type SubmissionsChannel = Extract<ChannelName, `submissions.${string}`>;

export function submissionsHandlers(submissions: SubmissionsService): Handlers<SubmissionsChannel> {
  return {
    'submissions.list': (input, ctx) => submissions.list(ctx, input),
    'submissions.get': (input, ctx) => submissions.get(ctx, input.id),
    'submissions.summary': (_input, ctx) => submissions.summary(ctx),
    'submissions.createProxy': (input, ctx) => submissions.createProxy(ctx, input),
    'submissions.approve': (input, ctx) => submissions.approve(ctx, input.id),
    'submissions.return': (input, ctx) => submissions.return(ctx, input.id, input.reason),
    'submissions.decline': (input, ctx) => submissions.decline(ctx, input.id, input.reason),
    'submissions.getSettings': () => submissions.settings(),
    'submissions.configure': (input, ctx) => submissions.configure(ctx, input.proxyApproval),
  };
}
