// auth.*: translation between the contract and the login, reset and session services.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { LoginService } from './login';
import type { ResetService } from './reset';
import type { SessionService } from './session';

export type AuthChannel = Extract<ChannelName, `auth.${string}`>;

export function authHandlers(login: LoginService, reset: ResetService, session: SessionService): Handlers<AuthChannel> {
  return {
    'auth.login': (input, ctx) => login.login(ctx, input),
    'auth.verify': (input, ctx) => login.verify(ctx, input),
    'auth.resendCode': (input, ctx) => login.resendCode(ctx, input),
    'auth.requestReset': (input, ctx) => reset.requestReset(ctx, input),
    'auth.completeReset': (input, ctx) => reset.completeReset(ctx, input),
    'auth.reauth': (input, ctx) => session.reauth(ctx, input),
    'auth.keepAlive': (_input, ctx) => session.keepAlive(ctx),
    'auth.lock': (_input, ctx) => session.lock(ctx),
    'auth.logout': (_input, ctx) => session.logout(ctx),
    'auth.me': (_input, ctx) => session.me(ctx),
  };
}
