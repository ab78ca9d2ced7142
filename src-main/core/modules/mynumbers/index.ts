// The My Numbers module: numbers sealed at rest, stored by HR, revealed for a purpose.
import type { Db } from '../../platform/db/open';
import type { FieldCrypto } from '../../platform/crypto/field';
import type { DependentsService } from '../dependents';
import type { RegistrantsService } from '../registrants';
import type { RecordLock, StatusService } from '../status';
import { myNumbersHandlers } from './handlers';
import { createPurposeRepository } from './purposes-repository';
import { createMyNumberStore } from './repository';
import { createMyNumbersService } from './service';

export function createMyNumbersModule(deps: {
  db: Db;
  fields: FieldCrypto;
  registrants: RegistrantsService;
  dependents: DependentsService;
  status: StatusService;
  lock: RecordLock;
  reviewRequired(): boolean;
}) {
  const myNumbers = createMyNumbersService({
    store: createMyNumberStore(deps.db, deps.fields),
    purposes: createPurposeRepository(deps.db),
    registrants: deps.registrants,
    dependents: deps.dependents,
    status: deps.status,
    lock: deps.lock,
    reviewRequired: deps.reviewRequired,
  });
  return { services: { myNumbers }, handlers: myNumbersHandlers(myNumbers) };
}

export type { MyNumbersService } from './service';
export type { NumberSubject, SealedNumber } from './repository';
export type { IndexedNumber } from './service';
