// The account module: a signed-in user's own password, e-mail and second factor.
import { accountHandlers } from './handlers';
import { createAccountService, type AccountDeps } from './service';

export function createAccountModule(deps: AccountDeps) {
  return { handlers: accountHandlers(createAccountService(deps)) };
}
