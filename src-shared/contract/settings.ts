// Settings: the outgoing mail server, the security options, the recovery code.
import { SMTP_SECURITY } from '../domain';
import { channel } from './define';
import { email, empty } from './fields';
import { z } from './zod';

const smtpSettingsView = z.object({
  host: z.string(),
  port: z.number().int(),
  security: z.enum(SMTP_SECURITY),
  username: z.string(),
  hasPassword: z.boolean(),
  from: z.string(),
});

export const smtpSettingsInput = z.object({
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  security: z.enum(SMTP_SECURITY),
  username: z.string().max(254),
  /** Omitted: keep the stored password. Empty string: no password. */
  password: z.string().max(1024).optional(),
  from: email,
});
export type SmtpSettingsInput = z.infer<typeof smtpSettingsInput>;

export const securitySettings = z.object({
  requireTotpForAll: z.boolean(),
  idleLockMinutes: z.number().int().min(1).max(30),
});
export type SecuritySettings = z.infer<typeof securitySettings>;

export const settingsChannels = {
  'settings.getSmtp': channel({
    input: empty,
    output: z.object({ smtp: smtpSettingsView.nullable() }),
  }),
  'settings.setSmtp': channel({
    input: smtpSettingsInput,
    output: empty,
  }),
  'settings.testSmtp': channel({
    input: z.object({ to: email }),
    output: z.object({ ok: z.boolean(), response: z.string() }),
  }),
  'settings.regenerateRecoveryCode': channel({
    input: empty,
    output: z.object({ recoveryCode: z.string() }),
  }),
  'settings.getSecurity': channel({
    input: empty,
    output: securitySettings,
  }),
  'settings.setSecurity': channel({
    input: securitySettings,
    output: empty,
  }),
};
