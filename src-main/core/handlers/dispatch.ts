// The one path every request takes, whichever adapter it enters by: channel look-up, input
// schema, session and role check, re-auth window, the handler, the output schema. Failures
// become { ok:false, error } with a stable code and a Japanese message; nothing internal
// (stack, SQL) crosses back.
import type { z } from 'zod';
import type { ChannelSpec } from '../../../src-shared/contract';
import type { Result } from '../../../src-shared/errors';
import { AppError } from '../errors';
import type { CallContext, Vault } from './context';
import type { Session } from '../sessions';
import type { UserRecord } from '../services/users';

export const MESSAGES = {
  unknownChannel: '不明な操作です',
  badSession: 'セッションが無効です。画面を再読み込みしてください',
  loginRequired: 'ログインしてください',
  locked: '一定時間操作がなかったため、画面をロックしました。もう一度ログインしてください',
  mustChangePassword: 'パスワードの変更が必要です。新しいパスワードを設定してください',
  forbidden: 'この操作を行う権限がありません',
  reauthRequired: 'この操作にはパスワードの再入力が必要です',
  internal: '処理中にエラーが発生しました。しばらくしてから再度お試しください',
} as const;

/** Calls that do not count as activity for the idle lock (the UI polls them). */
const PASSIVE_CHANNELS = new Set(['auth.me', 'setup.status']);

/** What a user who must change a password set by an admin may do before changing it. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['account.changePassword', 'auth.me', 'auth.logout', 'auth.lock', 'auth.keepAlive', 'setup.status']);

function idleExpired(vault: Vault, lastActivityAt: number, now: Date): boolean {
  return now.getTime() - lastActivityAt > vault.settings.security().idleLockMinutes * 60_000;
}

/**
 * The session's user as of this call: none if disabled or removed since login (the session
 * ends), none if idle past the lock time (the session locks, audited). A call counts as
 * activity unless it is a passive poll.
 */
function currentUser(vault: Vault, session: Session, channel: string, now: Date): UserRecord | null {
  if (!session.userId) return null;
  const user = vault.users.findById(session.userId);
  if (!user || user.disabled) {
    vault.sessions.endUserSessions(session.userId);
    return null;
  }
  if (idleExpired(vault, session.lastActivityAt, now)) {
    const ctx = makeContext(vault, channel, session, user, now);
    ctx.tx(() => ctx.audit({ action: 'auth.lock', targetType: 'user', targetId: user.id, detail: { reason: 'idle' } }));
    vault.sessions.lock(session);
    return null;
  }
  if (!PASSIVE_CHANNELS.has(channel)) session.lastActivityAt = now.getTime();
  return user;
}

function fail(code: AppError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

export function validationMessage(error: z.ZodError): string {
  const first = error.issues.slice(0, 3).map((i) => i.message);
  return first.length ? first.join('／') : '入力内容に誤りがあります';
}

type AnySpec = ChannelSpec<z.ZodType, z.ZodType>;
type AnyHandler = (input: never, ctx: CallContext) => unknown;

/** `contract` is the app's contract in production; tests pass small ones of their own. */
export function createDispatcher<C extends Record<string, AnySpec>>(vault: Vault, contract: C, handlers: { [K in keyof C]: AnyHandler }) {
  return async function call(sessionKey: string, channel: string, rawInput: unknown): Promise<Result<unknown>> {
    const session = vault.sessions.get(sessionKey);
    if (!session) return fail('FORBIDDEN', MESSAGES.badSession);
    if (!Object.prototype.hasOwnProperty.call(contract, channel)) return fail('NOT_FOUND', MESSAGES.unknownChannel);
    const spec = contract[channel]!;
    const now = vault.clock.now();

    const user = currentUser(vault, session, channel, now);
    const ctx = makeContext(vault, channel, session, user, now);
    if (spec.access !== 'public') {
      if (!user) return fail(session.lockedUserId ? 'LOCKED' : 'FORBIDDEN', session.lockedUserId ? MESSAGES.locked : MESSAGES.loginRequired);
      if (!spec.access.includes(user.role)) {
        ctx.tx(() => ctx.audit({ action: 'access.denied', outcome: 'denied', detail: { channel, role: user.role } }));
        return fail('FORBIDDEN', MESSAGES.forbidden);
      }
    }

    if (user?.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(channel)) {
      return fail('FORBIDDEN', MESSAGES.mustChangePassword);
    }

    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return fail('VALIDATION', validationMessage(parsed.error));

    if (spec.reauth && !(session.reauthUntil !== null && session.reauthUntil > now.getTime())) {
      return fail('REAUTH_REQUIRED', MESSAGES.reauthRequired);
    }

    try {
      const handler = handlers[channel] as (input: unknown, ctx: CallContext) => unknown;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value: spec.output.parse(value) };
    } catch (err) {
      if (err instanceof AppError) return fail(err.code, err.message);
      // Name and message only: neither carries a bound value. Never the input.
      const e = err instanceof Error ? err : new Error(String(err));
      console.error(`[core] internal error on ${channel}: ${e.name}: ${e.message}`);
      return fail('INTERNAL', MESSAGES.internal);
    }
  };
}

function makeContext(vault: Vault, channel: string, session: CallContext['session'], user: CallContext['user'], now: Date): CallContext {
  return {
    vault,
    channel,
    session,
    user,
    now,
    tx: (fn) => vault.db.transaction(fn).immediate(),
    audit: (entry) =>
      vault.auditLog.append(
        { actorId: user?.id ?? null, actorLabel: user?.loginId ?? null, ...entry },
        vault.clock.now(),
      ),
  };
}
