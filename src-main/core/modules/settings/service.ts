// Settings: the SMTP server for codes and collection mails, the security options, and a new
// recovery code on request.
import type { SecuritySettings, SmtpSettingsInput } from '../../../../src-shared/contract';
import type { CallContext } from '../../kernel/context';
import { smtpTransport } from '../../platform/mail/smtp';
import type { SettingsRepository } from './repository';

export interface SettingsDeps {
  repository: SettingsRepository;
  machineName: string;
  /** Writes a new recovery file for `code` (the old code stops working). */
  writeRecoveryCode(code: string): Promise<void>;
  generateRecoveryCode(): string;
}

export function createSettingsService({ repository, machineName, writeRecoveryCode, generateRecoveryCode }: SettingsDeps) {
  return {
    security: () => repository.security(),
    smtp: () => repository.smtp(),
    smtpView: () => ({ smtp: repository.smtpView() }),

    setSmtp(ctx: CallContext, input: SmtpSettingsInput) {
      ctx.tx(() => {
        repository.setSmtp(input);
        ctx.audit({ action: 'settings.setSmtp', detail: { host: input.host, port: input.port, security: input.security } });
      });
      return {};
    },

    /** Sends a test mail and reports the server's own answer, success or not. */
    async testSmtp(ctx: CallContext, input: { to: string }) {
      const smtp = repository.smtp();
      if (!smtp) return { ok: false, response: 'SMTPサーバーが設定されていません' };
      let result: { ok: boolean; response: string };
      try {
        const info = await smtpTransport(smtp).sendMail({
          from: smtp.from,
          to: input.to,
          subject: '【MyNumber Vault】テストメール',
          text: `MyNumber Vault（${machineName}）からのテストメールです。このメールが届いていれば、送信設定は正しく動作しています。`,
        });
        result = { ok: true, response: String(info.response ?? '') };
      } catch (err) {
        const e = err as { response?: string; message?: string };
        result = { ok: false, response: String(e.response ?? e.message ?? err).split('\n')[0]!.slice(0, 500) };
      }
      ctx.tx(() => ctx.audit({ action: 'settings.testSmtp', outcome: result.ok ? 'success' : 'failure' }));
      return result;
    },

    setSecurity(ctx: CallContext, input: SecuritySettings) {
      ctx.tx(() => {
        repository.setSecurity(input);
        ctx.audit({ action: 'settings.setSecurity', detail: { requireAuthenticatorApp: input.requireTotpForAll, idleLockMinutes: input.idleLockMinutes } });
      });
      return {};
    },

    /** A new recovery code (the old one stops working): for a lost code, or one never written down. */
    async regenerateRecoveryCode(ctx: CallContext) {
      const recoveryCode = generateRecoveryCode();
      await writeRecoveryCode(recoveryCode);
      ctx.tx(() => ctx.audit({ action: 'settings.regenerateRecoveryCode' }));
      return { recoveryCode };
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
