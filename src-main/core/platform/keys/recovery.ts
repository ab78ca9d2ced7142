// The recovery code: shown once at setup; the vault's keys are also stored wrapped by it,
// so that the vault can be opened on a new machine or after the keychain is lost.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { VaultOpenError } from '../../kernel/errors';
import { writeFileAtomic } from '../fs-atomic';
import type { KeyStore } from './keystore';
import { parseVaultKeys, serializeVaultKeys, type VaultKeys } from './vault-keys';
import { unwrapSecret, wrapSecret } from './wrap';
import { readStoredHead, serializeHead } from '../audit/audit-log';
import { openEncryptedDatabase } from '../db/open';
import { DB_FILE_NAME } from '../vault-manifest';

export const RECOVERY_FILE_NAME = 'keys.recovery.json';

// Crockford's base32: no I, L, O, U, so a code copied by hand is hard to misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 30 symbols of 5 bits (150 bits), shown as six groups of five: XXXXX-XXXXX-... */
export function generateRecoveryCode(): string {
  const bytes = randomBytes(30);
  const symbols = Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
  return symbols.match(/.{5}/g)!.join('-');
}

/** Accepts the code however it was typed: lower case, spaces, O for 0, I/L for 1. */
export function normalizeRecoveryCode(input: string): string {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return cleaned.match(/.{1,5}/g)?.join('-') ?? '';
}

export async function writeRecoveryFile(dataDir: string, vaultId: string, keys: VaultKeys, code: string): Promise<void> {
  const wrapped = await wrapSecret(serializeVaultKeys(keys), normalizeRecoveryCode(code), `mnv-recovery:${vaultId}`);
  writeFileAtomic(path.join(dataDir, RECOVERY_FILE_NAME), wrapped);
}

export async function readKeysWithRecoveryCode(dataDir: string, vaultId: string, code: string): Promise<VaultKeys> {
  const file = path.join(dataDir, RECOVERY_FILE_NAME);
  if (!fs.existsSync(file)) throw new VaultOpenError('KEY_MISSING', '回復用の鍵ファイルがありません');
  const text = await unwrapSecret(fs.readFileSync(file, 'utf8'), normalizeRecoveryCode(code), `mnv-recovery:${vaultId}`);
  if (text === null) throw new VaultOpenError('WRONG_RECOVERY_CODE');
  return parseVaultKeys(text);
}

/**
 * Puts the keys back into a key store (a new keychain, or a new passphrase file). A store
 * that holds no audit head yet is given the database's, which the recovery code vouches for;
 * one that holds a head keeps it (it may be the evidence against an older database).
 */
export async function restoreKeysWithRecoveryCode(
  dataDir: string,
  vaultId: string,
  code: string,
  keyStore: KeyStore,
): Promise<void> {
  const keys = await readKeysWithRecoveryCode(dataDir, vaultId, code);
  await keyStore.save(vaultId, keys);
  if ((await keyStore.loadAuditHead(vaultId)) !== null) return;
  const dbFile = path.join(dataDir, DB_FILE_NAME);
  if (!fs.existsSync(dbFile)) return;
  const db = openUnderEitherKey(dbFile, keys);
  try {
    const head = readStoredHead(db);
    if (head) await keyStore.saveAuditHead(vaultId, serializeHead(head));
  } finally {
    db.close();
  }
}

/** Mid-rotation the file is under the current key until it is swapped, then under the next. */
function openUnderEitherKey(dbFile: string, keys: VaultKeys) {
  try {
    return openEncryptedDatabase(dbFile, { keyHex: keys.db });
  } catch (err) {
    if (!keys.pending || !(err instanceof VaultOpenError && err.code === 'WRONG_KEY')) throw err;
    return openEncryptedDatabase(dbFile, { keyHex: keys.pending.db });
  }
}
