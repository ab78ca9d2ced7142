// The registrants module: the people whose numbers are kept, and who may reach which of them
// (scope.ts). Where they stand (the status table, its history, the completed lock) is the
// status module's (modules/status).
import type { Db } from '../../platform/db/open';
import type { AttributesService } from '../attributes';
import type { GroupsService } from '../groups';
import type { RecordLock } from '../status';
import { registrantsHandlers } from './handlers';
import { createRegistrantRepository } from './repository';
import { createRegistrantsService } from './service';

export function createRegistrantsModule({ db, lock, groups, attributes }: { db: Db; lock: RecordLock; groups: GroupsService; attributes: AttributesService }) {
  const repository = createRegistrantRepository(db);
  // Docs written by an older normalization (or before the index existed) are rewritten once.
  repository.ensureSearchIndex();
  const registrants = createRegistrantsService({ repository, lock, groups, attributes });
  return { services: { registrants }, handlers: registrantsHandlers(registrants) };
}

export { changedRecordFields, fieldsOfRow, type PutLookups, type RegistrantsService } from './service';
export type { RegistrantFields } from './repository';
export { scopeCondition, scopeOf, type RegistrantScope, type SqlCondition } from './scope';
