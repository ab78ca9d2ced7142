// documents.*: translation between the contract and the documents service.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { DocumentsService } from './service';

export type DocumentsChannel = Extract<ChannelName, `documents.${string}`>;

export function documentsHandlers(documents: DocumentsService): Handlers<DocumentsChannel> {
  return {
    'documents.list': (input, ctx) => documents.list(ctx, input.registrantId),
    'documents.view': (input, ctx) => documents.view(ctx, input.documentId, input.part),
    'documents.attach': (input, ctx) => documents.attach(ctx, input),
  };
}
