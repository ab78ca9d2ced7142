// ID document images (本人確認書類): checked and re-encoded (image.ts), stored sealed and bound
// to their owner (repository.ts).
export { detectImageType, IMAGE_MAX_BYTES, processImage, type ProcessedImage } from './image';
export { createDocumentStore, DOCUMENT_KINDS, type DocumentInfo, type DocumentKind, type DocumentStore, type NewDocument } from './repository';
