// system.*: translation between the contract and the system service.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { SystemService } from './service';

export type SystemChannel = Extract<ChannelName, `system.${string}`>;

export function systemHandlers(system: SystemService): Handlers<SystemChannel> {
  return {
    'system.facts': (_input, ctx) => system.facts(ctx),
  };
}
