// The signed-in session: password re-entry (a 5-minute window), keep-alive for the idle
// lock, locking, logging out, and who am I.
import { REAUTH_WINDOW_MS } from '../../../../src-shared/domain';
import { staffOf, type CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { SessionStore } from '../../kernel/sessions';
import { toSummary, type UserRepository } from '../users/repository';
import type { CredentialGuard } from './credentials';
import { verifyPassword } from './passwords';

export interface SessionDeps {
  users: UserRepository;
  sessions: SessionStore;
  guard: CredentialGuard;
  idleLockMinutes(): number;
}

export function createSessionService({ users, sessions, guard, idleLockMinutes }: SessionDeps) {
  async function reauth(ctx: CallContext, input: { password: string }) {
    const user = users.findById(staffOf(ctx).id)!;
    const outcome = await guard.attempt(
      ctx,
      { loginId: user.loginId, user, action: 'auth.reauth' },
      async () => ((await verifyPassword(user.passwordHash, input.password)) ? null : 'bad_password'),
      () => {
        const until = ctx.now.getTime() + REAUTH_WINDOW_MS;
        ctx.tx(() => {
          guard.succeeded(user.loginId);
          ctx.audit({ action: 'auth.reauth', targetType: 'user', targetId: user.id });
        });
        ctx.session.reauthUntil = until;
        return until;
      },
    );
    if (!outcome.ok) throw new AppError('FORBIDDEN', 'errors.auth.badPassword');
    return { until: new Date(outcome.value!).toISOString() };
  }

  function keepAlive(ctx: CallContext) {
    // The dispatcher already counted this call as activity.
    return { idleLockAt: new Date(ctx.now.getTime() + idleLockMinutes() * 60_000).toISOString() };
  }

  function lock(ctx: CallContext) {
    if (ctx.user) {
      const id = ctx.user.id;
      ctx.tx(() => ctx.audit({ action: 'auth.lock', targetType: 'user', targetId: id, detail: { reason: 'requested' } }));
      sessions.lock(ctx.session);
    }
    return {};
  }

  function logout(ctx: CallContext) {
    if (ctx.user) {
      const id = ctx.user.id;
      ctx.tx(() => ctx.audit({ action: 'auth.logout', targetType: 'user', targetId: id }));
    } else if (ctx.session.lockedUserId) {
      // Signing out from the lock screen ends that user's session too: recorded as theirs.
      const locked = users.findById(ctx.session.lockedUserId);
      if (locked) ctx.tx(() => ctx.audit({ actorId: locked.id, actorLabel: locked.loginId, action: 'auth.logout', targetType: 'user', targetId: locked.id, detail: { fromLockScreen: true } }));
    }
    sessions.signOut(ctx.session);
    return {};
  }

  function me(ctx: CallContext) {
    const { session, now } = ctx;
    const user = ctx.user ? users.findById(ctx.user.id) : null;
    const locked = session.lockedUserId ? users.findById(session.lockedUserId) : null;
    return {
      user: user ? toSummary(user) : null,
      account: user ? { email: user.email, secondFactor: user.secondFactor, totpEnrolled: !!user.totpSecretSealed } : null,
      reauthUntil: session.reauthUntil !== null && session.reauthUntil > now.getTime() ? new Date(session.reauthUntil).toISOString() : null,
      mustChangePassword: user?.mustChangePassword ?? false,
      idleLockMinutes: idleLockMinutes(),
      locked: locked && !locked.disabled ? { loginId: locked.loginId, displayName: locked.displayName } : null,
    };
  }

  return { reauth, keepAlive, lock, logout, me };
}

export type SessionService = ReturnType<typeof createSessionService>;
