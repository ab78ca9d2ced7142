// retention.* and disposal.*: translation between the contract and the disposal service.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { DisposalService } from './service';

export type DisposalChannel = Extract<ChannelName, `retention.${string}` | `disposal.${string}`>;

export function disposalHandlers(disposal: DisposalService): Handlers<DisposalChannel> {
  return {
    'retention.rules': () => disposal.retentionRules(),
    'retention.setRule': (input, ctx) => disposal.setRetentionRule(ctx, input),
    'disposal.due': (input, ctx) => disposal.due(ctx, input),
    'disposal.dispose': (input, ctx) => disposal.dispose(ctx, input),
    'disposal.records': (input, ctx) => disposal.records(ctx, input),
    'disposal.exportRecords': (input, ctx) => disposal.exportRecords(ctx, input),
  };
}
