// The groups module: 店舗・支店, what registrants belong to and what a user may be limited to.
import type { Db } from '../../platform/db/open';
import { groupsHandlers } from './handlers';
import { createGroupRepository } from './repository';
import { createGroupsService } from './service';

export function createGroupsModule({ db }: { db: Db }) {
  const groups = createGroupsService(createGroupRepository(db));
  return { services: { groups }, handlers: groupsHandlers(groups) };
}

export type { GroupsService } from './service';
