// First run: create the first administrator, enrol TOTP, write the recovery file.
import { randomUUID } from 'node:crypto';
import type { CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { KeyedLock } from '../../kernel/keyed-lock';
import { assertPasswordAcceptable, hashPassword } from '../auth/passwords';
import { checkTotp, newTotpEnrolment, type TotpSecrets } from '../auth/totp';
import type { UserRepository } from '../users/repository';

export interface SetupDeps {
  users: UserRepository;
  totpSecrets: TotpSecrets;
  lock: KeyedLock;
  generateRecoveryCode(): string;
  writeRecoveryCode(code: string): Promise<void>;
}

export interface FirstAdmin {
  loginId: string;
  displayName: string;
  email: string;
  password: string;
}

export function createSetupService({ users, totpSecrets, lock, generateRecoveryCode, writeRecoveryCode }: SetupDeps) {
  const assertNotDone = () => {
    if (users.count() > 0) throw new AppError('CONFLICT', 'errors.setup.alreadyDone');
  };

  return {
    status: () => ({ initialized: users.count() > 0 }),

    createAdmin: (ctx: CallContext, input: FirstAdmin) =>
      lock.run('setup', async () => {
        assertNotDone();
        await assertPasswordAcceptable(input.password, input);
        const passwordHash = await hashPassword(input.password);
        const totp = newTotpEnrolment(input.loginId);
        const recoveryCode = generateRecoveryCode();
        await writeRecoveryCode(recoveryCode);

        const userId = ctx.tx(() => {
          assertNotDone();
          // The id comes first: the sealed secret is bound to it.
          const id = randomUUID();
          users.insert(
            {
              loginId: input.loginId,
              displayName: input.displayName,
              email: input.email,
              role: 'admin',
              passwordHash,
              secondFactor: 'totp',
              totpSecretSealed: totpSecrets.seal(id, totp.secret),
            },
            ctx.now,
            id,
          );
          ctx.audit({ actorId: id, actorLabel: input.loginId, action: 'setup.createAdmin', targetType: 'user', targetId: id });
          return id;
        });
        ctx.session.setupUserId = userId;
        return { userId, totp, recoveryCode };
      }),

    /**
     * Confirms, in the session that ran setup, that the admin's authenticator works. Until it
     * is confirmed (here or by a first login), the first login may enrol it afresh, so
     * closing the window mid-setup cannot lock the admin out.
     */
    async confirmTotp(ctx: CallContext, input: { code: string }) {
      const user = ctx.session.setupUserId ? users.findById(ctx.session.setupUserId) : null;
      if (!user?.totpSecretSealed || user.totpLastStep !== null) throw new AppError('CONFLICT', 'errors.setup.nothingToConfirm');
      const check = await checkTotp(totpSecrets.open(user.id, user.totpSecretSealed), input.code, ctx.now, null);
      if (!check.valid) throw new AppError('VALIDATION', 'errors.account.badTotpCode');
      ctx.tx(() => {
        users.update(user.id, { totpLastStep: check.timeStep }, ctx.now);
        ctx.audit({ actorId: user.id, actorLabel: user.loginId, action: 'account.totpEnrolled', targetType: 'user', targetId: user.id, detail: { stage: 'setup' } });
      });
      ctx.session.setupUserId = null;
      return {};
    },
  };
}

export type SetupService = ReturnType<typeof createSetupService>;
