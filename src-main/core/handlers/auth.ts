// Login in two steps: the password, then the second factor (TOTP, or a code sent by
// e-mail). A TOTP user without an authenticator enrols one as part of that login.
import { randomBytes } from 'node:crypto';
import type { CallContext, Handler } from './context';
import { AppError } from '../errors';
import { assertMayTry, BAD_CREDENTIALS, recordFailure } from './auth-failures';
import { codeMail, maskEmail, MAIL_FAILED } from '../services/mail';
import { CODE_TTL_MS } from '../services/one-time-codes';
import { burnPasswordCheck, verifyPassword } from '../services/passwords';
import { checkTotp, newTotpEnrolment } from '../services/totp';
import { toSummary, type UserRecord } from '../services/users';
import type { LoginChallenge } from '../sessions';

const CHALLENGE_MAX_ATTEMPTS = 5;
const BAD_CODE = '確認コードが正しくありません';
const CHALLENGE_GONE = '確認の有効期限が切れたか、試行回数を超えました。もう一度ログインしてください';

function effectiveFactor(ctx: CallContext, user: UserRecord) {
  return ctx.vault.settings.security().requireTotpForAll ? 'totp' : user.secondFactor;
}

/** Issues an e-mail code for a login or reset and sends it; the code never leaves this function otherwise. */
export async function sendCode(ctx: CallContext, user: UserRecord, purpose: 'login' | 'reset'): Promise<string> {
  const { vault } = ctx;
  const issued = ctx.tx(() => {
    const c = vault.codes.issue(user.id, purpose, ctx.now);
    ctx.audit({ actorId: user.id, actorLabel: user.loginId, action: 'auth.codeSent', targetType: 'user', targetId: user.id, detail: { purpose } });
    return c;
  });
  try {
    await vault.mailer.send(
      codeMail({
        to: user.email,
        displayName: user.displayName,
        code: issued.code,
        purpose,
        machine: vault.machineName,
        requestedAt: ctx.now,
        expiresAt: new Date(ctx.now.getTime() + CODE_TTL_MS),
      }),
    );
  } catch (err) {
    ctx.tx(() => {
      vault.codes.consume(issued.id, ctx.now);
      ctx.audit({ actorId: user.id, actorLabel: user.loginId, action: 'auth.codeSent', outcome: 'failure', targetType: 'user', targetId: user.id, detail: { purpose, reason: 'mail_failed' } });
    });
    throw err instanceof AppError ? err : new AppError('INTERNAL', MAIL_FAILED);
  }
  return issued.id;
}

export const authLogin: Handler<'auth.login'> = async (input, ctx) => {
  const { vault, session } = ctx;
  const user = vault.users.findByLoginId(input.loginId);
  assertMayTry(ctx, input.loginId, user, 'auth.login');
  if (!user) {
    await burnPasswordCheck(input.password);
    recordFailure(ctx, input.loginId, null, 'auth.login', 'unknown_login_id');
    throw new AppError('FORBIDDEN', BAD_CREDENTIALS);
  }
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  if (!passwordOk || user.disabled) {
    recordFailure(ctx, input.loginId, user, 'auth.login', passwordOk ? 'disabled' : 'bad_password');
    throw new AppError('FORBIDDEN', BAD_CREDENTIALS);
  }

  const factor = effectiveFactor(ctx, user);
  const challenge: LoginChallenge = {
    id: randomBytes(16).toString('hex'),
    userId: user.id,
    loginId: input.loginId,
    factor,
    expiresAt: ctx.now.getTime() + CODE_TTL_MS,
    attempts: 0,
  };
  let enrolment: { secret: string; otpauthUrl: string } | undefined;
  // No authenticator yet, or one never confirmed by a code (setup interrupted): enrol now.
  if (factor === 'totp' && (!user.totpSecretSealed || user.totpLastStep === null)) {
    enrolment = newTotpEnrolment(user.loginId);
    challenge.enrolSecret = enrolment.secret;
  }
  if (factor === 'email') challenge.codeId = await sendCode(ctx, user, 'login');

  // A new login replaces whatever the session held.
  vault.sessions.signOut(session);
  session.challenge = challenge;
  ctx.tx(() =>
    ctx.audit({
      actorId: user.id,
      actorLabel: user.loginId,
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
      detail: { stage: 'password', factor, enrolling: !!enrolment },
    }),
  );
  return { challengeId: challenge.id, factor, enrolment, sentTo: factor === 'email' ? maskEmail(user.email) : undefined };
};

