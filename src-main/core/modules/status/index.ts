// The status module: where a registrant stands in collection (the status table, its history,
// the completed lock). Its channels are registrants.transition, .history and .unlock.
import type { Db } from '../../platform/db/open';
import type { RegistrantsService } from '../registrants';
import { statusHandlers } from './handlers';
import { createRecordLock as createLock, type RecordLock } from './lock';
import { createStatusRepository } from './repository';
import { createStatusService } from './service';

/** The completed lock alone, for the modules that edit a registrant's data (made before them). */
export function createRecordLock(db: Db): RecordLock {
  return createLock(createStatusRepository(db));
}

export function createStatusModule({ db, lock, registrants }: { db: Db; lock: RecordLock; registrants: RegistrantsService }) {
  const status = createStatusService({ repository: createStatusRepository(db), lock, registrants });
  return { services: { status }, handlers: statusHandlers(status) };
}

export type { RecordLock } from './lock';
export type { StatusService, StatusChange } from './service';
export type { StatusEvent } from './repository';
export type { StatusChannel } from './handlers';
export { IDENTITY_FIELDS, TRANSITIONS, UNLOCK_MINUTES } from './table';
