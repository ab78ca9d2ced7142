// ID document images as the desktop app reaches them. Listing shows what was handed in or
// attached, never an image; every opening of an image or its thumbnail is a use of the
// registrant's identity documents for the identity check (本人確認) and is audited as one;
// HR attaches an image for someone without a phone through the same checks and re-encoding
// as the phone form's. Everything goes through the registrant's visibility: outside the
// caller's groups a document is NOT_FOUND.
import { staffOf, type CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { RegistrantsService } from '../registrants';
import { processImage } from './image';
import type { DocumentKind, DocumentStore } from './repository';

export interface DocumentsDeps {
  store: DocumentStore;
  registrants: RegistrantsService;
}

export function createDocumentsService({ store, registrants }: DocumentsDeps) {
  function requireDocument(ctx: CallContext, documentId: string) {
    const doc = store.find(documentId);
    // A draft of the phone form (not handed in) is not the desktop app's to see.
    if (!doc || (doc.submissionId === null && doc.attachedBy === null)) throw new AppError('NOT_FOUND', 'errors.documents.notFound');
    try {
      registrants.require(ctx, doc.registrantId);
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', 'errors.documents.notFound');
      throw err;
    }
    return doc;
  }

  return {
    list(ctx: CallContext, registrantId: string) {
      return ctx.tx(() => {
        const registrant = registrants.require(ctx, registrantId);
        const documents = store.listOf(registrant.id);
        ctx.audit({ action: 'documents.list', targetType: 'registrant', targetId: registrant.id, detail: { returned: documents.length } });
        return { documents };
      });
    },

    view(ctx: CallContext, documentId: string, part: 'image' | 'thumbnail') {
      return ctx.tx(() => {
        const doc = requireDocument(ctx, documentId);
        const bytes = store.open(doc.id, part)!;
        ctx.audit({
          action: 'documents.view',
          targetType: 'registrant',
          targetId: doc.registrantId,
          detail: { documentId: doc.id, kind: doc.kind, part, purpose: 'identity_check', ...(doc.submissionId ? { submissionId: doc.submissionId } : {}) },
        });
        return { mimeType: 'image/jpeg' as const, base64: bytes.toString('base64') };
      });
    },

    async attach(ctx: CallContext, input: { registrantId: string; kind: DocumentKind; imageBase64: string }) {
      const user = staffOf(ctx);
      // Seen before the image is decoded: nothing is processed for someone out of reach.
      registrants.require(ctx, input.registrantId);
      const processed = await processImage(Buffer.from(input.imageBase64, 'base64'));
      if (!processed.ok) throw new AppError('VALIDATION', processed.error.messageKey as 'errors.documents.unreadable');
      return ctx.tx(() => {
        const registrant = registrants.require(ctx, input.registrantId);
        const documentId = store.add({ registrantId: registrant.id, subject: 'self', kind: input.kind, image: processed.value.image, thumbnail: processed.value.thumbnail, attachedBy: user.id }, ctx.now);
        ctx.audit({
          action: 'documents.attach',
          targetType: 'registrant',
          targetId: registrant.id,
          detail: { documentId, kind: input.kind, inputType: processed.value.inputType, width: processed.value.width, height: processed.value.height },
        });
        return { documentId };
      });
    },
  };
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;
