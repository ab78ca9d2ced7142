// The dependents module: a registrant's dependents (扶養親族), as many as there are.
import type { Db } from '../../platform/db/open';
import type { RegistrantsService } from '../registrants';
import type { RecordLock } from '../status';
import { dependentsHandlers } from './handlers';
import { createDependentRepository } from './repository';
import { createDependentsService } from './service';

export function createDependentsModule({ db, registrants, lock }: { db: Db; registrants: RegistrantsService; lock: RecordLock }) {
  const dependents = createDependentsService({ repository: createDependentRepository(db), registrants, lock });
  return { services: { dependents }, handlers: dependentsHandlers(dependents) };
}

export type { DependentsService } from './service';
export type { DependentFields } from './repository';
