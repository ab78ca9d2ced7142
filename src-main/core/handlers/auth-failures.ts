// Shared by every step that checks a credential: the throttle gate before checking, and the
// failure record after (throttle count, audit entry with the reason, lockout entry).
import type { CallContext } from './context';
import { AppError } from '../errors';
import type { UserRecord } from '../services/users';

export const BAD_CREDENTIALS = 'ログインIDまたはパスワードが正しくありません';
export const TOO_MANY_ATTEMPTS = '失敗が続いたため、しばらく待ってから再度お試しください';
export const LOCKED_OUT =
  'ログインの失敗が続いたため、このログインIDは一時的にロックされています。1時間後に再度お試しいただくか、管理者に解除を依頼してください';

/** Refuses the attempt (and audits the refusal) while the login ID is delayed or locked. */
export function assertMayTry(ctx: CallContext, loginId: string, user: UserRecord | null, action: string): void {
  const state = ctx.vault.throttle.check(loginId, ctx.now);
  if (state.kind === 'open') return;
  ctx.tx(() =>
    ctx.audit({
      actorId: user?.id ?? null,
      actorLabel: user?.loginId ?? null,
      action,
      outcome: 'failure',
      targetType: 'user',
      targetId: user?.id ?? null,
      detail: { reason: state.kind === 'locked' ? 'locked' : state.kind === 'ceiling' ? 'hourly_ceiling' : 'delayed' },
    }),
  );
  if (state.kind === 'locked') throw new AppError('LOCKED', LOCKED_OUT);
  throw new AppError('RATE_LIMITED', TOO_MANY_ATTEMPTS);
}

/** Counts a failed credential against the login ID and audits it with its reason. */
export function recordFailure(ctx: CallContext, loginId: string, user: UserRecord | null, action: string, reason: string): void {
  ctx.tx(() => {
    const lockedNow = ctx.vault.throttle.recordFailure(loginId, ctx.now);
    const who = { actorId: user?.id ?? null, actorLabel: user?.loginId ?? null, targetType: 'user', targetId: user?.id ?? null };
    ctx.audit({ ...who, action, outcome: 'failure', detail: { reason } });
    if (lockedNow) ctx.audit({ ...who, action: 'auth.lockout', outcome: 'denied', detail: { reason: 'too_many_failures' } });
  });
}
