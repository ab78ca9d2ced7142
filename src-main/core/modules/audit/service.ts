// Reading the audit trail: rows newest first, each with what its target is called now, so a
// person reads "sato.k" or "山田 太郎" rather than an id, filtered if asked to what is about one
// registrant (them, their dependents, their submissions); the chain check; and the quick check
// of the database against the chain head kept outside it.
import type { AuditTargetKind } from '../../../../src-shared/audit-vocabulary';
import type { CallContext } from '../../kernel/context';
import type { AuditFilter, AuditLog } from '../../platform/audit/audit-log';
import type { AuditHeadMirror } from '../../platform/audit/head-mirror';
import { toSummary, type UserRepository } from '../users/repository';

/** The trail's filter as the contract gives it: the log's, with a registrant in place of a list of targets. */
export type AuditQueryFilter = Omit<AuditFilter, 'targetIds' | 'visible'> & { registrantId?: string | undefined };

export interface AuditDeps {
  auditLog: AuditLog;
  headMirror: AuditHeadMirror;
  users: UserRepository;
  /** The registrant, or NOT_FOUND when absent or outside the caller's sight (registrants.require). */
  requireRegistrant: (ctx: CallContext, id: string) => { id: string };
  /** The ids of a registrant's dependents and of their submissions: the other targets "about" them. */
  dependentIdsOf: (registrantId: string) => string[];
  submissionIdsOf: (registrantId: string) => string[];
  /** The caller's scope on the trail: entries about registrants they may not see are left out. */
  auditVisibility: (ctx: CallContext) => AuditFilter['visible'];
  /** What a target of each kind is called now, as the caller may know it; null when it is gone (or out of their sight). */
  labels: Partial<Record<AuditTargetKind, (id: string, ctx: CallContext) => string | null>>;
}

export function createAuditService({ auditLog, headMirror, users, labels, requireRegistrant, dependentIdsOf, submissionIdsOf, auditVisibility }: AuditDeps) {
  const targetLabel = (ctx: CallContext, type: string | null, id: string | null): string | null => {
    if (!type || !id) return null;
    return labels[type as AuditTargetKind]?.(id, ctx) ?? null;
  };

  /**
   * The targets whose entries are about a registrant: the registrant, their dependents and
   * their submissions (as they are now). NOT_FOUND when the caller may not see the registrant.
   */
  function targetsAbout(ctx: CallContext, registrantId: string): string[] {
    const registrant = requireRegistrant(ctx, registrantId);
    return [registrant.id, ...dependentIdsOf(registrant.id), ...submissionIdsOf(registrant.id)];
  }

  return {
    query(ctx: CallContext, input: { filter?: AuditQueryFilter; offset?: number; limit?: number }) {
      const { registrantId, ...rest } = input.filter ?? {};
      // With targetId as well, both narrow (target_id = … AND target_id IN …): one target of theirs, or nothing.
      const filter: AuditFilter = {
        ...rest,
        ...(registrantId === undefined ? {} : { targetIds: targetsAbout(ctx, registrantId) }),
        visible: auditVisibility(ctx),
      };
      const result = auditLog.query(filter, input.offset ?? 0, input.limit ?? 100);
      const rows = result.rows.map((row) => ({ ...row, targetLabel: targetLabel(ctx, row.targetType, row.targetId) }));
      // One entry per call; whose trail was read is recorded too (no target: the entry reads the trail).
      ctx.tx(() => ctx.audit({ action: 'audit.query', detail: { returned: rows.length, registrantId } }));
      return { rows, total: result.total };
    },

    /** Everyone who could appear as an actor, for the trail's filter: login users, disabled ones included. */
    actors: () => ({ rows: users.list().map(toSummary) }),

    async verify(ctx: CallContext) {
      const result = auditLog.verify(await headMirror.read());
      ctx.tx(() =>
        ctx.audit({
          action: 'audit.verify',
          outcome: result.ok ? 'success' : 'failure',
          detail: { checked: result.checked, firstBadSeq: result.firstBadSeq ?? null, problem: result.problem ?? null },
        }),
      );
      return result;
    },

    async status() {
      const problem = auditLog.checkHead(await headMirror.read());
      return { headOk: problem === null, problem };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
