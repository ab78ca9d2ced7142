// lan.*: translation between the contract and the LAN listener's service.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { LanService } from './service';

export type LanChannel = Extract<ChannelName, `lan.${string}`>;

export function lanHandlers(lan: LanService): Handlers<LanChannel> {
  return {
    'lan.status': () => lan.status(),
    'lan.configure': (input, ctx) => lan.configure(ctx, input),
  };
}
