// The reminder (リマインダー): a forgotten password is replaced with the help of a code sent
// to the user's registered address. The answer is the same, and as quick, whether or not the
// ID exists: the mail goes out after the reply. A wrong code counts against the account like
// a wrong password (and against an unknown login ID just the same, so the throttle tells
// nothing), and the new password is hashed only once the code has checked out.
import { passwordProblemKey } from '../../../../src-shared/password-policy';
import { assessPassword } from '../../platform/password-strength';
import type { CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { SessionStore } from '../../kernel/sessions';
import type { UserRepository } from '../users/repository';
import type { CodeSender } from './code-sender';
import type { CredentialGuard } from './credentials';
import { CODE_TTL_MS, type OneTimeCodes } from './one-time-codes';
import { hashPassword } from './passwords';

export interface ResetDeps {
  users: UserRepository;
  sessions: SessionStore;
  codes: OneTimeCodes;
  sender: CodeSender;
  guard: CredentialGuard;
}

/** Decoys remembered at most (the oldest go first); past it a decoy is answered unthrottled. */
const MAX_DECOYS = 10_000;

export function createResetService({ users, sessions, codes, sender, guard }: ResetDeps) {
  // The login ID as typed behind each live decoy, so that its wrong codes are throttled under
  // that ID exactly as a real account's are: a RATE_LIMITED only real IDs could earn would tell
  // them apart. In memory only; a decoy lives as long as a code.
  const decoys = new Map<string, { loginId: string; expiresAt: number }>();
  function rememberDecoy(id: string, loginId: string, now: Date): void {
    for (const [key, decoy] of decoys) {
      if (decoy.expiresAt > now.getTime() && decoys.size < MAX_DECOYS) break;
      decoys.delete(key);
    }
    decoys.set(id, { loginId, expiresAt: now.getTime() + CODE_TTL_MS });
  }

  function requestReset(ctx: CallContext, input: { loginId: string }) {
    const user = users.findByLoginId(input.loginId);
    const eligible = user && !user.disabled && codes.maySend(user.id, 'reset', ctx.now).ok;
    if (!user || !eligible) {
      // Same shape of answer, with a code that can never be satisfied.
      const decoy = ctx.tx(() => {
        ctx.audit({ action: 'auth.requestReset', outcome: 'failure', targetType: 'user', targetId: user?.id ?? null, detail: { reason: user ? 'not_sent' : 'unknown_login_id' } });
        return codes.issue(null, 'reset', ctx.now);
      });
      rememberDecoy(decoy.id, input.loginId, ctx.now);
      return { challengeId: decoy.id };
    }
    // One transaction, as for nobody: a second commit would tell a known ID by its time.
    const challengeId = ctx.tx(() => {
      ctx.audit({ action: 'auth.requestReset', targetType: 'user', targetId: user.id });
      return sender.sendInBackground(ctx, user, 'reset');
    });
    return { challengeId };
  }

  async function completeReset(ctx: CallContext, input: { challengeId: string; code: string; newPassword: string }) {
    const userId = codes.ownerOf(input.challengeId, 'reset');
    const user = userId ? users.findById(userId) : null;
    if (!user) {
      // A decoy, or no such code: spend a try all the same and answer like a wrong code, counted
      // against the login ID it was asked for, as a real one's would be.
      const check = () => (ctx.tx(() => codes.check(input.challengeId, 'reset', input.code, ctx.now)).result === 'spent' ? 'code_spent' : 'code_wrong');
      const typed = decoys.get(input.challengeId)?.loginId;
      if (typed) await guard.attempt(ctx, { loginId: typed, user: null, action: 'auth.completeReset' }, check);
      else {
        ctx.tx(() => {
          const reason = check();
          ctx.audit({ action: 'auth.completeReset', outcome: 'failure', targetType: 'user', targetId: null, detail: { reason } });
        });
      }
      throw new AppError('FORBIDDEN', 'errors.auth.resetFailed');
    }
    const subject = { loginId: user.loginId, user, action: 'auth.completeReset' as const };
    const outcome = await guard.attempt(
      ctx,
      subject,
      () => {
        const { result } = ctx.tx(() => codes.check(input.challengeId, 'reset', input.code, ctx.now));
        if (result !== 'ok') return result === 'spent' ? 'code_spent' : 'code_wrong';
        return user.disabled ? 'disabled' : null;
      },
      async () => {
        const { problem } = await assessPassword(input.newPassword, user);
        if (problem) return { problem };
        const passwordHash = await hashPassword(input.newPassword);
        ctx.tx(() => {
          codes.consume(input.challengeId, ctx.now);
          users.update(user.id, { passwordHash, mustChangePassword: false }, ctx.now);
          guard.succeeded(user.loginId);
          ctx.audit({ actorId: user.id, actorLabel: user.loginId, action: 'auth.completeReset', targetType: 'user', targetId: user.id });
        });
        return { problem: null };
      },
    );
    if (!outcome.ok) throw new AppError('FORBIDDEN', 'errors.auth.resetFailed');
    if (outcome.value?.problem) throw new AppError('VALIDATION', passwordProblemKey(outcome.value.problem));
    sessions.endUserSessions(user.id);
    return {};
  }

  return { requestReset, completeReset };
}

export type ResetService = ReturnType<typeof createResetService>;
