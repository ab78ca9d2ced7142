// The one path every request takes, whichever adapter it enters by: channel look-up, session
// and principal, role check, input schema, re-auth window, the handler, the output schema.
// Failures become { ok:false, error } with a stable code, a Japanese message and its key;
// nothing internal (stack, SQL) crosses back. Refusals of signed-in users are audited.
import type { ChannelAccess } from '../../../src-shared/access';
import type { ChannelSchemas } from '../../../src-shared/contract';
import type { Result, VaultError } from '../../../src-shared/errors';
import { describeIssue, formatMessage, type MessageParams } from '../../../src-shared/messages';
import type { z } from 'zod';
import { createCommitDurability, type CommitDurability } from '../platform/db/durability';
import type { Db } from '../platform/db/open';
import type { AuditEntry, AuditLog } from '../platform/audit/audit-log';
import type { Clock } from './clock';
import type { CallContext } from './context';
import { AppError } from './errors';
import { ANONYMOUS, type Principal, type StaffIdentity } from './principal';
import type { Session, SessionStore } from './sessions';

export interface DispatcherDeps {
  db: Db;
  auditLog: AuditLog;
  clock: Clock;
  sessions: SessionStore;
  /** The staff user behind a session, as of now (null when removed). */
  staffById(id: string): StaffIdentity | null;
  idleLockMinutes(): number;
  /** When commits reach the disk; by default every commit waits for it. */
  durability?: CommitDurability;
}

function fail(code: VaultError['code'], messageKey: string, params?: MessageParams): Result<never> {
  return { ok: false, error: { code, message: formatMessage('ja', messageKey, params), messageKey, ...(params ? { params } : {}) } };
}

const MAX_ISSUES = 3;

/** VALIDATION with the first problem of each field (at most three), keyed and in Japanese. */
export function validationFailure(error: z.ZodError): Result<never> {
  const seen = new Set<string>();
  const issues: NonNullable<VaultError['issues']> = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (seen.has(path)) continue;
    seen.add(path);
    issues.push({ path, ...describeIssue(issue) });
    if (issues.length === MAX_ISSUES) break;
  }
  if (issues.length === 0) return fail('VALIDATION', 'errors.invalidInput');
  const [first] = issues;
  return {
    ok: false,
    error: {
      code: 'VALIDATION',
      message: issues.map((i) => formatMessage('ja', i.key, i.params)).join('／'),
      messageKey: first!.key,
      ...(first!.params ? { params: first!.params } : {}),
      issues,
    },
  };
}

type AnyHandler = (input: never, ctx: CallContext) => unknown;

/**
 * `contract` and `access` are the app's in production; tests pass small ones of their own.
 * The access table decides who may call; the contract's schemas decide what may be sent.
 */
export function createDispatcher<C extends string>(
  deps: DispatcherDeps,
  contract: Record<C, ChannelSchemas>,
  access: Record<C, ChannelAccess>,
  handlers: Record<C, AnyHandler>,
) {
  const { db, auditLog, clock, sessions } = deps;
  const durability = deps.durability ?? createCommitDurability(db);

  function context(channel: string, session: Session, user: StaffIdentity | null, now: Date): CallContext {
    const principal: Principal = user ? { kind: 'staff', user } : ANONYMOUS;
    return {
      channel,
      session,
      principal,
      user,
      now,
      tx: (fn) => durability.commit(fn),
      viewTx: (fn) => durability.commitView(fn),
      audit: (entry) => auditLog.append({ actorId: user?.id ?? null, actorLabel: user?.loginId ?? null, ...entry }, clock.now()),
    };
  }

  /** Records a refusal in a transaction of its own (the call's own, if any, has rolled back). */
  function auditRefusal(ctx: CallContext, entry: AuditEntry) {
    ctx.tx(() => ctx.audit(entry));
  }

  /**
   * The session's user as of this call: none if disabled or removed since login (the session
   * ends), none if idle past the lock time (the session locks, audited). A call counts as
   * activity unless the access table says it is a passive poll.
   */
  function currentUser(session: Session, channel: string, rule: ChannelAccess, now: Date): StaffIdentity | null {
    if (!session.userId) return null;
    const user = deps.staffById(session.userId);
    if (!user || user.disabled) {
      sessions.endUserSessions(session.userId);
      return null;
    }
    if (now.getTime() - session.lastActivityAt > deps.idleLockMinutes() * 60_000) {
      auditRefusal(context(channel, session, user, now), { action: 'auth.lock', targetType: 'user', targetId: user.id, detail: { reason: 'idle' } });
      sessions.lock(session);
      return null;
    }
    if (rule.activity) session.lastActivityAt = now.getTime();
    return user;
  }

  return async function call(sessionKey: string, channel: string, rawInput: unknown): Promise<Result<unknown>> {
    const session = sessions.get(sessionKey);
    if (!session) return fail('FORBIDDEN', 'errors.badSession');
    if (!Object.prototype.hasOwnProperty.call(contract, channel) || !Object.prototype.hasOwnProperty.call(access, channel)) {
      return fail('NOT_FOUND', 'errors.unknownChannel');
    }
    const name = channel as C;
    const rule = access[name];
    const now = clock.now();
    const user = currentUser(session, channel, rule, now);
    const ctx = context(channel, session, user, now);

    if (rule.who === 'registrant') return fail('FORBIDDEN', 'errors.forbidden');
    if (rule.who !== 'public') {
      if (!user) return session.lockedUserId ? fail('LOCKED', 'errors.sessionLocked') : fail('FORBIDDEN', 'errors.loginRequired');
      if (!rule.who.includes(user.role)) {
        auditRefusal(ctx, { action: 'access.denied', outcome: 'denied', detail: { channel, role: user.role, reason: 'role' } });
        return fail('FORBIDDEN', 'errors.forbidden');
      }
    }
    if (user?.mustChangePassword && !rule.beforePasswordChange) return fail('FORBIDDEN', 'errors.mustChangePassword');

    // With the input in each issue, a wrong type reads differently from a missing field; the
    // issues never leave this process (only their keys do).
    const parsed = contract[name].input.safeParse(rawInput ?? {}, { reportInput: true });
    if (!parsed.success) return validationFailure(parsed.error);

    if (rule.reauth && !(session.reauthUntil !== null && session.reauthUntil > now.getTime())) {
      auditRefusal(ctx, { action: 'access.denied', outcome: 'denied', detail: { channel, reason: 'reauth_required' } });
      return fail('REAUTH_REQUIRED', 'errors.reauthRequired');
    }

    try {
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value: contract[name].output.parse(value) };
    } catch (err) {
      if (err instanceof AppError) {
        if (err.audit) auditRefusal(ctx, err.audit);
        return fail(err.code, err.messageKey, err.params);
      }
      // Name and message only: neither carries a bound value. Never the input.
      const e = err instanceof Error ? err : new Error(String(err));
      console.error(`[core] internal error on ${channel}: ${e.name}: ${e.message}`);
      return fail('INTERNAL', 'errors.internal');
    }
  };
}

