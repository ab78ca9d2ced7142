// The phone API (DESIGN "The phone API"): what the collect form sends the LAN listener under
// /c/api/ and what it gets back, in the core's { ok, value } / { ok: false, error } shape.
// These are not channels of the admin contract: the phone form holds no staff session, and
// after `open` it carries `Authorization: Bearer <session>` instead.
import { z } from './zod';

export const DOCUMENT_KINDS = ['card_front', 'card_back', 'notice_card', 'resident_record', 'photo_id'] as const;

export const COLLECT_STATES = ['open', 'submitted', 'returned', 'locked'] as const;

const collectState = z.object({
  registrant: z.object({ displayName: z.string() }),
  state: z.enum(COLLECT_STATES),
  returnReason: z.string().optional(),
});

export const phoneApi = {
  open: {
    // Lengths are bounded; a token of the wrong shape is simply one that opens nothing.
    input: z.object({
      token: z.string().max(200),
      passcode: z.string().max(200),
      birthDate: z.string().max(40).optional(),
    }),
    output: collectState.extend({ session: z.string() }),
  },
  state: {
    input: z.object({}),
    output: collectState,
  },
  /** The text fields of the multipart upload; the image is its `file` part (its name ignored). */
  documents: {
    input: z.strictObject({
      kind: z.enum(DOCUMENT_KINDS),
      // 'self', or the temporary id the form gave a dependent (its own random, URL-safe id).
      subject: z.union([z.literal('self'), z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)]),
    }),
    output: z.object({ documentId: z.string() }),
  },
};

export type CollectOpenValue = z.infer<typeof phoneApi.open.output>;
export type CollectStateValue = z.infer<typeof phoneApi.state.output>;
export type CollectDocumentValue = z.infer<typeof phoneApi.documents.output>;
