// Collection settings: the company name the phone form shows, the company passcode
// (会社パスコード, asked before anything personal is shown; stored hashed, never returned),
// whether the registered birth date is asked too, and how long an invitation link lasts.
import { MAIL_BODY_MAX, MAIL_FAILURE_CODES, MAIL_KINDS, MAIL_SUBJECT_MAX } from '../collection-mail';
import { channel } from './define';
import { empty, id } from './fields';
import { registrantListQuery } from './registrants';
import { z } from './zod';

export const LINK_VALID_DAYS_DEFAULT = 14;
export const PASSCODE_MIN_LENGTH = 6;
export const PASSCODE_MAX_LENGTH = 64;

export const collectionSettingsView = z.object({
  companyName: z.string(),
  passcodeSet: z.boolean(),
  requireBirthDate: z.boolean(),
  linkValidDays: z.number().int(),
});

export const collectionChannels = {
  'collection.getSettings': channel({ input: empty, output: collectionSettingsView }),
  'collection.configure': channel({
    input: z.object({
      companyName: z.string().trim().min(1).max(100),
      /** Omitted: keep the stored passcode. */
      passcode: z.string().min(PASSCODE_MIN_LENGTH).max(PASSCODE_MAX_LENGTH).optional(),
      requireBirthDate: z.boolean(),
      linkValidDays: z.number().int().min(1).max(90),
    }),
    output: empty,
  }),
};

// Collection e-mails (収集メール) and the printable QR sheets: the templates (admins edit them;
// whoever sends reads them for the preview), sending a batch to chosen registrants or to a
// filter of the registrant list, its progress through the outbox, its failures and a retry,
// and a sheet per registrant with a fresh link as a QR code. Every mail and every sheet issues
// a new link (the previous one stops working); a link is shown only on the sheet just issued.

/** At most this many mails in one batch (a narrower filter sends the rest). */
export const MAX_MAIL_RECIPIENTS = 5000;
/** At most this many sheets printed at once. */
export const MAX_QR_SHEETS = 500;

export const mailTemplatesInput = z.object({
  invitationSubject: z.string().trim().min(1).max(MAIL_SUBJECT_MAX),
  invitationBody: z.string().trim().min(1).max(MAIL_BODY_MAX),
  reminderSubject: z.string().trim().min(1).max(MAIL_SUBJECT_MAX),
  reminderBody: z.string().trim().min(1).max(MAIL_BODY_MAX),
});

const templatesShape = z.object({ invitationSubject: z.string(), invitationBody: z.string(), reminderSubject: z.string(), reminderBody: z.string() });

/** Whom a batch or a sheet goes to: chosen registrants, or every registrant a list filter finds (within the caller's groups). */
export const recipientTarget = z.discriminatedUnion('by', [
  z.object({ by: z.literal('ids'), registrantIds: z.array(id).min(1).max(MAX_MAIL_RECIPIENTS) }),
  z.object({ by: z.literal('filter'), filter: registrantListQuery.shape.filter.unwrap() }),
]);

export const outboxBatch = z.object({
  batchId: z.string(),
  kind: z.enum(MAIL_KINDS),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  /** Within the caller's groups. */
  total: z.number().int(),
  queued: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  /** Queued rows that have been tried and will be tried again. */
  retrying: z.number().int(),
  /** Why the latest try of a row still queued failed (the SMTP server down, say). */
  lastProblem: z.object({ code: z.enum(MAIL_FAILURE_CODES), text: z.string().nullable() }).nullable(),
  done: z.boolean(),
});

export const outboxFailure = z.object({
  id: z.string(),
  registrantId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  code: z.enum(MAIL_FAILURE_CODES),
  /** The server's reply or the connection's error, scrubbed of anything like a token. */
  text: z.string().nullable(),
  attempts: z.number().int(),
  at: z.string().nullable(),
});

export const collectionMailChannels = {
  'collection.getMailTemplates': channel({
    input: empty,
    output: z.object({ templates: templatesShape, defaults: templatesShape, companyName: z.string(), linkValidDays: z.number().int() }),
  }),
  'collection.setMailTemplates': channel({ input: mailTemplatesInput, output: empty }),
  'collection.sendMail': channel({
    input: z.object({ kind: z.enum(MAIL_KINDS), target: recipientTarget }),
    output: z.object({
      /** null when nobody was left to mail. */
      batchId: z.string().nullable(),
      queued: z.number().int(),
      skipped: z.object({
        /** Without an e-mail address (the first 200; noEmailTotal counts them all). */
        noEmail: z.array(z.object({ registrantId: z.string(), name: z.string() })),
        noEmailTotal: z.number().int(),
        /** Found, but of a status this kind does not go to (a reminder to 承認待ち or 完了, say). */
        notApplicable: z.number().int(),
      }),
    }),
  }),
  'collection.outboxStatus': channel({ input: z.object({ batchId: id }), output: outboxBatch }),
  'collection.outboxBatches': channel({ input: empty, output: z.object({ rows: z.array(outboxBatch) }) }),
  'collection.outboxFailures': channel({ input: z.object({ batchId: id }), output: z.object({ rows: z.array(outboxFailure) }) }),
  'collection.retryFailed': channel({
    input: z.object({ batchId: id }),
    output: z.object({ requeued: z.number().int(), notApplicable: z.number().int() }),
  }),
};
