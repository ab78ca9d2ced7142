import type { Handler } from './context';

export const auditQuery: Handler<'audit.query'> = (input, ctx) => {
  const result = ctx.vault.auditLog.query(input.filter ?? {}, input.offset ?? 0, input.limit ?? 100);
  ctx.tx(() => ctx.audit({ action: 'audit.query', detail: { returned: result.rows.length } }));
  return result;
};

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
