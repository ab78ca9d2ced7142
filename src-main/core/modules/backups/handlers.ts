// backups.*: translation between the contract and the backups service.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { BackupsService } from './service';

export type BackupsChannel = Extract<ChannelName, `backups.${string}`>;

export function backupsHandlers(backups: BackupsService): Handlers<BackupsChannel> {
  return {
    'backups.status': () => backups.status(),
    'backups.configure': (input, ctx) => backups.configure(ctx, input),
    'backups.run': (_input, ctx) => backups.run(ctx),
  };
}
