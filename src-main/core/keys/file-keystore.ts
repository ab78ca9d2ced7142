// A key file wrapped with a passphrase, for machines without a keychain. Chosen explicitly.
import fs from 'node:fs';
import path from 'node:path';
import { VaultOpenError } from '../errors';
import { writeFileAtomic } from '../fs-atomic';
import type { KeyStore } from './keystore';
import { parseVaultKeys, serializeVaultKeys } from './vault-keys';
import { unwrapSecret, wrapSecret } from './wrap';

export const KEY_FILE_NAME = 'keys.wrapped.json';

export interface FileKeyStoreOptions {
  dataDir: string;
  passphrase: string | undefined;
}

export function createFileKeyStore({ dataDir, passphrase }: FileKeyStoreOptions): KeyStore {
  const file = path.join(dataDir, KEY_FILE_NAME);
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
      const wrapped = await wrapSecret(serializeVaultKeys(keys), requirePassphrase(), `mnv-keys:${vaultId}`);
      writeFileAtomic(file, wrapped);
    },
  };
}
