// Reading the audit trail: rows newest first, each with what its target is called now, so a
// person reads "sato.k" or "山田 太郎" rather than an id; the chain check; and the quick check
// of the database against the chain head kept outside it.
import type { AuditTargetKind } from '../../../../src-shared/audit-vocabulary';
import type { CallContext } from '../../kernel/context';
import type { AuditFilter, AuditLog } from '../../platform/audit/audit-log';
import type { AuditHeadMirror } from '../../platform/audit/head-mirror';
import { toSummary, type UserRepository } from '../users/repository';

export interface AuditDeps {
  auditLog: AuditLog;
  headMirror: AuditHeadMirror;
  users: UserRepository;
  /** What a target of each kind is called now, as the caller may know it; null when it is gone (or out of their sight). */
  labels: Partial<Record<AuditTargetKind, (id: string, ctx: CallContext) => string | null>>;
}

export function createAuditService({ auditLog, headMirror, users, labels }: AuditDeps) {
  const targetLabel = (ctx: CallContext, type: string | null, id: string | null): string | null => {
    if (!type || !id) return null;
    return labels[type as AuditTargetKind]?.(id, ctx) ?? null;
  };

  return {
    query(ctx: CallContext, input: { filter?: AuditFilter; offset?: number; limit?: number }) {
      const result = auditLog.query(input.filter ?? {}, input.offset ?? 0, input.limit ?? 100);
      const rows = result.rows.map((row) => ({ ...row, targetLabel: targetLabel(ctx, row.targetType, row.targetId) }));
      ctx.tx(() => ctx.audit({ action: 'audit.query', detail: { returned: rows.length } }));
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
