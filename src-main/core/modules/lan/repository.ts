// The listener's settings and certificate, in the settings table. The certificate's private
// key is sealed under the field key (bound to its purpose), like the SMTP password.
import { LAN_DEFAULT_PORT, type LanConfig } from '../../../../src-shared/contract';
import type { FieldCrypto } from '../../platform/crypto/field';
import type { Db } from '../../platform/db/open';

export const DEFAULT_LAN: LanConfig = { enabled: false, host: '0.0.0.0', port: LAN_DEFAULT_PORT, allowedCidrs: [] };

const KEY_CONTEXT = 'lan-tls-key';

export interface StoredCertificate {
  source: 'generated' | 'imported';
  certPem: string;
}

interface StoredCertificateRow extends StoredCertificate {
  keySealed: string;
}

export function createLanRepository(db: Db, fields: FieldCrypto) {
  const get = <T>(key: string): T | null => {
    const row = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key);
    return row ? (JSON.parse(row.value) as T) : null;
  };
  const put = (key: string, value: unknown) =>
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));

  return {
    config(): LanConfig {
      return { ...DEFAULT_LAN, ...get<Partial<LanConfig>>('lan') };
    },
    setConfig(value: LanConfig): void {
      put('lan', value);
    },
    certificate(): StoredCertificate | null {
      const c = get<StoredCertificateRow>('lan.certificate');
      return c ? { source: c.source, certPem: c.certPem } : null;
    },
    /** The certificate's private key, opened: for the listener only. */
    certificateKey(): string | null {
      const c = get<StoredCertificateRow>('lan.certificate');
      return c ? fields.open(Buffer.from(c.keySealed, 'base64'), KEY_CONTEXT).toString('utf8') : null;
    },
    setCertificate(source: StoredCertificate['source'], certPem: string, keyPem: string): void {
      put('lan.certificate', { source, certPem, keySealed: fields.seal(keyPem, KEY_CONTEXT).toString('base64') });
    },
  };
}

export type LanRepository = ReturnType<typeof createLanRepository>;
