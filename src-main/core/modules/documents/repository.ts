// ID document images at rest: the re-encoded image and its thumbnail, each sealed with
// AES-256-GCM under the field key with the document's id, its registrant and which of the two
// it is bound as associated data; a sealed blob moved to another row, another registrant or
// the other column does not open. This file is the one place that opens a sealed image. The
// sealed bytes live in document_images (migration 0180), apart from the small row that lists,
// binds and purges documents: those never read or rewrite an image.
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
  /** The login user who attached it from the desktop app; absent for the phone form's. */
  attachedBy?: string | undefined;
}

export interface DocumentInfo {
  id: string;
  registrantId: string;
  subject: string;
  kind: DocumentKind;
  createdAt: string;
  submissionId: string | null;
  attachedBy: string | null;
}

interface Row {
  id: string;
  registrant_id: string;
  subject: string;
  kind: DocumentKind;
  created_at: string;
  submission_id: string | null;
  attached_by: string | null;
}

/** The associated data that ties a sealed image (or thumbnail) to its row and owner. */
const sealContext = (part: 'image' | 'thumbnail', id: string, registrantId: string) => `document:${part}:${id}:${registrantId}`;

const info = (r: Row): DocumentInfo => ({ id: r.id, registrantId: r.registrant_id, subject: r.subject, kind: r.kind, createdAt: r.created_at, submissionId: r.submission_id, attachedBy: r.attached_by });

/** A document as the desktop app lists it: handed in with a submission, or attached by HR. */
export interface ListedDocument {
  id: string;
  kind: DocumentKind;
  subject: 'self' | { dependentPosition: number; name: string };
  submissionId: string | null;
  attachedBy: string | null;
  createdAt: string;
}

export function createDocumentStore(db: Db, fields: FieldCrypto) {
  // A dependent's documents name the form's id for them; the submission maps it to a position.
  const listed = db.prepare<[string], { id: string; kind: DocumentKind; subject: string; submission_id: string | null; attached_by_label: string | null; created_at: string; position: number | null; dependent_name: string | null }>(
    `SELECT d.id, d.kind, d.subject, d.submission_id, u.login_id AS attached_by_label, d.created_at, sd.position, sd.family_name || ' ' || sd.given_name AS dependent_name
       FROM documents d
       LEFT JOIN submission_dependents sd ON sd.submission_id = d.submission_id AND sd.temp_id = d.subject
       LEFT JOIN users u ON u.id = d.attached_by
      WHERE d.registrant_id = ? AND (d.submission_id IS NOT NULL OR d.attached_by IS NOT NULL)
      ORDER BY d.created_at, d.rowid`,
  );
  const byId = db.prepare<[string], Row>('SELECT * FROM documents WHERE id = ?');
  const byRegistrant = db.prepare<[string], Row>('SELECT * FROM documents WHERE registrant_id = ? ORDER BY created_at, rowid');
  const insert = db.prepare('INSERT INTO documents (id, registrant_id, subject, kind, created_at, submission_id, attached_by) VALUES (?, ?, ?, ?, ?, NULL, ?)');
  const insertImages = db.prepare('INSERT INTO document_images (document_id, sealed_thumbnail, sealed_image) VALUES (?, ?, ?)');
  const sealedImage = db.prepare<[string], { sealed: Buffer; registrant_id: string }>(
    'SELECT i.sealed_image AS sealed, d.registrant_id FROM documents d JOIN document_images i ON i.document_id = d.id WHERE d.id = ?',
  );
  const sealedThumbnail = db.prepare<[string], { sealed: Buffer; registrant_id: string }>(
    'SELECT i.sealed_thumbnail AS sealed, d.registrant_id FROM documents d JOIN document_images i ON i.document_id = d.id WHERE d.id = ?',
  );
  const bySubmission = db.prepare<[string], Row>('SELECT * FROM documents WHERE submission_id = ? ORDER BY created_at, rowid');
  const bindOne = db.prepare('UPDATE documents SET submission_id = ? WHERE id = ? AND submission_id IS NULL');
  const dropUnboundOf = db.prepare('DELETE FROM documents WHERE registrant_id = ? AND submission_id IS NULL AND attached_by IS NULL');
  const dropUnboundBefore = db.prepare('DELETE FROM documents WHERE submission_id IS NULL AND attached_by IS NULL AND created_at < ?');
  return {
    /** Seals and stores one document; its new id. Call inside a transaction. */
    add(doc: NewDocument, now: Date): string {
      const id = randomUUID();
      insert.run(id, doc.registrantId, doc.subject, doc.kind, now.toISOString(), doc.attachedBy ?? null);
      insertImages.run(id, fields.seal(doc.thumbnail, sealContext('thumbnail', id, doc.registrantId)), fields.seal(doc.image, sealContext('image', id, doc.registrantId)));
      return id;
    },
    /** A registrant's documents handed in or attached (not the form's drafts), newest last. */
    listOf(registrantId: string): ListedDocument[] {
      return listed.all(registrantId).map((r) => ({
        id: r.id,
        kind: r.kind,
        subject: r.subject === 'self' || r.position === null ? 'self' : { dependentPosition: r.position, name: r.dependent_name ?? '' },
        submissionId: r.submission_id,
        attachedBy: r.attached_by_label,
        createdAt: r.created_at,
      }));
    },
    /** The documents a submission brought. */
    listForSubmission(submissionId: string): DocumentInfo[] {
      return bySubmission.all(submissionId).map(info);
    },
    /** Gives the documents to a submission. Call inside a transaction. */
    bind(ids: readonly string[], submissionId: string): void {
      for (const id of ids) if (bindOne.run(submissionId, id).changes !== 1) throw new Error('document already bound');
    },
    /** Removes a registrant's uploads that no submission took (photos retaken, or left behind). */
    dropUnboundOf(registrantId: string): number {
      return dropUnboundOf.run(registrantId).changes;
    },
    /** Removes every upload no submission took before `cutoff` (abandoned forms). */
    dropUnboundBefore(cutoff: Date): number {
      return dropUnboundBefore.run(cutoff.toISOString()).changes;
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
      const row = (part === 'image' ? sealedImage : sealedThumbnail).get(id);
      if (!row) return null;
      return fields.open(row.sealed, sealContext(part, id, row.registrant_id));
    },
  };
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;
