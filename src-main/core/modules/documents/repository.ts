// ID document images at rest: the re-encoded image and its thumbnail, each sealed with
// AES-256-GCM under the field key with the document's id, its registrant and which of the two
// it is bound as associated data; a sealed blob moved to another row, another registrant or
// the other column does not open. This file is the one place that opens a sealed image.
import { randomUUID } from 'node:crypto';
import type { FieldCrypto } from '../../platform/crypto/field';
import type { Db } from '../../platform/db/open';
import { DOCUMENT_KINDS } from '../../../../src-shared/contract/collect';

export { DOCUMENT_KINDS };
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface NewDocument {
  registrantId: string;
  /** 'self', or the temporary id the phone form gave a dependent. */
  subject: string;
  kind: DocumentKind;
  image: Buffer;
  thumbnail: Buffer;
}

export interface DocumentInfo {
  id: string;
  registrantId: string;
  subject: string;
  kind: DocumentKind;
  createdAt: string;
  submissionId: string | null;
}

interface Row {
  id: string;
  registrant_id: string;
  subject: string;
  kind: DocumentKind;
  sealed_image: Buffer;
  sealed_thumbnail: Buffer;
  created_at: string;
  submission_id: string | null;
}

/** The associated data that ties a sealed image (or thumbnail) to its row and owner. */
const sealContext = (part: 'image' | 'thumbnail', id: string, registrantId: string) => `document:${part}:${id}:${registrantId}`;

const info = (r: Row): DocumentInfo => ({ id: r.id, registrantId: r.registrant_id, subject: r.subject, kind: r.kind, createdAt: r.created_at, submissionId: r.submission_id });

export function createDocumentStore(db: Db, fields: FieldCrypto) {
  const byId = db.prepare<[string], Row>('SELECT * FROM documents WHERE id = ?');
  const byRegistrant = db.prepare<[string], Row>('SELECT * FROM documents WHERE registrant_id = ? ORDER BY created_at, rowid');
  const insert = db.prepare(
    'INSERT INTO documents (id, registrant_id, subject, kind, sealed_image, sealed_thumbnail, created_at, submission_id) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)',
  );
  return {
    /** Seals and stores one document; its new id. Call inside a transaction. */
    add(doc: NewDocument, now: Date): string {
      const id = randomUUID();
      insert.run(
        id,
        doc.registrantId,
        doc.subject,
        doc.kind,
        fields.seal(doc.image, sealContext('image', id, doc.registrantId)),
        fields.seal(doc.thumbnail, sealContext('thumbnail', id, doc.registrantId)),
        now.toISOString(),
      );
      return id;
    },
    find(id: string): DocumentInfo | null {
      const row = byId.get(id);
      return row ? info(row) : null;
    },
    listFor(registrantId: string): DocumentInfo[] {
      return byRegistrant.all(registrantId).map(info);
    },
    /** The plain image (or thumbnail), or null when there is no such document. Callers audit the view. */
    open(id: string, part: 'image' | 'thumbnail' = 'image'): Buffer | null {
      const row = byId.get(id);
      if (!row) return null;
      return fields.open(part === 'image' ? row.sealed_image : row.sealed_thumbnail, sealContext(part, row.id, row.registrant_id));
    },
  };
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;
