// The audit trail (操作履歴): reading it, and checking its chain.
import { AUDIT_OUTCOMES } from '../audit-vocabulary';
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

export const auditChannels = {
  'audit.query': channel({
    input: z.object({
      filter: z
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
        })
        .optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    output: z.object({ rows: z.array(auditRow), total: z.number().int() }),
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
