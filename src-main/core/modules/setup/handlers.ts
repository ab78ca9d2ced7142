// setup.*: translation between the contract and the setup service.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { SetupService } from './service';

export type SetupChannel = Extract<ChannelName, `setup.${string}`>;

export function setupHandlers(setup: SetupService): Handlers<SetupChannel> {
  return {
    'setup.status': () => setup.status(),
    'setup.createAdmin': (input, ctx) => setup.createAdmin(ctx, input),
    'setup.confirmTotp': (input, ctx) => setup.confirmTotp(ctx, input),
  };
}
