// Settings: the SMTP server for codes and collection mails, and the security options.
import type { Handler } from './context';
import { smtpTransport } from '../services/mail';
import { generateRecoveryCode, writeRecoveryFile } from '../keys/recovery';

export const settingsGetSmtp: Handler<'settings.getSmtp'> = (_input, ctx) => ({ smtp: ctx.vault.settings.smtpView() });

export const settingsSetSmtp: Handler<'settings.setSmtp'> = (input, ctx) => {
  ctx.tx(() => {
    ctx.vault.settings.setSmtp(input);
    ctx.audit({ action: 'settings.setSmtp', detail: { host: input.host, port: input.port, security: input.security } });
  });
  return {};
};

/** Sends a test mail and reports the server's own answer, success or not. */
export const settingsTestSmtp: Handler<'settings.testSmtp'> = async (input, ctx) => {
  const smtp = ctx.vault.settings.smtp();
  if (!smtp) return { ok: false, response: 'SMTPサーバーが設定されていません' };
  let result: { ok: boolean; response: string };
  try {
    const info = await smtpTransport(smtp).sendMail({
      from: smtp.from,
      to: input.to,
      subject: '【MyNumber Vault】テストメール',
      text: `MyNumber Vault（${ctx.vault.machineName}）からのテストメールです。このメールが届いていれば、送信設定は正しく動作しています。`,
    });
    result = { ok: true, response: String(info.response ?? '') };
  } catch (err) {
    const e = err as { response?: string; message?: string };
    result = { ok: false, response: String(e.response ?? e.message ?? err).split('\n')[0]!.slice(0, 500) };
  }
  ctx.tx(() => ctx.audit({ action: 'settings.testSmtp', outcome: result.ok ? 'success' : 'failure' }));
  return result;
};

export const settingsGetSecurity: Handler<'settings.getSecurity'> = (_input, ctx) => ctx.vault.settings.security();

export const settingsSetSecurity: Handler<'settings.setSecurity'> = (input, ctx) => {
  ctx.tx(() => {
    ctx.vault.settings.setSecurity(input);
    ctx.audit({ action: 'settings.setSecurity', detail: { requireAuthenticatorApp: input.requireTotpForAll, idleLockMinutes: input.idleLockMinutes } });
  });
  return {};
};

/** A new recovery code (the old one stops working): for a lost code, or one never written down. */
export const settingsRegenerateRecoveryCode: Handler<'settings.regenerateRecoveryCode'> = async (_input, ctx) => {
  const recoveryCode = generateRecoveryCode();
  await writeRecoveryFile(ctx.vault.dataDir, ctx.vault.vaultId, ctx.vault.keys, recoveryCode);
  ctx.tx(() => ctx.audit({ action: 'settings.regenerateRecoveryCode' }));
  return { recoveryCode };
};
