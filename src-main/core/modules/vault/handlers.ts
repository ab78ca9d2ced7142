// vault.*: translation between the contract and the rekey service.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { RekeyService } from './service';

export type VaultChannel = Extract<ChannelName, `vault.${string}`>;

export function vaultHandlers(rekey: RekeyService): Handlers<VaultChannel> {
  return {
    'vault.rekey': (input, ctx) => rekey.rekey(ctx, input.recovery),
    'vault.rekeyStatus': () => rekey.status(),
  };
}
