// Opens a vault's database file directly with its key, as an attacker holding the key
// would: for tests that tamper with rows behind the core's back.
import path from 'node:path';
import { createFileKeyStore } from '../../src-main/core/index';
import { openEncryptedDatabase, type Db } from '../../src-main/core/platform/db/open';
import { TEST_PASSPHRASE } from './vault';

export async function openRawDb(dataDir: string, vaultId: string): Promise<Db> {
  const keys = await createFileKeyStore({ dataDir, passphrase: TEST_PASSPHRASE }).load(vaultId);
  if (!keys) throw new Error('no keys');
  return openEncryptedDatabase(path.join(dataDir, 'vault.db'), { keyHex: keys.db });
}
