// ID document images (本人確認書類): checked and re-encoded (image.ts), stored sealed and bound
// to their owner (repository.ts), listed, opened for the identity check and attached by HR
// (service.ts).
import type { FieldCrypto } from '../../platform/crypto/field';
import type { Db } from '../../platform/db/open';
import type { RegistrantsService } from '../registrants';
import { documentsHandlers } from './handlers';
import { createDocumentStore } from './repository';
import { createDocumentsService } from './service';

export { detectImageType, IMAGE_MAX_BYTES, processImage, type ProcessedImage } from './image';
export { createDocumentStore, DOCUMENT_KINDS, type DocumentInfo, type DocumentKind, type DocumentStore, type ListedDocument, type NewDocument } from './repository';

export function createDocumentsModule(deps: { db: Db; fields: FieldCrypto; registrants: RegistrantsService }) {
  const store = createDocumentStore(deps.db, deps.fields);
  const documents = createDocumentsService({ store, registrants: deps.registrants });
  return { services: { documentStore: store, documents }, handlers: documentsHandlers(documents) };
}

export type { DocumentsService } from './service';
