// Settings kept in the settings table as JSON. The SMTP password is sealed with the field key.
import type { SecuritySettings, SmtpSettingsInput } from '../../../../src-shared/contract';
import type { Db } from '../../platform/db/open';
import type { FieldCrypto } from '../../platform/crypto/field';
import type { SmtpSettings } from '../../platform/mail/smtp';

export const DEFAULT_SECURITY: SecuritySettings = { requireTotpForAll: false, idleLockMinutes: 10 };

interface StoredSmtp extends Omit<SmtpSettings, 'password'> {
  passwordSealed: string | null;
}

export function createSettingsRepository(db: Db, fields: FieldCrypto) {
  // Prepared once: the security settings are read on every call (the idle lock).
  const byKey = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const get = <T>(key: string): T | null => {
    const row = byKey.get(key);
    return row ? (JSON.parse(row.value) as T) : null;
  };
  const put = (key: string, value: unknown) =>
    db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));

  return {
    security(): SecuritySettings {
      return { ...DEFAULT_SECURITY, ...get<SecuritySettings>('security') };
    },
    setSecurity(value: SecuritySettings): void {
      put('security', value);
    },
    smtpView() {
      const s = get<StoredSmtp>('smtp');
      if (!s) return null;
      return { host: s.host, port: s.port, security: s.security, username: s.username, hasPassword: !!s.passwordSealed, from: s.from };
    },
    /** The SMTP settings with the password opened, for the mailer only. */
    smtp(): SmtpSettings | null {
      const s = get<StoredSmtp>('smtp');
      if (!s) return null;
      const password = s.passwordSealed ? fields.open(Buffer.from(s.passwordSealed, 'base64'), 'smtp-password').toString('utf8') : '';
      return { host: s.host, port: s.port, security: s.security, username: s.username, from: s.from, password };
    },
    setSmtp(input: SmtpSettingsInput): void {
      const previous = get<StoredSmtp>('smtp');
      const passwordSealed =
        input.password === undefined
          ? (previous?.passwordSealed ?? null)
          : input.password === ''
            ? null
            : fields.seal(input.password, 'smtp-password').toString('base64');
      put('smtp', { host: input.host, port: input.port, security: input.security, username: input.username, from: input.from, passwordSealed });
    },
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
