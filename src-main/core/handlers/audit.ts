// Reading the audit trail: rows newest first, each with what its target is called now, so a
// person reads "sato.k" or "山田 太郎" rather than an id; and the chain check.
import type { CallContext, Handler } from './context';
import { toSummary } from '../services/users';

function targetLabel(ctx: CallContext, type: string | null, id: string | null): string | null {
  if (!type || !id) return null;
  if (type === 'user') return ctx.vault.users.findById(id)?.loginId ?? null;
  if (type === 'registrant') {
    const r = ctx.vault.registrants.findById(id);
    return r ? `${r.familyName} ${r.givenName}` : null;
  }
  return null;
}

export const auditQuery: Handler<'audit.query'> = (input, ctx) => {
  const result = ctx.vault.auditLog.query(input.filter ?? {}, input.offset ?? 0, input.limit ?? 100);
  const rows = result.rows.map((row) => ({ ...row, targetLabel: targetLabel(ctx, row.targetType, row.targetId) }));
  ctx.tx(() => ctx.audit({ action: 'audit.query', detail: { returned: rows.length } }));
  return { rows, total: result.total };
};

/** Everyone who could appear as an actor, for the trail's filter: login users, disabled ones included. */
export const auditActors: Handler<'audit.actors'> = (_input, ctx) => ({ rows: ctx.vault.users.list().map(toSummary) });

export const auditVerify: Handler<'audit.verify'> = (_input, ctx) => {
  const result = ctx.vault.auditLog.verify();
  ctx.tx(() =>
    ctx.audit({
      action: 'audit.verify',
      outcome: result.ok ? 'success' : 'failure',
      detail: { checked: result.checked, firstBadSeq: result.firstBadSeq ?? null },
    }),
  );
  return result;
};
