// The setup module: the first run of a new vault.
import { setupHandlers } from './handlers';
import { createSetupService, type SetupDeps } from './service';

export function createSetupModule(deps: SetupDeps) {
  return { handlers: setupHandlers(createSetupService(deps)) };
}
