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

/** A condition on the audit trail's columns, with named parameters (the log binds by name). */
export interface NamedSqlCondition {
  sql: string;
  params: Record<string, string>;
}

/**
 * The scope on the audit trail: an entry whose target is a registrant, a dependent or a
 * submission outside the scope is not the caller's to read (its id and actions would hint
 * that the person exists). Entries about anything else (users, groups, the caller's own
 * sign-ins) stay. null when the caller reaches everyone. The subqueries reach the other
 * modules' tables by their registrant, as the lists of those modules do.
 */
export function auditVisibility(scope: RegistrantScope): NamedSqlCondition | null {
  if (scope.kind === 'all') return null;
  const params: Record<string, string> = {};
  let inScope = '0';
  if (scope.kind === 'groups' && scope.groupIds.length > 0) {
    scope.groupIds.forEach((id, i) => (params[`scopeGroup${i}`] = id));
    inScope = `r.group_id IN (${scope.groupIds.map((_, i) => `@scopeGroup${i}`).join(', ')})`;
  } else if (scope.kind === 'one') {
    params.scopeRegistrant = scope.registrantId;
    inScope = 'r.id = @scopeRegistrant';
  }
  const sql = `(target_type IS NULL OR target_type NOT IN ('registrant', 'dependent', 'submission')
    OR (target_type = 'registrant' AND target_id IN (SELECT r.id FROM registrants r WHERE ${inScope}))
    OR (target_type = 'dependent' AND target_id IN (SELECT d.id FROM dependents d JOIN registrants r ON r.id = d.registrant_id WHERE ${inScope}))
    OR (target_type = 'submission' AND target_id IN (SELECT s.id FROM submissions s JOIN registrants r ON r.id = s.registrant_id WHERE ${inScope})))`;
  return { sql, params };
}
