// A user's own account: password, e-mail, second factor. E-mail and factor changes need
// the password re-entered within 5 minutes (the contract says so); the password change asks
// for the current password itself.
import { randomBytes } from 'node:crypto';
import type { Handler } from './context';
import { AppError } from '../errors';
import { assertMayTry, recordFailure } from './auth-failures';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from '../services/passwords';
import { checkTotp, newTotpEnrolment } from '../services/totp';

const ENROLMENT_TTL_MS = 10 * 60 * 1000;

export const accountChangePassword: Handler<'account.changePassword'> = async (input, ctx) => {
  const user = ctx.user!;
  assertMayTry(ctx, user.loginId, user, 'account.changePassword');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    recordFailure(ctx, user.loginId, user, 'account.changePassword', 'bad_password');
    throw new AppError('FORBIDDEN', '現在のパスワードが正しくありません');
  }
  if (input.newPassword === input.currentPassword) throw new AppError('VALIDATION', '新しいパスワードは現在のものと違うものにしてください');
  assertPasswordAcceptable(input.newPassword, user);
  const passwordHash = await hashPassword(input.newPassword);
  ctx.tx(() => {
    ctx.vault.users.update(user.id, { passwordHash, mustChangePassword: false }, ctx.now);
    ctx.audit({ action: 'account.changePassword', targetType: 'user', targetId: user.id });
  });
  // Other sessions of this user end; this one goes on.
  ctx.vault.sessions.endUserSessions(user.id, ctx.session);
  return {};
};

export const accountChangeEmail: Handler<'account.changeEmail'> = (input, ctx) => {
  const user = ctx.user!;
  ctx.tx(() => {
    ctx.vault.users.update(user.id, { email: input.email }, ctx.now);
    ctx.audit({ action: 'account.changeEmail', targetType: 'user', targetId: user.id });
  });
  return {};
};

export const accountBeginTotpEnrolment: Handler<'account.beginTotpEnrolment'> = (_input, ctx) => {
  const enrolment = newTotpEnrolment(ctx.user!.loginId);
  const id = randomBytes(16).toString('hex');
  ctx.session.enrolment = { id, secret: enrolment.secret, expiresAt: ctx.now.getTime() + ENROLMENT_TTL_MS };
  return { enrolmentId: id, ...enrolment };
};

export const accountConfirmTotpEnrolment: Handler<'account.confirmTotpEnrolment'> = async (input, ctx) => {
  const user = ctx.user!;
  const pending = ctx.session.enrolment;
  if (!pending || pending.id !== input.enrolmentId || pending.expiresAt <= ctx.now.getTime()) {
    ctx.session.enrolment = null;
    throw new AppError('CONFLICT', '登録の有効期限が切れました。最初からやり直してください');
  }
  const check = await checkTotp(pending.secret, input.code, ctx.now, null);
  if (!check.valid) {
    ctx.tx(() => ctx.audit({ action: 'account.totpEnrolled', outcome: 'failure', targetType: 'user', targetId: user.id, detail: { reason: 'bad_totp' } }));
    throw new AppError('VALIDATION', '確認コードが正しくありません。認証アプリに表示されている6桁を入力してください');
  }
  ctx.tx(() => {
    ctx.vault.users.update(
      user.id,
      { secondFactor: 'totp', totpSecretSealed: ctx.vault.fields.seal(pending.secret, `totp:${user.id}`), totpLastStep: check.timeStep },
      ctx.now,
    );
    ctx.audit({ action: 'account.totpEnrolled', targetType: 'user', targetId: user.id });
  });
  ctx.session.enrolment = null;
  return {};
};

export const accountUseEmailFactor: Handler<'account.useEmailFactor'> = (_input, ctx) => {
  const user = ctx.user!;
  if (ctx.vault.settings.security().requireTotpForAll) {
    throw new AppError('CONFLICT', '管理者の設定により、認証アプリ（TOTP）による確認が必須です');
  }
  ctx.tx(() => {
    ctx.vault.users.update(user.id, { secondFactor: 'email', totpSecretSealed: null }, ctx.now);
    ctx.audit({ action: 'account.useEmailFactor', targetType: 'user', targetId: user.id });
  });
  return {};
};
