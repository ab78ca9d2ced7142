// The users module: login users and their management by admins.
import { usersHandlers } from './handlers';
import { createUsersService, type UsersDeps } from './service';

export function createUsersModule(deps: UsersDeps) {
  const service = createUsersService(deps);
  return { services: { users: service }, handlers: usersHandlers(service) };
}

export { createUserRepository, toSummary, type UserRecord, type UserRepository } from './repository';
