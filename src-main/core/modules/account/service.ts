// A user's own account: password, e-mail, second factor. E-mail and factor changes need the
// password re-entered within 5 minutes (the access table says so); the password change asks
// for the current password itself, through the same guard as a login.
import { randomBytes } from 'node:crypto';
import { staffOf, type CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { SessionStore } from '../../kernel/sessions';
import type { CredentialGuard } from '../auth/credentials';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from '../auth/passwords';
import { checkTotp, newTotpEnrolment, type TotpSecrets } from '../auth/totp';
import type { UserRepository } from '../users/repository';

const ENROLMENT_TTL_MS = 10 * 60 * 1000;

export interface AccountDeps {
  users: UserRepository;
  sessions: SessionStore;
  guard: CredentialGuard;
  totpSecrets: TotpSecrets;
  requireTotpForAll(): boolean;
}

export function createAccountService({ users, sessions, guard, totpSecrets, requireTotpForAll }: AccountDeps) {
  const self = (ctx: CallContext) => users.findById(staffOf(ctx).id)!;

  return {
    async changePassword(ctx: CallContext, input: { currentPassword: string; newPassword: string }) {
      const user = self(ctx);
      const outcome = await guard.attempt(
        ctx,
        { loginId: user.loginId, user, action: 'account.changePassword' },
        async () => ((await verifyPassword(user.passwordHash, input.currentPassword)) ? null : 'bad_password'),
      );
      if (!outcome.ok) throw new AppError('FORBIDDEN', 'errors.account.badCurrentPassword');
      if (input.newPassword === input.currentPassword) throw new AppError('VALIDATION', 'errors.account.samePassword');
      await assertPasswordAcceptable(input.newPassword, user);
      const passwordHash = await hashPassword(input.newPassword);
      ctx.tx(() => {
        users.update(user.id, { passwordHash, mustChangePassword: false }, ctx.now);
        ctx.audit({ action: 'account.changePassword', targetType: 'user', targetId: user.id });
      });
      // Other sessions of this user end; this one goes on.
      sessions.endUserSessions(user.id, ctx.session);
      return {};
    },

    changeEmail(ctx: CallContext, input: { email: string }) {
      const user = self(ctx);
      ctx.tx(() => {
        users.update(user.id, { email: input.email }, ctx.now);
        ctx.audit({ action: 'account.changeEmail', targetType: 'user', targetId: user.id });
      });
      return {};
    },

    beginTotpEnrolment(ctx: CallContext) {
      const enrolment = newTotpEnrolment(self(ctx).loginId);
      const id = randomBytes(16).toString('hex');
      ctx.session.enrolment = { id, secret: enrolment.secret, expiresAt: ctx.now.getTime() + ENROLMENT_TTL_MS };
      return { enrolmentId: id, ...enrolment };
    },

    async confirmTotpEnrolment(ctx: CallContext, input: { enrolmentId: string; code: string }) {
      const user = self(ctx);
      const pending = ctx.session.enrolment;
      if (!pending || pending.id !== input.enrolmentId || pending.expiresAt <= ctx.now.getTime()) {
        ctx.session.enrolment = null;
        throw new AppError('CONFLICT', 'errors.account.enrolmentExpired');
      }
      const check = await checkTotp(pending.secret, input.code, ctx.now, null);
      if (!check.valid) {
        ctx.tx(() => ctx.audit({ action: 'account.totpEnrolled', outcome: 'failure', targetType: 'user', targetId: user.id, detail: { reason: 'bad_totp' } }));
        throw new AppError('VALIDATION', 'errors.account.badTotpCode');
      }
      ctx.tx(() => {
        users.update(user.id, { secondFactor: 'totp', totpSecretSealed: totpSecrets.seal(user.id, pending.secret), totpLastStep: check.timeStep }, ctx.now);
        ctx.audit({ action: 'account.totpEnrolled', targetType: 'user', targetId: user.id });
      });
      ctx.session.enrolment = null;
      return {};
    },

    useEmailFactor(ctx: CallContext) {
      const user = self(ctx);
      if (requireTotpForAll()) throw new AppError('CONFLICT', 'errors.account.totpRequired');
      ctx.tx(() => {
        users.update(user.id, { secondFactor: 'email', totpSecretSealed: null }, ctx.now);
        ctx.audit({ action: 'account.useEmailFactor', targetType: 'user', targetId: user.id });
      });
      return {};
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
