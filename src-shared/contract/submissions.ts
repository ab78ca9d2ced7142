// Submissions and their review: what a registrant (later, on the phone form) or HR on their
// behalf (代理入力) hands in — the registrant's number, dependents added or changed with their
// numbers — waits as `pending` until someone other than its author approves, returns (差戻し)
// or declines (拒否) it. Nothing here ever carries a number out: only `hasMyNumber`.
import { REGISTRANT_STATUSES } from '../domain';
import { customRule } from '../messages';
import { channel } from './define';
import { RELATIONSHIPS, dependentFieldShape, spouseOnlyCategory3 } from './dependents';
import { empty, id, myNumberInput, optionalText } from './fields';
import { reasonText } from './registrant-status';
import { CROSS_CHECK_VERDICTS } from './crosscheck';
import { DOCUMENT_SETS } from './document-kinds';
import { documentRow } from './documents';
import { z } from './zod';

export const SUBMISSION_STATES = ['pending', 'approved', 'returned', 'declined'] as const;
export const SUBMISSION_SOURCES = ['proxy', 'registrant'] as const;
/**
 * Does a proxy entry wait for a second login user's approval? `auto`: yes when the vault has
 * two or more active admin/manager users (the default); `required`: always; `notRequired`:
 * never (it is applied as it is entered, like a number stored by HR).
 */
export const PROXY_APPROVAL = ['auto', 'required', 'notRequired'] as const;

/** At most this many dependents in one submission. */
export const MAX_SUBMITTED_DEPENDENTS = 20;

const submittedDependent = spouseOnlyCategory3(
  z.object({ dependentId: id.optional(), ...dependentFieldShape, myNumber: optionalText(myNumberInput) }),
);

const person = z.object({
  familyName: z.string(),
  givenName: z.string(),
  familyNameKana: z.string(),
  givenNameKana: z.string(),
  employeeCode: z.string().nullable(),
});

const actor = z.object({ id: z.string(), label: z.string().nullable() }).nullable();

export const submissionSummary = z.object({
  id: z.string(),
  registrantId: z.string(),
  registrant: person,
  registrantStatus: z.enum(REGISTRANT_STATUSES),
  source: z.enum(SUBMISSION_SOURCES),
  status: z.enum(SUBMISSION_STATES),
  reviewRequired: z.boolean(),
  enteredBy: actor,
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  /** Whether the submission carries the registrant's own number — never the number. */
  hasMyNumber: z.boolean(),
  dependentCount: z.number().int(),
});

export const submittedDependentView = z.object({
  position: z.number().int(),
  /** The dependent it changes; null for one added (until approved). */
  dependentId: z.string().nullable(),
  relationship: z.enum(RELATIONSHIPS),
  familyName: z.string(),
  givenName: z.string(),
  familyNameKana: z.string(),
  givenNameKana: z.string(),
  birthDate: z.string().nullable(),
  taxDependent: z.boolean(),
  category3: z.boolean(),
  hasMyNumber: z.boolean(),
  documentSet: z.enum(DOCUMENT_SETS).nullable(),
  crossCheck: z.enum(CROSS_CHECK_VERDICTS).nullable(),
});

export const submissionsChannels = {
  'submissions.list': channel({
    input: z.object({
      status: z.enum(SUBMISSION_STATES).optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
    output: z.object({ rows: z.array(submissionSummary), total: z.number().int() }),
  }),
  'submissions.get': channel({
    input: z.object({ id }),
    output: z.object({
      submission: submissionSummary.extend({
        decidedBy: actor,
        reason: z.string().nullable(),
        dependents: z.array(submittedDependentView),
        /** Whether this caller may approve it now (pending, and not its author). */
        mayApprove: z.boolean(),
        /** The combination of ID documents the registrant chose (the phone form's). */
        documentSet: z.enum(DOCUMENT_SETS).nullable(),
        /** The registrant's number against the ID photos; null while being checked or with nothing to check. */
        crossCheck: z.enum(CROSS_CHECK_VERDICTS).nullable(),
        /** A pending number is held by another person already: approval will be refused. */
        numberHeldElsewhere: z.boolean(),
        documents: z.array(documentRow),
      }),
    }),
  }),
  /** The dashboard's count: submissions waiting for review, among the registrants the caller may see. */
  'submissions.summary': channel({
    input: empty,
    output: z.object({ waiting: z.number().int() }),
  }),
  'submissions.createProxy': channel({
    input: z
      .object({
        registrantId: id,
        myNumber: optionalText(myNumberInput),
        dependents: z.array(submittedDependent).max(MAX_SUBMITTED_DEPENDENTS).optional(),
      })
      .refine((s) => s.myNumber !== undefined || (s.dependents?.length ?? 0) > 0, { path: ['myNumber'], ...customRule('nothingSubmitted') }),
    /** `approved`: no second approval was needed, so it has been applied already. */
    output: z.object({ id: z.string(), status: z.enum(SUBMISSION_STATES) }),
  }),
  'submissions.approve': channel({
    input: z.object({ id }),
    output: empty,
  }),
  'submissions.return': channel({
    input: z.object({ id, reason: reasonText }),
    output: empty,
  }),
  'submissions.decline': channel({
    input: z.object({ id, reason: reasonText }),
    output: empty,
  }),
  'submissions.getSettings': channel({
    input: empty,
    output: z.object({
      proxyApproval: z.enum(PROXY_APPROVAL),
      /** Whether a proxy entry made now would wait for a second user's approval. */
      reviewRequiredNow: z.boolean(),
    }),
  }),
  'submissions.configure': channel({
    input: z.object({ proxyApproval: z.enum(PROXY_APPROVAL) }),
    output: empty,
  }),
};
