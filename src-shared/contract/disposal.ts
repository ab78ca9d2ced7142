// Retention (保存期間) and physical disposal (物理削除): the rules per attribute, the 廃棄予定
// list, the disposal itself (password re-entered; cannot be undone) and its record (廃棄記録),
// listed, exported as CSV and printed as 個人番号削除証明書.
import { RETENTION_BASES, RETENTION_MAX_YEARS } from '../retention';
import { channel } from './define';
import { attributeCode, empty, id } from './fields';
import { reasonText } from './registrant-status';
import { z } from './zod';

export const DISPOSAL_SCOPES = ['numbers_and_documents', 'whole_record'] as const;
export type DisposalScope = (typeof DISPOSAL_SCOPES)[number];

/** The kinds of data a disposal record counts (never their content). */
export const DISPOSAL_ITEM_KINDS = ['myNumber', 'documents', 'dependentNumbers', 'dependents', 'submissions', 'record'] as const;
export type DisposalItemKind = (typeof DISPOSAL_ITEM_KINDS)[number];

/** The most subjects one disposal takes. */
export const MAX_DISPOSAL_SUBJECTS = 500;

export const retentionRuleRow = z.object({
  attribute: attributeCode,
  years: z.number().int(),
  basis: z.enum(RETENTION_BASES),
  /** false: the attribute has no rule of its own and follows 'other'. */
  own: z.boolean(),
});
export type RetentionRuleRow = z.infer<typeof retentionRuleRow>;

export const disposalSubject = z.union([z.object({ registrantId: id }).strict(), z.object({ dependentId: id }).strict()]);
export type DisposalSubjectInput = z.infer<typeof disposalSubject>;

export const dueRow = z.object({
  registrantId: z.string(),
  employeeCode: z.string().nullable(),
  familyName: z.string(),
  givenName: z.string(),
  attributes: z.array(z.string()),
  leaveDate: z.string(),
  dueDate: z.string(),
  /** The due date has come (Japan's calendar date). */
  due: z.boolean(),
  hasMyNumber: z.boolean(),
  documentCount: z.number().int(),
  dependentCount: z.number().int(),
  dependentNumberCount: z.number().int(),
});
export type DueRow = z.infer<typeof dueRow>;

export const disposalRecordRow = z.object({
  id: z.string(),
  batchId: z.string(),
  disposedAt: z.string(),
  actorLabel: z.string(),
  subjectType: z.enum(['registrant', 'dependent']),
  employeeCode: z.string().nullable(),
  subjectName: z.string(),
  registrantName: z.string().nullable(),
  scope: z.enum(DISPOSAL_SCOPES),
  items: z.partialRecord(z.enum(DISPOSAL_ITEM_KINDS), z.number().int()),
  reason: z.string(),
  /**
   * Backups taken before this disposal that still hold the data: how many and the date by which
   * the backup rotation has removed the last of them (null when no schedule will: they must be
   * deleted by hand); null when none is known.
   */
  backupsHoldUntil: z.object({ count: z.number().int(), until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable() }).nullable(),
});
export type DisposalRecordRow = z.infer<typeof disposalRecordRow>;

const period = z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }).strict();

export const disposalChannels = {
  /** Every attribute's rule (an attribute without its own follows 'other'). */
  'retention.rules': channel({
    input: empty,
    output: z.object({ rows: z.array(retentionRuleRow) }),
  }),
  /** An admin sets an attribute's rule. */
  'retention.setRule': channel({
    input: z.object({ attribute: attributeCode, years: z.number().int().min(0).max(RETENTION_MAX_YEARS), basis: z.enum(RETENTION_BASES) }).strict(),
    output: empty,
  }),
  /**
   * The 廃棄予定 list: registrants with a leave or end date, their disposal due date, and what
   * of theirs is still held; `dueOnly` leaves out those not due yet. `dueCount` counts those due
   * whatever the filter (the dashboard's alert).
   */
  'disposal.due': channel({
    input: z.object({ dueOnly: z.boolean().optional() }).strict(),
    output: z.object({ rows: z.array(dueRow), dueCount: z.number().int() }),
  }),
  /** Physical disposal (物理削除); cannot be undone. Needs the password re-entered. */
  'disposal.dispose': channel({
    input: z.object({ subjects: z.array(disposalSubject).min(1).max(MAX_DISPOSAL_SUBJECTS), scope: z.enum(DISPOSAL_SCOPES), reason: reasonText }).strict(),
    output: z.object({ disposed: z.number().int(), batchId: z.string() }),
  }),
  /** The 廃棄記録, newest first, optionally within a period (Japan's dates, inclusive), or one disposal's rows. */
  'disposal.records': channel({
    input: period.extend({ batchId: id.optional() }).strict(),
    output: z.object({ rows: z.array(disposalRecordRow) }),
  }),
  /** The 廃棄記録 of a period as CSV (UTF-8 with BOM, for Excel). */
  'disposal.exportRecords': channel({
    input: period,
    output: z.object({ fileName: z.string(), contentBase64: z.string(), rowCount: z.number().int() }),
  }),
};
