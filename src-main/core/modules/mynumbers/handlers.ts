// mynumber.* and purposes.*: translation between the contract and the My Numbers service.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { MyNumbersService } from './service';

export type MyNumbersChannel = Extract<ChannelName, `mynumber.${string}` | `purposes.${string}`>;

export function myNumbersHandlers(myNumbers: MyNumbersService): Handlers<MyNumbersChannel> {
  return {
    'purposes.list': () => myNumbers.purposes(),
    'mynumber.set': (input, ctx) => myNumbers.set(ctx, input.subject, input.myNumber),
    'mynumber.reveal': (input, ctx) => myNumbers.reveal(ctx, input.subject, input.purposeId),
  };
}
