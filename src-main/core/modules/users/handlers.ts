// users.*: translation between the contract and the users service.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { UsersService } from './service';

export type UsersChannel = Extract<ChannelName, `users.${string}`>;

export function usersHandlers(users: UsersService): Handlers<UsersChannel> {
  return {
    'users.list': (_input, ctx) => users.list(ctx),
    'users.create': (input, ctx) => users.create(ctx, input),
    'users.update': (input, ctx) => users.update(ctx, input),
    'users.setDisabled': (input, ctx) => users.setDisabled(ctx, input),
    'users.resetPassword': (input, ctx) => users.resetPassword(ctx, input),
    'users.unlock': (input, ctx) => users.unlock(ctx, input),
  };
}
