// registrants.*: translation between the contract and the registrants service.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { StatusChannel } from '../status';
import type { RegistrantsService } from './service';

/** registrants.transition/history/unlock are the status module's. */
export type RegistrantsChannel = Exclude<Extract<ChannelName, `registrants.${string}`>, StatusChannel>;

export function registrantsHandlers(registrants: RegistrantsService): Handlers<RegistrantsChannel> {
  return {
    'registrants.create': (input, ctx) => registrants.create(ctx, input),
    'registrants.update': ({ id, ...fields }, ctx) => registrants.update(ctx, id, fields),
    'registrants.list': (input, ctx) => registrants.list(ctx, input),
    'registrants.get': (input, ctx) => registrants.get(ctx, input.id),
    'registrants.summary': (_input, ctx) => registrants.summary(ctx),
  };
}
