// account.*: translation between the contract and the account service.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { AccountService } from './service';

export type AccountChannel = Extract<ChannelName, `account.${string}`>;

export function accountHandlers(account: AccountService): Handlers<AccountChannel> {
  return {
    'account.changePassword': (input, ctx) => account.changePassword(ctx, input),
    'account.changeEmail': (input, ctx) => account.changeEmail(ctx, input),
    'account.beginTotpEnrolment': (_input, ctx) => account.beginTotpEnrolment(ctx),
    'account.confirmTotpEnrolment': (input, ctx) => account.confirmTotpEnrolment(ctx, input),
    'account.useEmailFactor': (_input, ctx) => account.useEmailFactor(ctx),
  };
}
