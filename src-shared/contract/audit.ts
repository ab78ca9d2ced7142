// The audit trail (操作履歴): reading it, and checking its chain.
import { AUDIT_OUTCOMES } from '../audit-vocabulary';
import { CSV_ENCODINGS } from './csv';
import { channel } from './define';
import { empty, id, isoDate } from './fields';
import { userSummary } from './users';
import { z } from './zod';

export const auditRow = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(AUDIT_OUTCOMES),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** What the target is called now (a login ID, a registrant's name); null when it is gone or has no name. */
  targetLabel: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditRow = z.infer<typeof auditRow>;

/** Why the chain does not verify, when it does not. */
export const AUDIT_CHAIN_PROBLEMS = ['entry_altered', 'tail_cut', 'older_than_head', 'head_mismatch', 'head_missing'] as const;

const verifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBadSeq: z.number().int().optional(),
  problem: z.enum(AUDIT_CHAIN_PROBLEMS).optional(),
});

/** How far audit.query counts the entries matching: beyond it the total reads "1,000 or more". */
export const AUDIT_COUNT_CAP = 1_000;

/** The most entries one CSV download of the trail holds: a narrower filter for more. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

const auditFilter = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    actorId: z.string().max(100).optional(),
    action: z.string().max(100).optional(),
    outcome: z.enum(AUDIT_OUTCOMES).optional(),
    targetId: z.string().max(100).optional(),
    /**
     * Entries about this registrant: whose target is the registrant, one of their
     * dependents or one of their submissions (as those are now). NOT_FOUND when the
     * registrant is absent or outside the caller's groups. Like every filter it narrows the
     * others: with targetId as well, only that target's entries, and none unless the target
     * is one of the registrant's.
     */
    registrantId: id.optional(),
    /** Leave out ROUTINE_VIEW_ACTIONS (list and record views). */
    hideRoutineViews: z.boolean().optional(),
    /** The purpose of use a reveal, an image view or an export was made for (its id, e.g. withholding_slip or identity_check). */
    purpose: z.string().max(100).optional(),
  });
export type AuditFilterInput = z.infer<typeof auditFilter>;

/** A month as YYYY-MM (a month of Japan's calendar: its days begin at 0:00 JST). */
export const reportMonth = z.string().regex(/^(19|20)\d\d-(0[1-9]|1[0-2])$/);

const countBy = z.array(z.object({ key: z.string(), label: z.string(), count: z.number().int() }));
const heldRow = z.object({ key: z.string(), label: z.string(), registrants: z.number().int(), withNumber: z.number().int() });
const byPurposeAndUser = z.object({ total: z.number().int(), byPurpose: countBy, byUser: countBy });

/** The monthly handling report (取扱状況): counts only; never a number or a person's record. */
export const handlingReport = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  generatedAt: z.string(),
  /** What is held now (the vault keeps no past state of the records): by attribute and by group. */
  held: z.object({
    registrants: z.number().int(),
    withNumber: z.number().int(),
    dependents: z.number().int(),
    dependentsWithNumber: z.number().int(),
    byAttribute: z.array(heldRow),
    byGroup: z.array(heldRow),
  }),
  reveals: byPurposeAndUser,
  imageViews: byPurposeAndUser,
  exports: byPurposeAndUser,
  imports: z.object({ files: z.number().int(), rows: z.number().int(), byUser: countBy }),
  disposals: z.object({ total: z.number().int(), byAction: countBy }),
  failedLogins: z.object({ total: z.number().int(), byReason: countBy }),
  /** The last entry of the trail before the month's end, as the chain stood then. */
  chainHead: z.object({ seq: z.number().int(), hashPrefix: z.string(), at: z.string() }).nullable(),
});
export type HandlingReport = z.infer<typeof handlingReport>;

const csvFile = z.object({ fileName: z.string(), contentBase64: z.string(), rowCount: z.number().int() });

export const auditChannels = {
  'audit.query': channel({
    input: z.object({
      filter: auditFilter.optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    /** total: the entries matching, counted up to AUDIT_COUNT_CAP; totalIsLowerBound when more match. */
    output: z.object({ rows: z.array(auditRow), total: z.number().int(), totalIsLowerBound: z.boolean() }),
  }),
  /** The filtered entries (newest first, at most AUDIT_EXPORT_MAX_ROWS) as a CSV file; itself audited. */
  'audit.export': channel({
    input: z.object({ filter: auditFilter.optional(), encoding: z.enum(CSV_ENCODINGS).default('cp932') }),
    output: csvFile,
  }),
  'audit.report': channel({
    input: z.object({ month: reportMonth }),
    output: handlingReport,
  }),
  /** The same report as a CSV file (section, item, count). */
  'audit.reportCsv': channel({
    input: z.object({ month: reportMonth, encoding: z.enum(CSV_ENCODINGS).default('cp932') }),
    output: csvFile,
  }),
  'audit.actors': channel({
    input: empty,
    output: z.object({ rows: z.array(userSummary) }),
  }),
  'audit.verify': channel({
    input: empty,
    output: verifyResult,
  }),
  /**
   * A quick check for the dashboard: does the database reach the chain head kept outside it
   * (in the key store)? Nothing personal; every role sees it.
   */
  'audit.status': channel({
    input: empty,
    output: z.object({ headOk: z.boolean(), problem: z.enum(AUDIT_CHAIN_PROBLEMS).nullable() }),
  }),
};
