// The phone API (DESIGN "The phone API"): what the collect form sends the LAN listener under
// /c/api/ and what it gets back, in the core's { ok, value } / { ok: false, error } shape.
// These are not channels of the admin contract: the phone form holds no staff session, and
// after `open` it carries `Authorization: Bearer <session>` instead.
import { dependentFieldShape, spouseOnlyCategory3 } from './dependents';
import { myNumberInput } from './fields';
import { reasonText } from './registrant-status';
import { MAX_SUBMITTED_DEPENDENTS } from './submissions';
import { DOCUMENT_KINDS, DOCUMENT_SETS } from './document-kinds';
import { z } from './zod';

export { DOCUMENT_KINDS, DOCUMENT_SET_KINDS, DOCUMENT_SETS, type DocumentSet } from './document-kinds';



/**
 * `open`: the form may be filled in; `submitted`: waiting for review, nothing can change;
 * `returned`: sent back (差戻し) with HR's reason, open again; `declined`: the registrant said
 * they will not provide their number (or HR declined it) — they may still submit;
 * `locked`: approved (完了), nothing can change.
 */
export const COLLECT_STATES = ['open', 'submitted', 'returned', 'declined', 'locked'] as const;

/** The phone form's own id for a dependent it adds, which its documents name as their subject. */
export const tempId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

const phoneDependent = spouseOnlyCategory3(
  z.strictObject({
    tempId,
    ...dependentFieldShape,
    myNumber: myNumberInput.optional(),
    documentSet: z.enum(DOCUMENT_SETS).optional(),
  }),
);

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
  /**
   * Hands the form in: the registrant's number with the documents of `documentSet` (ids from
   * `documents`, subject 'self'), and dependents each with their own; or `decline` alone
   * ("I will not provide my number", with a reason), which moves the registrant to 拒否.
   */
  submit: {
    input: z.union([
      z.strictObject({
        myNumber: myNumberInput,
        documentSet: z.enum(DOCUMENT_SETS),
        documentIds: z.array(z.string().max(100)).max(60),
        dependents: z.array(phoneDependent).max(MAX_SUBMITTED_DEPENDENTS),
      }),
      z.strictObject({ decline: z.strictObject({ reason: reasonText }) }),
    ]),
    output: z.object({ state: z.enum(['submitted', 'declined']) }),
  },
};

export type CollectOpenValue = z.infer<typeof phoneApi.open.output>;
export type CollectStateValue = z.infer<typeof phoneApi.state.output>;
export type CollectDocumentValue = z.infer<typeof phoneApi.documents.output>;
export type CollectSubmitInput = z.input<typeof phoneApi.submit.input>;
export type CollectSubmitValue = z.infer<typeof phoneApi.submit.output>;
