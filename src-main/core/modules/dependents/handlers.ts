// dependents.*: translation between the contract and the dependents service.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { DependentsService } from './service';

export type DependentsChannel = Extract<ChannelName, `dependents.${string}`>;

export function dependentsHandlers(dependents: DependentsService): Handlers<DependentsChannel> {
  return {
    'dependents.list': (input, ctx) => dependents.list(ctx, input.registrantId),
    'dependents.create': ({ registrantId, ...fields }, ctx) => dependents.create(ctx, registrantId, fields),
    'dependents.update': ({ id, ...fields }, ctx) => dependents.update(ctx, id, fields),
  };
}
