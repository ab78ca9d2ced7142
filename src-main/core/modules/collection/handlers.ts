// collection.* and invitations.*: translation between the contract and the collection services.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { InvitationsService } from './invitations-service';
import type { CollectionSettingsService } from './settings-service';

export type CollectionChannel = Extract<ChannelName, `collection.${string}` | `invitations.${string}`>;

export function collectionHandlers(settings: CollectionSettingsService, invitations: InvitationsService): Handlers<CollectionChannel> {
  return {
    'collection.getSettings': () => settings.view(),
    'collection.configure': (input, ctx) => settings.configure(ctx, input),
    'invitations.issue': (input, ctx) => invitations.issue(ctx, input.registrantIds),
    'invitations.revoke': (input, ctx) => invitations.revoke(ctx, input.registrantId),
    'invitations.list': (input, ctx) => invitations.list(ctx, input.registrantId),
  };
}
