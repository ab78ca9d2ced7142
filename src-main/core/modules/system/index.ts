// The system module: facts about the vault for the administrator's dashboard.
import { systemHandlers } from './handlers';
import { createSystemService, type SystemDeps } from './service';

export function createSystemModule(deps: SystemDeps) {
  return { handlers: systemHandlers(createSystemService(deps)) };
}
