// The vault's keys: each a random 32-byte key kept as 64 lowercase hex characters.
import { randomBytes, randomUUID } from 'node:crypto';

export interface VaultKeys {
  /** The raw SQLCipher key of the database file. */
  db: string;
  /** Seals My Numbers, ID images and TOTP secrets (AES-256-GCM). */
  field: string;
  /** Keys the HMAC chain of the audit trail. */
  audit: string;
  /** Keys the blind index used to find duplicate numbers without the number. */
  index: string;
  /**
   * A key rotation under way (platform/rekey): the next keys, kept beside the current ones in
   * the same bundle, so one atomic write of the key store (or of the recovery file) records
   * both and every value stays readable by one of them at every moment of the rotation.
   */
  pending?: PendingRekey;
}

export interface PendingRekey {
  /** Names the rotation in its audit entries, so a resumed run does not record it twice. */
  id: string;
  startedAt: string;
  db: string;
  field: string;
  index: string;
  /** The recovery code the recovery file is rewritten with at the end (the current one, or a new one to show then). */
  recoveryCode: string;
  newRecoveryCode: boolean;
  /** Whether that code was already shown (the app shows it as the rotation is recorded): then it is not shown again at the end. */
  recoveryCodeShown: boolean;
}

const HEX64 = /^[0-9a-f]{64}$/;
const KEY_NAMES = ['db', 'field', 'audit', 'index'] as const;
const PENDING_KEY_NAMES = ['db', 'field', 'index'] as const;

const key = () => randomBytes(32).toString('hex');

export function generateVaultKeys(): VaultKeys {
  return { db: key(), field: key(), audit: key(), index: key() };
}

/** The next database, field and index keys (the audit key stays: it keys the chain already written). */
export function generatePendingRekey(recoveryCode: string, newRecoveryCode: boolean, now: Date, recoveryCodeShown = false): PendingRekey {
  return { id: randomUUID(), startedAt: now.toISOString(), db: key(), field: key(), index: key(), recoveryCode, newRecoveryCode, recoveryCodeShown };
}

export function serializeVaultKeys(keys: VaultKeys): string {
  const base = { db: keys.db, field: keys.field, audit: keys.audit, index: keys.index };
  return JSON.stringify(keys.pending ? { v: 2, ...base, pending: keys.pending } : { v: 1, ...base });
}

export function parseVaultKeys(text: string): VaultKeys {
  const raw = JSON.parse(text) as Record<string, unknown>;
  if (raw.v !== 1 && raw.v !== 2) throw new Error('unknown key bundle version');
  for (const name of KEY_NAMES) {
    if (typeof raw[name] !== 'string' || !HEX64.test(raw[name])) throw new Error(`key bundle: bad ${name} key`);
  }
  const keys: VaultKeys = { db: raw.db as string, field: raw.field as string, audit: raw.audit as string, index: raw.index as string };
  if (raw.v === 2) keys.pending = parsePending(raw.pending);
  return keys;
}

function parsePending(value: unknown): PendingRekey {
  const p = value as Record<string, unknown> | null;
  if (!p || typeof p !== 'object') throw new Error('key bundle: bad pending rotation');
  for (const name of PENDING_KEY_NAMES) {
    if (typeof p[name] !== 'string' || !HEX64.test(p[name])) throw new Error(`key bundle: bad pending ${name} key`);
  }
  if (typeof p.id !== 'string' || typeof p.startedAt !== 'string' || typeof p.recoveryCode !== 'string' || typeof p.newRecoveryCode !== 'boolean') {
    throw new Error('key bundle: bad pending rotation');
  }
  return {
    id: p.id,
    startedAt: p.startedAt,
    db: p.db as string,
    field: p.field as string,
    index: p.index as string,
    recoveryCode: p.recoveryCode,
    newRecoveryCode: p.newRecoveryCode,
    recoveryCodeShown: p.recoveryCodeShown === true,
  };
}
