// The audit page's labels, typed against the shared audit vocabulary: a new action, reason,
// target kind, outcome, chain problem or channel cannot reach the page without a label in
// both languages (ja.ts and en.ts fail the type check until it has one).
import type { ChannelName } from '../../../../src-shared/access';
import type { AuditAction, AuditActionGroup, AuditOutcome, AuditReason, AuditTargetKind } from '../../../../src-shared/audit-vocabulary';
import type { AUDIT_CHAIN_PROBLEMS } from '../../../../src-shared/contract';

export type AuditChainProblem = (typeof AUDIT_CHAIN_PROBLEMS)[number];

/** Channels that are not audited actions of their own, named when a call of one is refused. */
export type OtherChannel = Exclude<ChannelName, AuditAction>;

export interface AuditLabels {
  groups: Record<AuditActionGroup, string>;
  actions: Record<AuditAction, string>;
  channels: Record<OtherChannel, string>;
  reasons: Record<AuditReason, string>;
  targetKinds: Record<AuditTargetKind, string>;
  outcomes: Record<AuditOutcome, string>;
  /** Where the chain breaks, said plainly; `seq` is the first entry that does not check out, when known. */
  chainProblems: Record<AuditChainProblem, (seq: number | null) => string>;
}
