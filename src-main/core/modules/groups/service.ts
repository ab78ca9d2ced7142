// Groups (店舗・支店): admins add, rename, reorder and delete them; everyone lists those they
// reach (a user limited to groups: theirs only). A group still holding registrants, or still
// named in a user's limits, is deleted only by moving all of them to another group, in the
// same transaction; so deleting a group can never widen a limited user to every group.
import type { CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import { scopeGroups, scopeOf } from '../registrants/scope';
import type { GroupRepository } from './repository';

export function createGroupsService(repository: GroupRepository) {
  function target(id: string) {
    const group = repository.findById(id);
    if (!group) throw new AppError('NOT_FOUND', 'errors.groups.notFound');
    return group;
  }

  function assertNameFree(name: string, selfId?: string) {
    const holder = repository.idByName(name);
    if (holder && holder !== selfId) throw new AppError('CONFLICT', 'errors.groups.nameTaken');
  }

  return {
    /** Counts and names only, no person: not audited. */
    list(ctx: CallContext) {
      return { rows: repository.list(scopeGroups(scopeOf(ctx.principal))) };
    },

    /** The ids of the groups the caller reaches, in display order. */
    idsInOrder: (ctx: CallContext) => repository.ids(scopeGroups(scopeOf(ctx.principal))),

    create(ctx: CallContext, input: { name: string }) {
      const id = ctx.tx(() => {
        assertNameFree(input.name);
        const newId = repository.insert(input.name, ctx.now);
        ctx.audit({ action: 'groups.create', targetType: 'group', targetId: newId });
        return newId;
      });
      return { id };
    },

    update(ctx: CallContext, input: { id: string; name?: string | undefined; sortOrder?: number | undefined }) {
      ctx.tx(() => {
        const group = target(input.id);
        if (input.name !== undefined) assertNameFree(input.name, group.id);
        repository.update(group.id, input, ctx.now);
        ctx.audit({
          action: 'groups.update',
          targetType: 'group',
          targetId: group.id,
          detail: { renamed: input.name !== undefined && input.name !== group.name, sortOrder: input.sortOrder ?? null },
        });
      });
      return {};
    },

    delete(ctx: CallContext, input: { id: string; moveTo?: string | undefined }) {
      ctx.tx(() => {
        const group = target(input.id);
        const users = repository.userCount(group.id);
        let moved = 0;
        let usersMoved = 0;
        if (input.moveTo !== undefined) {
          if (input.moveTo === group.id) throw new AppError('VALIDATION', 'errors.groups.moveToSelf');
          const destination = target(input.moveTo);
          moved = repository.moveMembers(group.id, destination.id, ctx.now);
          usersMoved = repository.moveUsers(group.id, destination.id);
        } else if (group.memberCount > 0 || users > 0) {
          throw new AppError('CONFLICT', 'errors.groups.inUse');
        }
        repository.delete(group.id);
        ctx.audit({ action: 'groups.delete', targetType: 'group', targetId: group.id, detail: { moveTo: input.moveTo ?? null, moved, usersMoved } });
      });
      return {};
    },

    /** Refuses (NOT_FOUND) ids that name no group. */
    assertExist(ids: readonly string[]): void {
      if (repository.unknown(ids).length > 0) throw new AppError('NOT_FOUND', 'errors.groups.notFound');
    },

    /** What a group is called now, for the audit trail's rows. */
    label: (id: string) => repository.findById(id)?.name ?? null,
  };
}

export type GroupsService = ReturnType<typeof createGroupsService>;
