// settings.*: translation between the contract and the settings service.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { SettingsService } from './service';

export type SettingsChannel = Extract<ChannelName, `settings.${string}`>;

export function settingsHandlers(settings: SettingsService): Handlers<SettingsChannel> {
  return {
    'settings.getSmtp': () => settings.smtpView(),
    'settings.setSmtp': (input, ctx) => settings.setSmtp(ctx, input),
    'settings.testSmtp': (input, ctx) => settings.testSmtp(ctx, input),
    'settings.getSecurity': () => settings.security(),
    'settings.setSecurity': (input, ctx) => settings.setSecurity(ctx, input),
    'settings.regenerateRecoveryCode': (_input, ctx) => settings.regenerateRecoveryCode(ctx),
  };
}
