// A key file wrapped with a passphrase, for machines without a keychain. Chosen explicitly.
// The passphrase follows the password rule (12+ characters, not guessable) when a key file
// is written, and is taken out of the environment as soon as it is read.
import fs from 'node:fs';
import path from 'node:path';
import { assessPassword } from '../password-strength';
import { VaultOpenError } from '../../kernel/errors';
import { writeFileAtomic, writeFileAtomicAsync } from '../fs-atomic';
import type { KeyStore } from './keystore';
import { parseVaultKeys, serializeVaultKeys } from './vault-keys';
import { unwrapSecret, wrapSecret } from './wrap';

export const KEY_FILE_NAME = 'keys.wrapped.json';
export const AUDIT_HEAD_FILE_NAME = 'audit-head.json';
export const PASSPHRASE_ENV = 'MNV_PASSPHRASE';

export interface FileKeyStoreOptions {
  dataDir: string;
  passphrase: string | undefined;
}

/** Reads the passphrase from MNV_PASSPHRASE and removes it, so no child process inherits it. */
export function takePassphraseFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[PASSPHRASE_ENV];
  delete env[PASSPHRASE_ENV];
  return value;
}

export function createFileKeyStore({ dataDir, passphrase }: FileKeyStoreOptions): KeyStore {
  const file = path.join(dataDir, KEY_FILE_NAME);
  const headFile = path.join(dataDir, AUDIT_HEAD_FILE_NAME);
  const requirePassphrase = (): string => {
    if (!passphrase) throw new VaultOpenError('PASSPHRASE_REQUIRED');
    return passphrase;
  };
  return {
    kind: 'file',
    async load(vaultId) {
      if (!fs.existsSync(file)) return null;
      const text = await unwrapSecret(fs.readFileSync(file, 'utf8'), requirePassphrase(), `mnv-keys:${vaultId}`);
      if (text === null) throw new VaultOpenError('WRONG_PASSPHRASE');
      return parseVaultKeys(text);
    },
    async save(vaultId, keys) {
      const secret = requirePassphrase();
      if ((await assessPassword(secret)).problem) throw new VaultOpenError('WEAK_PASSPHRASE');
      const wrapped = await wrapSecret(serializeVaultKeys(keys), secret, `mnv-keys:${vaultId}`);
      writeFileAtomic(file, wrapped);
    },
    async loadAuditHead() {
      return fs.existsSync(headFile) ? fs.readFileSync(headFile, 'utf8') : null;
    },
    // Rewritten after commits as the vault works: never holding up the event loop.
    saveAuditHead: (_vaultId, head) => writeFileAtomicAsync(headFile, head),
  };
}
