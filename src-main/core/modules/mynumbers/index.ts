// The My Numbers module: numbers sealed at rest, stored by HR, revealed for a purpose.
import type { Db } from '../../platform/db/open';
import type { FieldCrypto } from '../../platform/crypto/field';
import type { RegistrantStatusService, RegistrantsService } from '../registrants';
import { myNumbersHandlers } from './handlers';
import { createPurposeRepository } from './purposes-repository';
import { createMyNumberStore } from './repository';
import { createMyNumbersService } from './service';

export function createMyNumbersModule(deps: { db: Db; fields: FieldCrypto; registrants: RegistrantsService; status: RegistrantStatusService }) {
  const service = createMyNumbersService({
    store: createMyNumberStore(deps.db, deps.fields),
    purposes: createPurposeRepository(deps.db),
    registrants: deps.registrants,
    status: deps.status,
  });
  return { handlers: myNumbersHandlers(service) };
}
