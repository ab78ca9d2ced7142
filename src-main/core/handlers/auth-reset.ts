// The reminder (リマインダー): a forgotten password is replaced with the help of a code sent
// to the user's registered address. The answer is the same whether or not the ID exists.
import type { Handler } from './context';
import { AppError } from '../errors';
import { sendCode } from './auth';
import { assessPassword, PASSWORD_PROBLEM_MESSAGES } from '../../../src-shared/password-policy';
import { hashPassword } from '../services/passwords';

const RESET_FAILED = '確認コードが正しくないか、有効期限が切れています。もう一度やり直してください';

export const authRequestReset: Handler<'auth.requestReset'> = async (input, ctx) => {
  const { vault } = ctx;
  const user = vault.users.findByLoginId(input.loginId);
  const eligible = user && !user.disabled && vault.codes.maySend(user.id, 'reset', ctx.now).ok;
  if (!eligible) {
    // Same shape of answer, with a code that can never be satisfied.
    const decoy = ctx.tx(() => {
      ctx.audit({ action: 'auth.requestReset', outcome: 'failure', targetType: 'user', targetId: user?.id ?? null, detail: { reason: user ? 'not_sent' : 'unknown_login_id' } });
      return vault.codes.issue(null, 'reset', ctx.now);
    });
    return { challengeId: decoy.id };
  }
  ctx.tx(() => ctx.audit({ action: 'auth.requestReset', targetType: 'user', targetId: user.id }));
  try {
    return { challengeId: await sendCode(ctx, user, 'reset') };
  } catch {
    // Already audited by sendCode; say nothing that would tell this ID apart from an unknown one.
    return { challengeId: ctx.tx(() => vault.codes.issue(null, 'reset', ctx.now)).id };
  }
};

export const authCompleteReset: Handler<'auth.completeReset'> = async (input, ctx) => {
  const { vault } = ctx;
  const passwordHash = await hashPassword(input.newPassword);
  const outcome = ctx.tx(() => {
    const { result, userId } = vault.codes.check(input.challengeId, 'reset', input.code, ctx.now);
    const user = userId ? vault.users.findById(userId) : null;
    if (result !== 'ok' || !user || user.disabled) {
      ctx.audit({ action: 'auth.completeReset', outcome: 'failure', targetType: 'user', targetId: user?.id ?? null, detail: { reason: result === 'ok' ? 'disabled' : `code_${result}` } });
      return { ok: false as const };
    }
    const { problem } = assessPassword(input.newPassword, user);
    if (problem) return { ok: false as const, problem };
    vault.codes.consume(input.challengeId, ctx.now);
    vault.users.update(user.id, { passwordHash, mustChangePassword: false }, ctx.now);
    vault.throttle.recordSuccess(user.loginId);
    ctx.audit({ actorId: user.id, actorLabel: user.loginId, action: 'auth.completeReset', targetType: 'user', targetId: user.id });
    return { ok: true as const, userId: user.id };
  });
  if (!outcome.ok) {
    if (outcome.problem) throw new AppError('VALIDATION', PASSWORD_PROBLEM_MESSAGES[outcome.problem]);
    throw new AppError('FORBIDDEN', RESET_FAILED);
  }
  vault.sessions.endUserSessions(outcome.userId);
  return {};
};
