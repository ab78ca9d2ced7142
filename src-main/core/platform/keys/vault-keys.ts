// The vault's keys: each a random 32-byte key kept as 64 lowercase hex characters.
import { randomBytes } from 'node:crypto';

export interface VaultKeys {
  /** The raw SQLCipher key of the database file. */
  db: string;
  /** Seals My Numbers, ID images and TOTP secrets (AES-256-GCM). */
  field: string;
  /** Keys the HMAC chain of the audit trail. */
  audit: string;
  /** Keys the blind index used to find duplicate numbers without the number. */
  index: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const KEY_NAMES = ['db', 'field', 'audit', 'index'] as const;

export function generateVaultKeys(): VaultKeys {
  const key = () => randomBytes(32).toString('hex');
  return { db: key(), field: key(), audit: key(), index: key() };
}

export function serializeVaultKeys(keys: VaultKeys): string {
  return JSON.stringify({ v: 1, db: keys.db, field: keys.field, audit: keys.audit, index: keys.index });
}

export function parseVaultKeys(text: string): VaultKeys {
  const raw = JSON.parse(text) as Record<string, unknown>;
  if (raw.v !== 1) throw new Error('unknown key bundle version');
  for (const name of KEY_NAMES) {
    if (typeof raw[name] !== 'string' || !HEX64.test(raw[name])) throw new Error(`key bundle: bad ${name} key`);
  }
  return { db: raw.db as string, field: raw.field as string, audit: raw.audit as string, index: raw.index as string };
}
