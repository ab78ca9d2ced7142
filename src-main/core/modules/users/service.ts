// Login users, managed by admins: create, edit, disable and re-enable, reset a password,
// unlock. The last active admin can be neither disabled nor demoted.
import type { ChannelInput } from '../../../../src-shared/contract';
import type { Role } from '../../../../src-shared/domain';
import { staffOf, type CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { SessionStore } from '../../kernel/sessions';
import { assertPasswordAcceptable, hashPassword } from '../auth/passwords';
import type { LoginThrottle } from '../auth/throttle';
import type { UserRecord, UserRepository } from './repository';

export interface UsersDeps {
  users: UserRepository;
  throttle: LoginThrottle;
  sessions: SessionStore;
  /** Refuses (NOT_FOUND) ids that name no group. */
  assertGroupsExist(ids: readonly string[]): void;
}

export type NewUserInput = ChannelInput<'users.create'>;
export type UserUpdate = ChannelInput<'users.update'>;

export function createUsersService({ users, throttle, sessions, assertGroupsExist }: UsersDeps) {
  function target(id: string): UserRecord {
    const user = users.findById(id);
    if (!user) throw new AppError('NOT_FOUND', 'errors.users.notFound');
    return user;
  }

  /** Would this change leave no active admin? Checked inside the transaction that makes it. */
  function assertNotLastAdmin(user: UserRecord, after: { role: Role; disabled: boolean }): void {
    const losesAdmin = user.role === 'admin' && !user.disabled && (after.role !== 'admin' || after.disabled);
    if (losesAdmin && users.countActiveAdmins() <= 1) throw new AppError('CONFLICT', 'errors.users.lastAdmin');
  }

  function assertLoginIdFree(loginId: string) {
    if (users.findByLoginId(loginId)) throw new AppError('CONFLICT', 'errors.users.loginIdTaken');
  }

  /**
   * The groups the user will be limited to: those given, else (on update) the ones they have.
   * Admins reach every group: giving them groups is refused, and a user made admin loses theirs.
   */
  function groupsFor(role: Role, given: readonly string[] | undefined, current: readonly string[]): string[] {
    if (role === 'admin') {
      if (given && given.length > 0) throw new AppError('VALIDATION', 'errors.users.adminAllGroups');
      return [];
    }
    const groupIds = [...new Set(given ?? current)].sort();
    assertGroupsExist(groupIds);
    return groupIds;
  }

  return {
    list(ctx: CallContext) {
      const rows = users.list().map((u) => ({
        id: u.id,
        loginId: u.loginId,
        displayName: u.displayName,
        email: u.email,
        role: u.role,
        secondFactor: u.secondFactor,
        totpEnrolled: !!u.totpSecretSealed,
        disabled: u.disabled,
        locked: throttle.isLocked(u.loginId, ctx.now),
        mustChangePassword: u.mustChangePassword,
        lastLoginAt: u.lastLoginAt,
        groupIds: u.groupIds,
      }));
      ctx.tx(() => ctx.audit({ action: 'users.list', detail: { returned: rows.length } }));
      return { rows };
    },

    async create(ctx: CallContext, input: NewUserInput) {
      assertLoginIdFree(input.loginId);
      await assertPasswordAcceptable(input.initialPassword, input);
      const passwordHash = await hashPassword(input.initialPassword);
      const id = ctx.tx(() => {
        assertLoginIdFree(input.loginId);
        const groupIds = groupsFor(input.role, input.groupIds, []);
        const { initialPassword: _secret, groupIds: _groups, ...fields } = input;
        const newId = users.insert({ ...fields, passwordHash, totpSecretSealed: null, mustChangePassword: true }, ctx.now);
        users.setGroups(newId, groupIds);
        ctx.audit({
          action: 'users.create',
          targetType: 'user',
          targetId: newId,
          detail: { role: input.role, secondFactor: input.secondFactor, groupIds: groupIds.join(',') },
        });
        return newId;
      });
      return { id };
    },

    update(ctx: CallContext, input: UserUpdate) {
      ctx.tx(() => {
        const user = target(input.id);
        assertNotLastAdmin(user, { role: input.role, disabled: user.disabled });
        const groupIds = groupsFor(input.role, input.groupIds, user.groupIds);
        const groupsChanged = groupIds.join(',') !== user.groupIds.join(',');
        if (groupsChanged) users.setGroups(user.id, groupIds);
        const factorChanged = input.secondFactor !== user.secondFactor;
        // Which fields changed, by name (a name or an address itself never goes in the trail).
        const changed = [...(['displayName', 'email', 'role', 'secondFactor'] as const).filter((k) => input[k] !== user[k]), ...(groupsChanged ? ['groupIds'] : [])];
        users.update(
          user.id,
          {
            displayName: input.displayName,
            email: input.email,
            role: input.role,
            secondFactor: input.secondFactor,
            // Switching factor drops the old authenticator; TOTP is enrolled afresh (after an e-mail code) at the next login.
            ...(factorChanged ? { totpSecretSealed: null } : {}),
          },
          ctx.now,
        );
        ctx.audit({
          action: 'users.update',
          targetType: 'user',
          targetId: user.id,
          detail: {
            changed: changed.join(','),
            fromRole: user.role,
            toRole: input.role,
            fromFactor: user.secondFactor,
            toFactor: input.secondFactor,
            emailChanged: input.email !== user.email,
            ...(groupsChanged ? { fromGroupIds: user.groupIds.join(','), toGroupIds: groupIds.join(',') } : {}),
          },
        });
      });
      return {};
    },

    setDisabled(ctx: CallContext, input: { id: string; disabled: boolean }) {
      if (input.disabled && input.id === staffOf(ctx).id) throw new AppError('CONFLICT', 'errors.users.cannotDisableSelf');
      ctx.tx(() => {
        const user = target(input.id);
        assertNotLastAdmin(user, { role: user.role, disabled: input.disabled });
        users.update(user.id, { disabled: input.disabled }, ctx.now);
        ctx.audit({ action: input.disabled ? 'users.disable' : 'users.enable', targetType: 'user', targetId: user.id });
      });
      if (input.disabled) sessions.endUserSessions(input.id);
      return {};
    },

    async resetPassword(ctx: CallContext, input: { id: string; temporaryPassword: string }) {
      const user = target(input.id);
      await assertPasswordAcceptable(input.temporaryPassword, user);
      const passwordHash = await hashPassword(input.temporaryPassword);
      ctx.tx(() => {
        users.update(user.id, { passwordHash, mustChangePassword: true }, ctx.now);
        ctx.audit({ action: 'users.resetPassword', targetType: 'user', targetId: user.id });
      });
      sessions.endUserSessions(user.id, user.id === staffOf(ctx).id ? ctx.session : undefined);
      return {};
    },

    unlock(ctx: CallContext, input: { id: string }) {
      ctx.tx(() => {
        const user = target(input.id);
        throttle.unlock(user.loginId);
        ctx.audit({ action: 'users.unlock', targetType: 'user', targetId: user.id });
      });
      return {};
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
