// Login in two steps: the password, then the second factor (TOTP, or a code sent by
// e-mail). An authenticator is enrolled as part of a login only on a password alone when
// the account is new (never signed in, its password set within the last 72 hours); a user
// who already has the e-mail factor passes an e-mail code before a secret is issued.
import { randomBytes } from 'node:crypto';
import { TEMPORARY_PASSWORD_VALID_HOURS, type SecondFactor } from '../../../../src-shared/domain';
import type { AuditReason } from '../../../../src-shared/audit-vocabulary';
import type { CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { LoginChallenge, SessionStore } from '../../kernel/sessions';
import type { UserRecord, UserRepository } from '../users/repository';
import { toSummary } from '../users/repository';
import type { CodeSender } from './code-sender';
import { maskEmail } from './code-mail';
import type { CredentialGuard } from './credentials';
import { CODE_TTL_MS, type OneTimeCodes } from './one-time-codes';
import { burnPasswordCheck, verifyPassword } from './passwords';
import { checkTotp, newTotpEnrolment, type TotpSecrets } from './totp';

const CHALLENGE_MAX_ATTEMPTS = 5;
const TEMPORARY_PASSWORD_VALID_MS = TEMPORARY_PASSWORD_VALID_HOURS * 3600 * 1000;

export interface LoginDeps {
  users: UserRepository;
  sessions: SessionStore;
  codes: OneTimeCodes;
  sender: CodeSender;
  guard: CredentialGuard;
  totpSecrets: TotpSecrets;
  requireTotpForAll(): boolean;
}

type Enrolment = { secret: string; otpauthUrl: string };

/** Was this password set by an admin (initial or reset) and is it past its use-by time? */
export function temporaryPasswordExpired(user: UserRecord, now: Date): boolean {
  if (!user.mustChangePassword) return false;
  const setAt = user.passwordChangedAt ? Date.parse(user.passwordChangedAt) : 0;
  return now.getTime() - setAt > TEMPORARY_PASSWORD_VALID_MS;
}

/** A new account: never signed in, its password fresh. Only it may enrol on a password alone. */
function isNewAccount(user: UserRecord, now: Date): boolean {
  const setAt = user.passwordChangedAt ? Date.parse(user.passwordChangedAt) : 0;
  return user.lastLoginAt === null && now.getTime() - setAt <= TEMPORARY_PASSWORD_VALID_MS;
}

export function createLoginService(deps: LoginDeps) {
  const { users, sessions, codes, sender, guard, totpSecrets } = deps;

  const effectiveFactor = (user: UserRecord): SecondFactor => (deps.requireTotpForAll() ? 'totp' : user.secondFactor);

  function currentChallenge(ctx: CallContext, challengeId: string): LoginChallenge {
    const challenge = ctx.session.challenge;
    if (!challenge || challenge.id !== challengeId || challenge.expiresAt <= ctx.now.getTime()) {
      ctx.session.challenge = null;
      throw new AppError('FORBIDDEN', 'errors.auth.challengeGone');
    }
    return challenge;
  }

  async function login(ctx: CallContext, input: { loginId: string; password: string }) {
    const user = users.findByLoginId(input.loginId);
    const subject = { loginId: input.loginId, user, action: 'auth.login' as const };
    const checked = await guard.attempt(
      ctx,
      subject,
      async (): Promise<AuditReason | null> => {
        if (!user) {
          await burnPasswordCheck(input.password);
          return 'unknown_login_id';
        }
        const passwordOk = await verifyPassword(user.passwordHash, input.password);
        return !passwordOk ? 'bad_password' : user.disabled ? 'disabled' : null;
      },
    );
    if (!checked.ok || !user) throw new AppError('FORBIDDEN', 'errors.auth.badCredentials');

    if (temporaryPasswordExpired(user, ctx.now)) {
      ctx.tx(() => ctx.audit({ actorId: user.id, actorLabel: user.loginId, action: 'auth.login', outcome: 'failure', targetType: 'user', targetId: user.id, detail: { reason: 'temporary_password_expired' } }));
      throw new AppError('FORBIDDEN', 'errors.auth.temporaryPasswordExpired', { params: { hours: TEMPORARY_PASSWORD_VALID_HOURS } });
    }

    const wanted = effectiveFactor(user);
    const confirmedTotp = !!user.totpSecretSealed && user.totpLastStep !== null;
    const challenge: LoginChallenge = {
      id: randomBytes(16).toString('hex'),
      userId: user.id,
      loginId: input.loginId,
      factor: wanted,
      expiresAt: ctx.now.getTime() + CODE_TTL_MS,
      attempts: 0,
    };
    let enrolment: Enrolment | undefined;
    if (wanted === 'totp' && !confirmedTotp) {
      if (isNewAccount(user, ctx.now)) {
        // First login (or first-run setup left unconfirmed): enrol now.
        enrolment = newTotpEnrolment(user.loginId);
        challenge.enrolSecret = enrolment.secret;
      } else if (!user.totpSecretSealed) {
        // An existing account without an authenticator: its e-mail code first.
        challenge.factor = 'email';
        challenge.enrolAfterEmailCode = true;
      }
      // Otherwise a secret is sealed but unconfirmed (setup interrupted long ago): its codes are checked as they are.
    }
    if (challenge.factor === 'email') challenge.codeId = await sender.send(ctx, user, 'login');

    // A new login replaces whatever the session held.
    sessions.signOut(ctx.session);
    ctx.session.challenge = challenge;
    ctx.tx(() =>
      ctx.audit({
        actorId: user.id,
        actorLabel: user.loginId,
        action: 'auth.login',
        targetType: 'user',
        targetId: user.id,
        detail: { stage: 'password', factor: challenge.factor, enrolling: !!enrolment || !!challenge.enrolAfterEmailCode },
      }),
    );
    return {
      challengeId: challenge.id,
      factor: challenge.factor,
      enrolment,
      sentTo: challenge.factor === 'email' ? maskEmail(user.email) : undefined,
      enrolmentFollows: challenge.enrolAfterEmailCode ? true : undefined,
    };
  }

  /** Checks the code against the challenge's factor; the reason it failed, or null. */
  async function checkCode(ctx: CallContext, challenge: LoginChallenge, user: UserRecord, code: string): Promise<{ reason: AuditReason | null; totpStep: number | null; spent?: boolean }> {
    if (challenge.factor === 'totp') {
      const secret = challenge.enrolSecret ?? (user.totpSecretSealed ? totpSecrets.open(user.id, user.totpSecretSealed) : null);
      if (!secret) return { reason: 'bad_totp', totpStep: null, spent: true };
      const check = await checkTotp(secret, code, ctx.now, challenge.enrolSecret ? null : user.totpLastStep);
      if (check.valid) return { reason: null, totpStep: check.timeStep };
      return { reason: check.replayed ? 'replayed_totp' : 'bad_totp', totpStep: null };
    }
    const result = ctx.tx(() => codes.check(challenge.codeId ?? '', 'login', code, ctx.now).result);
    if (result === 'spent') return { reason: 'code_spent', totpStep: null, spent: true };
    return { reason: result === 'wrong' ? 'bad_email_code' : null, totpStep: null };
  }

  /**
   * The code was right: use it up (and record the TOTP step) or, for an account that must
   * enrol, issue the secret now. Runs in the credential guard's turn of the lock, so the next
   * check of this login ID already finds the code used and the step taken.
   */
  function completeVerify(ctx: CallContext, challenge: LoginChallenge, user: UserRecord, totpStep: number | null) {
    if (challenge.enrolAfterEmailCode) {
      // The e-mail code is right: now, and only now, a secret to enrol.
      const enrolment = newTotpEnrolment(user.loginId);
      ctx.tx(() => {
        if (challenge.codeId) codes.consume(challenge.codeId, ctx.now);
        ctx.audit({ actorId: user.id, actorLabel: user.loginId, action: 'auth.verify', targetType: 'user', targetId: user.id, detail: { factor: 'email', stage: 'before_enrolment' } });
      });
      Object.assign(challenge, { factor: 'totp', codeId: undefined, enrolAfterEmailCode: false, enrolSecret: enrolment.secret, attempts: 0 });
      challenge.expiresAt = ctx.now.getTime() + CODE_TTL_MS;
      return { enrolment };
    }

    ctx.tx(() => {
      if (challenge.enrolSecret) users.update(user.id, { totpSecretSealed: totpSecrets.seal(user.id, challenge.enrolSecret) }, ctx.now);
      if (challenge.codeId) codes.consume(challenge.codeId, ctx.now);
      users.recordLogin(user.id, totpStep, ctx.now);
      guard.succeeded(challenge.loginId);
      ctx.audit({
        actorId: user.id,
        actorLabel: user.loginId,
        action: 'auth.verify',
        targetType: 'user',
        targetId: user.id,
        detail: { factor: challenge.factor, enrolled: !!challenge.enrolSecret },
      });
    });
    sessions.signIn(ctx.session, user.id);
    return { user: toSummary(user), mustChangePassword: user.mustChangePassword };
  }

  async function verify(ctx: CallContext, input: { challengeId: string; code: string }) {
    const challenge = currentChallenge(ctx, input.challengeId);
    const found = users.findById(challenge.userId);
    if (!found || found.disabled) {
      ctx.session.challenge = null;
      throw new AppError('FORBIDDEN', 'errors.auth.challengeGone');
    }
    const subject = { loginId: challenge.loginId, user: found, action: 'auth.verify' as const };
    let user = found;
    let totpStep: number | null = null;
    let spent = false;
    let outcome;
    try {
      outcome = await guard.attempt(
        ctx,
        subject,
        async (): Promise<AuditReason | null> => {
          // A challenge already used up by a parallel call is not checked again.
          if (ctx.session.challenge !== challenge) return 'code_spent';
          // Read again inside the lock: a parallel verify of this login ID may just have taken a time step.
          const current = users.findById(challenge.userId);
          if (!current || current.disabled) {
            spent = true;
            return 'disabled';
          }
          user = current;
          const checked = await checkCode(ctx, challenge, user, input.code);
          totpStep = checked.totpStep;
          spent = !!checked.spent;
          return checked.reason;
        },
        () => (ctx.session.challenge === challenge ? completeVerify(ctx, challenge, user, totpStep) : null),
      );
    } catch (err) {
      ctx.session.challenge = null;
      throw err;
    }
    if (!outcome.ok) {
      challenge.attempts++;
      if (spent || challenge.attempts >= CHALLENGE_MAX_ATTEMPTS) ctx.session.challenge = null;
      throw new AppError('FORBIDDEN', ctx.session.challenge ? 'errors.auth.badCode' : 'errors.auth.challengeGone');
    }
    if (!outcome.value) throw new AppError('FORBIDDEN', 'errors.auth.challengeGone');
    return outcome.value;
  }

  async function resendCode(ctx: CallContext, input: { challengeId: string }) {
    const challenge = currentChallenge(ctx, input.challengeId);
    const user = users.findById(challenge.userId);
    if (challenge.factor !== 'email' || !user) throw new AppError('CONFLICT', 'errors.auth.resendNotPossible');
    const may = codes.maySend(user.id, 'login', ctx.now);
    if (!may.ok) {
      const seconds = Math.ceil((may.retryAt.getTime() - ctx.now.getTime()) / 1000);
      throw new AppError('RATE_LIMITED', 'errors.auth.resendWait', { params: { seconds } });
    }
    if (challenge.codeId) ctx.tx(() => codes.consume(challenge.codeId!, ctx.now));
    challenge.codeId = await sender.send(ctx, user, 'login');
    challenge.expiresAt = ctx.now.getTime() + CODE_TTL_MS;
    return { sentTo: maskEmail(user.email) };
  }

  return { login, verify, resendCode };
}

export type LoginService = ReturnType<typeof createLoginService>;
