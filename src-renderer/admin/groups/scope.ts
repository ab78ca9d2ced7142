// Which roles a group limit applies to. The core lets admins reach every group and refuses
// groups for them (errors.users.adminAllGroups); the renderer names no role, so it asks the
// access table instead: those who keep the groups themselves are never limited to some.
import { can } from '../../../src-shared/access';
import type { Role } from '../../../src-shared/domain';

export function reachesEveryGroup(role: Role): boolean {
  return can(role, 'groups.create');
}
