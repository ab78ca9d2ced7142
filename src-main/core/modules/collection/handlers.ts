// collection.* and invitations.*: translation between the contract and the collection services.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { InvitationsService } from './invitations-service';
import type { MailService } from './mail-service';
import type { CollectionSettingsService } from './settings-service';

export type CollectionChannel = Extract<ChannelName, `collection.${string}` | `invitations.${string}`>;

export function collectionHandlers(settings: CollectionSettingsService, invitations: InvitationsService, mail: MailService): Handlers<CollectionChannel> {
  return {
    'collection.getSettings': () => settings.view(),
    'collection.configure': (input, ctx) => settings.configure(ctx, input),
    'invitations.issue': (input, ctx) => invitations.issue(ctx, input.registrantIds),
    'invitations.revoke': (input, ctx) => invitations.revoke(ctx, input.registrantId),
    'invitations.list': (input, ctx) => invitations.list(ctx, input.registrantId),
    'invitations.printSheet': (input, ctx) => invitations.printSheet(ctx, input.target),
    'collection.getMailTemplates': () => mail.templates(),
    'collection.setMailTemplates': (input, ctx) => mail.setTemplates(ctx, input),
    'collection.sendMail': (input, ctx) => mail.send(ctx, input.kind, input.target),
    'collection.outboxStatus': (input, ctx) => mail.status(ctx, input.batchId),
    'collection.outboxBatches': (_input, ctx) => mail.batches(ctx),
    'collection.outboxFailures': (input, ctx) => mail.failures(ctx, input.batchId),
    'collection.retryFailed': (input, ctx) => mail.retryFailed(ctx, input.batchId),
  };
}
