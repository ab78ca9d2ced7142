// groups.*: translation between the contract and the groups service.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { GroupsService } from './service';

export type GroupsChannel = Extract<ChannelName, `groups.${string}`>;

export function groupsHandlers(groups: GroupsService): Handlers<GroupsChannel> {
  return {
    'groups.list': (_input, ctx) => groups.list(ctx),
    'groups.create': (input, ctx) => groups.create(ctx, input),
    'groups.update': (input, ctx) => groups.update(ctx, input),
    'groups.delete': (input, ctx) => groups.delete(ctx, input),
  };
}
