// Opening a vault: its keys from the key store, the SQLCipher file, the migrations. What the
// modules are built on; no rule of any feature lives here.
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../kernel/clock';
import { VaultOpenError } from '../kernel/errors';
import { loadMigrations, migrate, prunePreMigrationCopies } from './db/migrate';
import { openEncryptedDatabase, type Db } from './db/open';
import type { KeyStore } from './keys/keystore';
import { generateVaultKeys, type VaultKeys } from './keys/vault-keys';
import { completeRekey, type RekeyProgressListener } from './rekey/rekey';
import { DB_FILE_NAME, newManifest, readManifest, writeManifest } from './vault-manifest';

export interface OpenedVault {
  db: Db;
  dataDir: string;
  vaultId: string;
  keys: VaultKeys;
  /** The new recovery code, when a key rotation that issued one completed at this open (to show once). */
  newRecoveryCode: string | null;
}

export interface OpenVaultOptions {
  dataDir: string;
  keyStore: KeyStore;
  clock: Clock;
  nativeBinding?: string;
  migrationsDir: string;
  /** Told how a key rotation left unfinished (mnv rekey, vault.rekey) advances as it completes at open. */
  onRekeyProgress?: RekeyProgressListener;
}

export const PRE_MIGRATION_DIR = 'backups';

export async function openVault({ dataDir, keyStore, clock, nativeBinding, migrationsDir, onRekeyProgress }: OpenVaultOptions): Promise<OpenedVault> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const dbFile = path.join(dataDir, DB_FILE_NAME);
  const loaded = await loadOrCreateKeys(dataDir, dbFile, keyStore, clock);
  const { vaultId } = loaded;
  const backupDir = path.join(dataDir, PRE_MIGRATION_DIR);
  const migrations = loadMigrations(migrationsDir);
  const migrateOpened = (db: Db) => {
    try {
      migrate({ db, dbFile, migrations, backupDir, now: clock.now() });
    } catch (err) {
      db.close();
      throw err;
    }
  };

  let db: Db;
  let keys = loaded.keys;
  let newRecoveryCode: string | null = null;
  if (keys.pending) {
    // A key rotation left unfinished: carried through before anything else reads the vault.
    const done = await completeRekey({ dataDir, dbFile, vaultId, keyStore, keys, clock, nativeBinding, migrate: migrateOpened, onProgress: onRekeyProgress });
    ({ db, keys, newRecoveryCode } = done);
  } else {
    db = openEncryptedDatabase(dbFile, { keyHex: keys.db, nativeBinding });
    migrateOpened(db);
  }
  // Opened on the current schema: only the copy from before the latest migration is kept.
  prunePreMigrationCopies(backupDir);
  return { db, dataDir, vaultId, keys, newRecoveryCode };
}

async function loadOrCreateKeys(dataDir: string, dbFile: string, keyStore: KeyStore, clock: Clock) {
  const manifest = readManifest(dataDir);
  const dbExists = fs.existsSync(dbFile);
  if (manifest) {
    const keys = await keyStore.load(manifest.vaultId);
    if (keys) return { vaultId: manifest.vaultId, keys };
    // Keys gone but data present: never make new keys over it.
    if (dbExists) throw new VaultOpenError('KEY_MISSING');
    const fresh = generateVaultKeys();
    await keyStore.save(manifest.vaultId, fresh);
    return { vaultId: manifest.vaultId, keys: fresh };
  }
  if (dbExists) throw new VaultOpenError('CORRUPT', 'vault.json がありません');
  // Keys first: a key store that fails leaves the directory as it was.
  const created = newManifest(keyStore.kind, clock.now());
  const fresh = generateVaultKeys();
  await keyStore.save(created.vaultId, fresh);
  writeManifest(dataDir, created);
  return { vaultId: created.vaultId, keys: fresh };
}
