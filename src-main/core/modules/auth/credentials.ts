// The guard every credential check goes through (password at login, re-entry and change;
// TOTP and e-mail codes; reset codes). Checks of one login ID run one at a time, so thirty
// parallel guesses are counted one after another and the throttle stops them as it would
// stop thirty in a row: the gate is asked, the credential checked and a failure recorded
// before the next guess is looked at.
import type { AuditAction, AuditReason } from '../../../../src-shared/audit-vocabulary';
import type { CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { KeyedLock } from '../../kernel/keyed-lock';
import type { LoginThrottle } from './throttle';

/** Whose credential: the login ID as typed, and the user it names, if any. */
export interface CredentialSubject {
  loginId: string;
  user: { id: string; loginId: string } | null;
  action: AuditAction;
}

export function createCredentialGuard({ throttle, lock }: { throttle: LoginThrottle; lock: KeyedLock }) {
  const who = (s: CredentialSubject) => ({
    actorId: s.user?.id ?? null,
    actorLabel: s.user?.loginId ?? null,
    targetType: 'user' as const,
    targetId: s.user?.id ?? null,
  });

  /** Refuses the attempt (and audits the refusal) while the login ID is delayed or locked. */
  function gate(ctx: CallContext, subject: CredentialSubject): void {
    const state = throttle.check(subject.loginId, ctx.now);
    if (state.kind === 'open') return;
    const reason: AuditReason = state.kind === 'locked' ? 'locked' : state.kind === 'ceiling' ? 'hourly_ceiling' : 'delayed';
    ctx.tx(() => ctx.audit({ ...who(subject), action: subject.action, outcome: 'failure', detail: { reason } }));
    if (state.kind === 'locked') throw new AppError('LOCKED', 'errors.auth.lockedOut');
    throw new AppError('RATE_LIMITED', 'errors.auth.tooManyAttempts');
  }

  /** Counts a failed credential against the login ID and audits it with its reason. */
  function fail(ctx: CallContext, subject: CredentialSubject, reason: AuditReason): void {
    ctx.tx(() => {
      const lockedNow = throttle.recordFailure(subject.loginId, ctx.now);
      ctx.audit({ ...who(subject), action: subject.action, outcome: 'failure', detail: { reason } });
      if (lockedNow) ctx.audit({ ...who(subject), action: 'auth.lockout', outcome: 'denied', detail: { reason: 'too_many_failures' } });
    });
  }

  return {
    /**
     * One check: serialised per login ID, gated, and a failure (the reason `check` returns)
     * recorded. When the credential is right, `onSuccess` runs in the same turn of the lock,
     * so what it changes is in place before the next check of this ID begins.
     */
    async attempt<T = undefined>(
      ctx: CallContext,
      subject: CredentialSubject,
      check: () => Promise<AuditReason | null> | AuditReason | null,
      onSuccess?: () => Promise<T> | T,
    ): Promise<{ ok: true; value: T | undefined } | { ok: false; reason: AuditReason }> {
      return lock.run(`credential:${subject.loginId.trim().toLowerCase()}`, async () => {
        gate(ctx, subject);
        const reason = await check();
        if (reason) {
          fail(ctx, subject, reason);
          return { ok: false as const, reason };
        }
        return { ok: true as const, value: onSuccess ? await onSuccess() : undefined };
      });
    },
    /** A right credential ends the run of failures (call inside the transaction that records it). */
    succeeded(loginId: string): void {
      throttle.recordSuccess(loginId);
    },
  };
}

export type CredentialGuard = ReturnType<typeof createCredentialGuard>;
