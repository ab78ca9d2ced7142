// Login users, managed by admins: create, edit, disable and re-enable, reset a password,
// unlock. The last active admin can be neither disabled nor demoted.
import type { CallContext, Handler } from './context';
import { AppError } from '../errors';
import { assertPasswordAcceptable, hashPassword } from '../services/passwords';
import type { UserRecord } from '../services/users';

const NOT_FOUND = 'ユーザーが見つかりません';
const LAST_ADMIN = '有効な最高権限ユーザーが他にいないため、この変更はできません';

function target(ctx: CallContext, id: string): UserRecord {
  const user = ctx.vault.users.findById(id);
  if (!user) throw new AppError('NOT_FOUND', NOT_FOUND);
  return user;
}

/** Would this change leave no active admin? Checked inside the transaction that makes it. */
function assertNotLastAdmin(ctx: CallContext, user: UserRecord, after: { role: string; disabled: boolean }): void {
  const losesAdmin = user.role === 'admin' && !user.disabled && (after.role !== 'admin' || after.disabled);
  if (losesAdmin && ctx.vault.users.countActiveAdmins() <= 1) throw new AppError('CONFLICT', LAST_ADMIN);
}

export const usersList: Handler<'users.list'> = (_input, ctx) => {
  const rows = ctx.vault.users.list().map((u) => ({
    id: u.id,
    loginId: u.loginId,
    displayName: u.displayName,
    email: u.email,
    role: u.role,
    secondFactor: u.secondFactor,
    totpEnrolled: !!u.totpSecretSealed,
    disabled: u.disabled,
    locked: ctx.vault.throttle.isLocked(u.loginId, ctx.now),
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt,
  }));
  ctx.tx(() => ctx.audit({ action: 'users.list', detail: { returned: rows.length } }));
  return { rows };
};

export const usersCreate: Handler<'users.create'> = async (input, ctx) => {
  if (ctx.vault.users.findByLoginId(input.loginId)) throw new AppError('CONFLICT', 'このログインIDは既に使われています');
  assertPasswordAcceptable(input.initialPassword, input);
  const passwordHash = await hashPassword(input.initialPassword);
  const id = ctx.tx(() => {
    if (ctx.vault.users.findByLoginId(input.loginId)) throw new AppError('CONFLICT', 'このログインIDは既に使われています');
    const newId = ctx.vault.users.insert(
      { ...input, passwordHash, totpSecretSealed: null, mustChangePassword: true },
      ctx.now,
    );
    ctx.audit({ action: 'users.create', targetType: 'user', targetId: newId, detail: { role: input.role, secondFactor: input.secondFactor } });
    return newId;
  });
  return { id };
};

export const usersUpdate: Handler<'users.update'> = (input, ctx) => {
  ctx.tx(() => {
    const user = target(ctx, input.id);
    assertNotLastAdmin(ctx, user, { role: input.role, disabled: user.disabled });
    const factorChanged = input.secondFactor !== user.secondFactor;
    ctx.vault.users.update(
      user.id,
      {
        displayName: input.displayName,
        email: input.email,
        role: input.role,
        secondFactor: input.secondFactor,
        // Switching factor drops the old authenticator; TOTP is enrolled afresh at the next login.
        ...(factorChanged ? { totpSecretSealed: null } : {}),
      },
      ctx.now,
    );
    ctx.audit({
      action: 'users.update',
      targetType: 'user',
      targetId: user.id,
      detail: {
        fromRole: user.role,
        toRole: input.role,
        fromFactor: user.secondFactor,
        toFactor: input.secondFactor,
        emailChanged: input.email !== user.email,
      },
    });
  });
  return {};
};

export const usersSetDisabled: Handler<'users.setDisabled'> = (input, ctx) => {
  if (input.disabled && input.id === ctx.user!.id) throw new AppError('CONFLICT', '自分自身を無効にすることはできません');
  ctx.tx(() => {
    const user = target(ctx, input.id);
    assertNotLastAdmin(ctx, user, { role: user.role, disabled: input.disabled });
    ctx.vault.users.update(user.id, { disabled: input.disabled }, ctx.now);
    ctx.audit({ action: input.disabled ? 'users.disable' : 'users.enable', targetType: 'user', targetId: user.id });
  });
  if (input.disabled) ctx.vault.sessions.endUserSessions(input.id);
  return {};
};

export const usersResetPassword: Handler<'users.resetPassword'> = async (input, ctx) => {
  const user = target(ctx, input.id);
  assertPasswordAcceptable(input.temporaryPassword, user);
  const passwordHash = await hashPassword(input.temporaryPassword);
  ctx.tx(() => {
    ctx.vault.users.update(user.id, { passwordHash, mustChangePassword: true }, ctx.now);
    ctx.audit({ action: 'users.resetPassword', targetType: 'user', targetId: user.id });
  });
  ctx.vault.sessions.endUserSessions(user.id, user.id === ctx.user!.id ? ctx.session : undefined);
  return {};
};

export const usersUnlock: Handler<'users.unlock'> = (input, ctx) => {
  ctx.tx(() => {
    const user = target(ctx, input.id);
    ctx.vault.throttle.unlock(user.loginId);
    ctx.audit({ action: 'users.unlock', targetType: 'user', targetId: user.id });
  });
  return {};
};
