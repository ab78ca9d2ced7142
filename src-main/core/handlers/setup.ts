// First run: create the first administrator, enrol TOTP, write the recovery file.
import type { Handler } from './context';
import { AppError } from '../errors';
import { generateRecoveryCode, writeRecoveryFile } from '../keys/recovery';
import { assertPasswordAcceptable, hashPassword } from '../services/passwords';
import { newTotpEnrolment } from '../services/totp';

const ALREADY_DONE = '初期設定は完了しています。管理者の追加はユーザー管理から行ってください';

export const setupStatus: Handler<'setup.status'> = (_input, { vault }) => ({ initialized: vault.users.count() > 0 });

export const setupCreateAdmin: Handler<'setup.createAdmin'> = (input, ctx) =>
  ctx.vault.exclusive('setup', async () => {
    const { vault } = ctx;
    if (vault.users.count() > 0) throw new AppError('CONFLICT', ALREADY_DONE);
    assertPasswordAcceptable(input.password, input);

    const passwordHash = await hashPassword(input.password);
    const totp = newTotpEnrolment(input.loginId);
    const recoveryCode = generateRecoveryCode();
    await writeRecoveryFile(vault.dataDir, vault.vaultId, vault.keys, recoveryCode);

    const userId = ctx.tx(() => {
      if (vault.users.count() > 0) throw new AppError('CONFLICT', ALREADY_DONE);
      const id = vault.users.insert(
        {
          loginId: input.loginId,
          displayName: input.displayName,
          email: input.email,
          role: 'admin',
          passwordHash,
          secondFactor: 'totp',
          totpSecretSealed: null,
        },
        ctx.now,
      );
      vault.db
        .prepare('UPDATE users SET totp_secret_sealed = ? WHERE id = ?')
        .run(vault.fields.seal(totp.secret, `totp:${id}`), id);
      vault.auditLog.append(
        { actorId: id, actorLabel: input.loginId, action: 'setup.createAdmin', targetType: 'user', targetId: id },
        ctx.now,
      );
      return id;
    });
    return { userId, totp, recoveryCode };
  });