function currentChallenge(ctx: CallContext, challengeId: string): LoginChallenge {
  const challenge = ctx.session.challenge;
  if (!challenge || challenge.id !== challengeId || challenge.expiresAt <= ctx.now.getTime()) {
    ctx.session.challenge = null;
    throw new AppError('FORBIDDEN', CHALLENGE_GONE);
  }
  return challenge;
}

export const authVerify: Handler<'auth.verify'> = async (input, ctx) => {
  const { vault, session } = ctx;
  const challenge = currentChallenge(ctx, input.challengeId);
  const user = vault.users.findById(challenge.userId);
  if (!user || user.disabled) {
    session.challenge = null;
    throw new AppError('FORBIDDEN', CHALLENGE_GONE);
  }
  try {
    assertMayTry(ctx, challenge.loginId, user, 'auth.verify');
  } catch (err) {
    session.challenge = null;
    throw err;
  }

  let totpStep: number | null = null;
  let failure: string | null = null;
  if (challenge.factor === 'totp') {
    const secret = challenge.enrolSecret ?? (user.totpSecretSealed ? vault.fields.open(user.totpSecretSealed, `totp:${user.id}`).toString('utf8') : null);
    if (!secret) {
      session.challenge = null;
      throw new AppError('FORBIDDEN', CHALLENGE_GONE);
    }
    const check = await checkTotp(secret, input.code, ctx.now, challenge.enrolSecret ? null : user.totpLastStep);
    if (check.valid) totpStep = check.timeStep;
    else failure = check.replayed ? 'replayed_totp' : 'bad_totp';
  } else {
    const result = ctx.tx(() => vault.codes.check(challenge.codeId ?? '', 'login', input.code, ctx.now).result);
    if (result === 'spent') {
      session.challenge = null;
      recordFailure(ctx, challenge.loginId, user, 'auth.verify', 'code_spent');
      throw new AppError('FORBIDDEN', CHALLENGE_GONE);
    }
    if (result === 'wrong') failure = 'bad_email_code';
  }

  if (failure) {
    challenge.attempts++;
    if (challenge.attempts >= CHALLENGE_MAX_ATTEMPTS) session.challenge = null;
    recordFailure(ctx, challenge.loginId, user, 'auth.verify', failure);
    throw new AppError('FORBIDDEN', session.challenge ? BAD_CODE : CHALLENGE_GONE);
  }

  ctx.tx(() => {
    if (challenge.enrolSecret) {
      vault.users.update(user.id, { totpSecretSealed: vault.fields.seal(challenge.enrolSecret, `totp:${user.id}`) }, ctx.now);
    }
    if (challenge.codeId) vault.codes.consume(challenge.codeId, ctx.now);
    vault.users.recordLogin(user.id, totpStep, ctx.now);
    vault.throttle.recordSuccess(challenge.loginId);
    ctx.audit({
      actorId: user.id,
      actorLabel: user.loginId,
      action: 'auth.verify',
      targetType: 'user',
      targetId: user.id,
      detail: { factor: challenge.factor, enrolled: !!challenge.enrolSecret },
    });
  });
  vault.sessions.signIn(session, user.id);
  return { user: toSummary(user), mustChangePassword: user.mustChangePassword };
};

export const authResendCode: Handler<'auth.resendCode'> = async (input, ctx) => {
  const { vault } = ctx;
  const challenge = currentChallenge(ctx, input.challengeId);
  const user = vault.users.findById(challenge.userId);
  if (challenge.factor !== 'email' || !user) throw new AppError('CONFLICT', 'この確認方法ではコードを再送信できません');
  const may = vault.codes.maySend(user.id, 'login', ctx.now);
  if (!may.ok) {
    const seconds = Math.ceil((may.retryAt.getTime() - ctx.now.getTime()) / 1000);
    throw new AppError('RATE_LIMITED', `確認コードの再送信は${seconds}秒後にお試しください`);
  }
  if (challenge.codeId) ctx.tx(() => vault.codes.consume(challenge.codeId!, ctx.now));
  challenge.codeId = await sendCode(ctx, user, 'login');
  challenge.expiresAt = ctx.now.getTime() + CODE_TTL_MS;
  return { sentTo: maskEmail(user.email) };
};
