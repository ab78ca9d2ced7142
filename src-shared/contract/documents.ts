// ID document images (本人確認書類) as the desktop app reaches them: the list of a registrant's
// (never an image), one image or thumbnail opened for the identity check (each opening audited
// as a use with purpose 本人確認), and an image HR attaches for someone without a phone.
import { DOCUMENT_KINDS } from './document-kinds';
import { channel } from './define';
import { id } from './fields';
import { z } from './zod';

/** The largest image HR may attach, in bytes (as the phone form's). */
export const ATTACH_MAX_BYTES = 15 * 1024 * 1024;

export const documentRow = z.object({
  id: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  /** 'self', or the submitted dependent it belongs to (position in the submission, and name). */
  subject: z.union([z.literal('self'), z.object({ dependentPosition: z.number().int(), name: z.string() })]),
  submissionId: z.string().nullable(),
  /** The login ID of the user who attached it; null for the phone form's. */
  attachedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type DocumentRow = z.infer<typeof documentRow>;

export const documentsChannels = {
  'documents.list': channel({
    input: z.object({ registrantId: id }),
    output: z.object({ documents: z.array(documentRow) }),
  }),
  'documents.view': channel({
    input: z.object({ documentId: id, part: z.enum(['image', 'thumbnail']) }),
    output: z.object({ mimeType: z.literal('image/jpeg'), base64: z.string() }),
  }),
  'documents.attach': channel({
    input: z.object({
      registrantId: id,
      kind: z.enum(DOCUMENT_KINDS),
      // Base64 of the file as picked; its type is decided by its content.
      imageBase64: z.string().min(1).max(Math.ceil(ATTACH_MAX_BYTES / 3) * 4 + 4),
    }),
    output: z.object({ documentId: z.string() }),
  }),
};
