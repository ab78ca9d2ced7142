// createCore: opens the vault (keys from the key store, the SQLCipher file, migrations) and
// returns the one entry point every adapter uses: call(sessionKey, channel, input).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contract } from '../../src-shared/contract';
import type { Result } from '../../src-shared/errors';
import { createAuditLog } from './audit/audit-log';
import { systemClock, type Clock } from './clock';
import { createFieldCrypto } from './crypto/field';
import { checkpointTruncate, openEncryptedDatabase, type Db } from './db/open';
import { loadMigrations, migrate } from './db/migrate';
import { VaultOpenError } from './errors';
import type { Vault } from './handlers/context';
import { createDispatcher } from './handlers/dispatch';
import { handlers } from './handlers/table';
import type { KeyStore } from './keys/keystore';
import { generateVaultKeys, type VaultKeys } from './keys/vault-keys';
import type { Mailer } from './mailer';
import { sourceMigrationsDir } from './paths';
import { createUserRepository } from './services/users';
import { createRegistrantRepository } from './services/registrants';
import { createMyNumbers } from './services/my-numbers';
import { createPurposes } from './services/purposes';
import { createSettings } from './services/settings';
import { createSettingsMailer } from './services/mail';
import { createLoginThrottle } from './services/throttle';
import { createOneTimeCodes } from './services/one-time-codes';
import { createSessionStore } from './sessions';
import { DB_FILE_NAME, newManifest, readManifest, writeManifest } from './vault-manifest';

export interface CoreOptions {
  dataDir: string;
  keyStore: KeyStore;
  clock?: Clock;
  mailer?: Mailer;
  /** Named in mails ("which machine asked"); defaults to the host name. */
  machineName?: string;
  /** better_sqlite3.node built for the running runtime (the desktop app passes its Electron build). */
  nativeBinding?: string;
  migrationsDir?: string;
}

export interface Core {
  /** Opens an anonymous session; the adapter keeps its key and passes it with every call. */
  openSession(): string;
  closeSession(sessionKey: string): void;
  call(sessionKey: string, channel: string, input: unknown): Promise<Result<unknown>>;
  close(): void;
  readonly vaultId: string;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const vault = await openVault(options);
  const call = createDispatcher(vault, contract, handlers);
  return {
    vaultId: vault.vaultId,
    openSession: () => vault.sessions.open(),
    closeSession: (key) => vault.sessions.close(key),
    call,
    close() {
      if (!vault.db.open) return;
      checkpointTruncate(vault.db);
      vault.db.close();
    },
  };
}

/** Keys, database and migrations: everything but the handler table. */
export async function openVault(options: CoreOptions): Promise<Vault> {
  const { dataDir, keyStore, clock = systemClock, mailer } = options;
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const dbFile = path.join(dataDir, DB_FILE_NAME);
  const { vaultId, keys } = await loadOrCreateKeys(dataDir, dbFile, keyStore, clock);

  const db = openEncryptedDatabase(dbFile, { keyHex: keys.db, nativeBinding: options.nativeBinding });
  try {
    migrate({
      db,
      dbFile,
      migrations: loadMigrations(options.migrationsDir ?? sourceMigrationsDir),
      backupDir: path.join(dataDir, 'backups'),
      now: clock.now(),
    });
  } catch (err) {
    db.close();
    throw err;
  }

  return buildVault({ db, dataDir, vaultId, keys, clock, mailer, machineName: options.machineName ?? os.hostname() });
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

interface VaultParts {
  db: Db;
  dataDir: string;
  vaultId: string;
  keys: VaultKeys;
  clock: Clock;
  mailer: Mailer | undefined;
  machineName: string;
}

function buildVault({ db, dataDir, vaultId, keys, clock, mailer, machineName }: VaultParts): Vault {
  const locks = new Map<string, Promise<unknown>>();
  const fields = createFieldCrypto(keys.field, keys.index);
  const settings = createSettings(db, fields);
  return {
    db,
    dataDir,
    vaultId,
    keys,
    clock,
    mailer: mailer ?? createSettingsMailer(settings),
    machineName,
    auditLog: createAuditLog(db, keys.audit),
    fields,
    settings,
    throttle: createLoginThrottle(db, fields),
    codes: createOneTimeCodes(db, fields),
    users: createUserRepository(db),
    registrants: createRegistrantRepository(db),
    myNumbers: createMyNumbers(db, fields),
    purposes: createPurposes(db),
    sessions: createSessionStore(() => clock.now().getTime()),
    exclusive(name, fn) {
      const previous = locks.get(name) ?? Promise.resolve();
      const next = previous.then(fn, fn);
      locks.set(name, next.catch(() => undefined));
      return next;
    },
  };
}

export { VaultOpenError } from './errors';
export { createFileKeyStore } from './keys/file-keystore';
export { createOsKeyStore } from './keys/os-keystore';
export { restoreKeysWithRecoveryCode } from './keys/recovery';
export type { KeyStore } from './keys/keystore';
export type { VaultKeys } from './keys/vault-keys';
export type { Clock } from './clock';
export { systemClock } from './clock';
export type { Mailer, MailMessage } from './mailer';
