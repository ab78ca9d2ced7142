// First run: create the first administrator, enrol TOTP, write the recovery file.
import type { Handler } from './context';
import { AppError } from '../errors';
import { generateRecoveryCode, writeRecoveryFile } from '../keys/recovery';
import { assertPasswordAcceptable, hashPassword } from '../services/passwords';
import { checkTotp, newTotpEnrolment } from '../services/totp';

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
    ctx.session.setupUserId = userId;
    return { userId, totp, recoveryCode };
  });

/**
 * Confirms, in the session that ran setup, that the admin's authenticator works. Until it
 * is confirmed (here or by a first login), a password login enrols the authenticator afresh,
 * so closing the window mid-setup cannot lock the admin out.
 */
export const setupConfirmTotp: Handler<'setup.confirmTotp'> = async (input, ctx) => {
  const user = ctx.session.setupUserId ? ctx.vault.users.findById(ctx.session.setupUserId) : null;
  if (!user?.totpSecretSealed || user.totpLastStep !== null) throw new AppError('CONFLICT', '確認できる認証アプリの登録がありません');
  const secret = ctx.vault.fields.open(user.totpSecretSealed, `totp:${user.id}`).toString('utf8');
  const check = await checkTotp(secret, input.code, ctx.now, null);
  if (!check.valid) throw new AppError('VALIDATION', '確認コードが正しくありません。認証アプリに表示されている6桁を入力してください');
  ctx.tx(() => {
    ctx.vault.users.update(user.id, { totpLastStep: check.timeStep }, ctx.now);
    ctx.audit({ actorId: user.id, actorLabel: user.loginId, action: 'account.totpEnrolled', targetType: 'user', targetId: user.id, detail: { stage: 'setup' } });
  });
  ctx.session.setupUserId = null;
  return {};
};
