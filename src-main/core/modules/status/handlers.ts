// registrants.transition/history/unlock: translation between the contract and the status service.
import type { Handlers } from '../../kernel/context';
import type { StatusService } from './service';

/** The registrants.* channels that belong to the status module rather than the registrants module. */
export type StatusChannel = 'registrants.transition' | 'registrants.history' | 'registrants.unlock';

export function statusHandlers(status: StatusService): Handlers<StatusChannel> {
  return {
    'registrants.transition': (input, ctx) => status.transition(ctx, input),
    'registrants.history': (input, ctx) => status.history(ctx, input.registrantId),
    'registrants.unlock': (input, ctx) => status.unlock(ctx, input),
  };
}
