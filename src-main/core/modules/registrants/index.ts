// The registrants module: the people whose numbers are kept, and where they stand.
import type { Db } from '../../platform/db/open';
import { registrantsHandlers } from './handlers';
import { createRegistrantRepository } from './repository';
import { createRegistrantsService } from './service';
import { createRegistrantStatus } from './status';

export function createRegistrantsModule({ db }: { db: Db }) {
  const repository = createRegistrantRepository(db);
  const registrants = createRegistrantsService(repository);
  const status = createRegistrantStatus(repository);
  return { services: { registrants, status }, handlers: registrantsHandlers(registrants) };
}

export type { RegistrantsService } from './service';
export type { RegistrantStatusService } from './status';
