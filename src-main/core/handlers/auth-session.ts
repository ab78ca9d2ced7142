// The signed-in session: password re-entry (a 5-minute window), keep-alive for the idle
// lock, locking, logging out, and who am I.
import { REAUTH_WINDOW_MS } from '../../../src-shared/domain';
import type { Handler } from './context';
import { AppError } from '../errors';
import { assertMayTry, recordFailure } from './auth-failures';
import { verifyPassword } from '../services/passwords';
import { toSummary } from '../services/users';

export const authReauth: Handler<'auth.reauth'> = async (input, ctx) => {
  const user = ctx.user!;
  assertMayTry(ctx, user.loginId, user, 'auth.reauth');
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    recordFailure(ctx, user.loginId, user, 'auth.reauth', 'bad_password');
    throw new AppError('FORBIDDEN', 'パスワードが正しくありません');
  }
  const until = ctx.now.getTime() + REAUTH_WINDOW_MS;
  ctx.tx(() => {
    ctx.vault.throttle.recordSuccess(user.loginId);
    ctx.audit({ action: 'auth.reauth', targetType: 'user', targetId: user.id });
  });
  ctx.session.reauthUntil = until;
  return { until: new Date(until).toISOString() };
};

export const authKeepAlive: Handler<'auth.keepAlive'> = (_input, ctx) => {
  // The dispatcher already counted this call as activity.
  const minutes = ctx.vault.settings.security().idleLockMinutes;
  return { idleLockAt: new Date(ctx.now.getTime() + minutes * 60_000).toISOString() };
};

export const authLock: Handler<'auth.lock'> = (_input, ctx) => {
  if (ctx.user) {
    ctx.tx(() => ctx.audit({ action: 'auth.lock', targetType: 'user', targetId: ctx.user!.id, detail: { reason: 'requested' } }));
    ctx.vault.sessions.lock(ctx.session);
  }
  return {};
};

export const authLogout: Handler<'auth.logout'> = (_input, ctx) => {
  if (ctx.user) ctx.tx(() => ctx.audit({ action: 'auth.logout', targetType: 'user', targetId: ctx.user!.id }));
  ctx.vault.sessions.signOut(ctx.session);
  return {};
};

export const authMe: Handler<'auth.me'> = (_input, { vault, user, session, now }) => {
  const locked = session.lockedUserId ? vault.users.findById(session.lockedUserId) : null;
  return {
    user: user ? toSummary(user) : null,
    account: user ? { email: user.email, secondFactor: user.secondFactor, totpEnrolled: !!user.totpSecretSealed } : null,
    reauthUntil: session.reauthUntil !== null && session.reauthUntil > now.getTime() ? new Date(session.reauthUntil).toISOString() : null,
    mustChangePassword: user?.mustChangePassword ?? false,
    idleLockMinutes: vault.settings.security().idleLockMinutes,
    locked: locked && !locked.disabled ? { loginId: locked.loginId, displayName: locked.displayName } : null,
  };
};
