// Which registrants a caller may reach: the one visibility rule, applied by every list, count,
// search, read and change of a registrant (and of what hangs off one: dependents, numbers,
// submissions). Admins, and staff limited to no group, reach everyone. Staff limited to groups
// reach the registrants of those groups only; a registrant in no group is outside every
// limited user's reach (no group is nobody's branch). Outside the scope a registrant does not
// exist for the caller: NOT_FOUND, never a hint.
import type { Principal } from '../../kernel/principal';

export type RegistrantScope =
  | { kind: 'all' }
  | { kind: 'groups'; groupIds: readonly string[] }
  /** The phone form's session: its own registrant only. */
  | { kind: 'one'; registrantId: string }
  | { kind: 'none' };

const ALL: RegistrantScope = { kind: 'all' };
const NONE: RegistrantScope = { kind: 'none' };

export function scopeOf(principal: Principal): RegistrantScope {
  switch (principal.kind) {
    case 'staff': {
      const { role, groupIds } = principal.user;
      return role === 'admin' || groupIds.length === 0 ? ALL : { kind: 'groups', groupIds };
    }
    case 'registrant':
      return { kind: 'one', registrantId: principal.registrantId };
    case 'cli':
      return ALL;
    default:
      return NONE;
  }
}

/** Whether a registrant of this group (null: none) is in the scope, leaving aside 'one'. */
export function groupInScope(scope: RegistrantScope, groupId: string | null): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'groups') return groupId !== null && scope.groupIds.includes(groupId);
  return false;
}

/** The groups the scope is limited to; null when it is not limited to groups. */
export function scopeGroups(scope: RegistrantScope): readonly string[] | null {
  return scope.kind === 'groups' ? scope.groupIds : null;
}

export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/**
 * The scope as an SQL condition on the registrants table under `alias` (`r` by default), for
 * any repository that lists or counts rows through their registrant:
 * `WHERE ${c.sql}` with `...c.params` bound in order.
 */
export function scopeCondition(scope: RegistrantScope, alias = 'r'): SqlCondition {
  switch (scope.kind) {
    case 'all':
      return { sql: '1', params: [] };
    case 'groups':
      return { sql: `${alias}.group_id IN (${scope.groupIds.map(() => '?').join(', ')})`, params: [...scope.groupIds] };
    case 'one':
      return { sql: `${alias}.id = ?`, params: [scope.registrantId] };
    default:
      return { sql: '0', params: [] };
  }
}
