// Restoring a backup on a new machine (or into a new folder) with nothing but the backup file
// and the recovery code, and verifying a backup with or without that code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../../kernel/clock';
import { VaultOpenError } from '../../kernel/errors';
import { createAuditLog, readStoredHead, serializeHead, type AuditHead, type ChainVerification } from '../audit/audit-log';
import { checkpointTruncate, openEncryptedDatabase, type Db } from '../db/open';
import type { KeyStore } from '../keys/keystore';
import { normalizeRecoveryCode, RECOVERY_FILE_NAME } from '../keys/recovery';
import { parseVaultKeys, type VaultKeys } from '../keys/vault-keys';
import { unwrapSecret } from '../keys/wrap';
import { DB_FILE_NAME, writeManifest, type VaultManifest } from '../vault-manifest';
import { BackupFileError, databaseLooksPlain, extractDatabase, readBackupFile, readSectionText, type OpenedBackup } from './container';

/** The target of a restore is not an empty folder: nothing is written into it. */
export class RestoreTargetError extends Error {
  constructor() {
    super('復元先のフォルダが空ではありません。空のフォルダか、まだないフォルダを指定してください。何も書き込んでいません。');
    this.name = 'RestoreTargetError';
  }
}

async function openBackup(file: string): Promise<{ backup: OpenedBackup; manifest: VaultManifest }> {
  const backup = await readBackupFile(file);
  if (await databaseLooksPlain(backup)) throw new BackupFileError('bad_structure');
  let manifest: VaultManifest;
  try {
    manifest = JSON.parse(await readSectionText(backup, 'manifest')) as VaultManifest;
  } catch {
    throw new BackupFileError('bad_structure');
  }
  if (manifest.vaultId !== backup.header.vaultId) throw new BackupFileError('bad_structure');
  return { backup, manifest };
}

async function unwrapKeys(backup: OpenedBackup, code: string): Promise<{ keys: VaultKeys; recovery: string }> {
  const recovery = await readSectionText(backup, 'recovery');
  let text: string | null;
  try {
    text = await unwrapSecret(recovery, normalizeRecoveryCode(code), `mnv-recovery:${backup.header.vaultId}`);
  } catch {
    throw new BackupFileError('bad_structure');
  }
  if (text === null) throw new VaultOpenError('WRONG_RECOVERY_CODE');
  return { keys: parseVaultKeys(text), recovery };
}

function sameHead(a: AuditHead | null, b: AuditHead | null): boolean {
  return (a?.seq ?? 0) === (b?.seq ?? 0) && (a?.hash ?? '') === (b?.hash ?? '') && (a?.mac ?? '') === (b?.mac ?? '');
}

function openCopy(file: string, keys: VaultKeys, nativeBinding?: string): Db {
  try {
    return openEncryptedDatabase(file, { keyHex: keys.db, nativeBinding });
  } catch (err) {
    // The code opened the keys, so a copy that does not open with them is damaged.
    if (err instanceof VaultOpenError) throw new BackupFileError('bad_structure');
    throw err;
  }
}

export interface RestoreOptions {
  file: string;
  dataDir: string;
  recoveryCode: string;
  keyStore: KeyStore;
  clock: Clock;
  nativeBinding?: string;
}

export interface RestoreResult {
  vaultId: string;
  backupCreatedAt: string;
  /** The head after the restore's own audit entry. */
  headSeq: number;
}

function isEmptyOrMissing(dir: string): boolean {
  if (!fs.existsSync(dir)) return true;
  return fs.statSync(dir).isDirectory() && fs.readdirSync(dir).length === 0;
}

/**
 * Checks the file, opens the keys with the recovery code, and only then writes: the database
 * into `dataDir`, the manifest, the recovery file, the keys into `keyStore` and the chain head
 * beside them. A refusal at any step leaves the folder as it was (missing or empty).
 */
export async function restoreBackup({ file, dataDir, recoveryCode, keyStore, clock, nativeBinding }: RestoreOptions): Promise<RestoreResult> {
  if (!isEmptyOrMissing(dataDir)) throw new RestoreTargetError();
  const { backup, manifest } = await openBackup(file);
  const { keys, recovery } = await unwrapKeys(backup, recoveryCode);
  const created = !fs.existsSync(dataDir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let db: Db | null = null;
  try {
    const dbFile = path.join(dataDir, DB_FILE_NAME);
    await extractDatabase(backup, dbFile);
    db = openCopy(dbFile, keys, nativeBinding);
    if (!sameHead(readStoredHead(db), backup.header.auditHead)) throw new BackupFileError('bad_structure');
    // The restore is written into the restored chain: the trail says this vault came from a backup.
    const auditLog = createAuditLog(db, keys.audit);
    db.transaction(() =>
      auditLog.append({ actorLabel: 'mnv restore', action: 'backups.restore', detail: { backupCreatedAt: backup.header.createdAt, backupHeadSeq: backup.header.auditHead?.seq ?? 0 } }, clock.now()),
    ).immediate();
    const head = auditLog.head()!;
    checkpointTruncate(db);
    db.close();
    db = null;
    fs.writeFileSync(path.join(dataDir, RECOVERY_FILE_NAME), recovery, { mode: 0o600, flag: 'wx' });
    writeManifest(dataDir, { ...manifest, keyStore: keyStore.kind });
    await keyStore.save(manifest.vaultId, keys);
    await keyStore.saveAuditHead(manifest.vaultId, serializeHead(head));
    return { vaultId: manifest.vaultId, backupCreatedAt: backup.header.createdAt, headSeq: head.seq };
  } catch (err) {
    db?.close();
    if (created) fs.rmSync(dataDir, { recursive: true, force: true });
    else for (const f of fs.readdirSync(dataDir)) fs.rmSync(path.join(dataDir, f), { recursive: true, force: true });
    throw err;
  }
}

export interface VerifyReport {
  vaultId: string;
  createdAt: string;
  schemaVersion: number;
  headSeq: number;
  bytes: number;
  /** Present when the recovery code was given: the copy opened and its chain was walked. */
  chain?: ChainVerification;
}

/**
 * Without a code: the checksum and the structure (no secret needed). With the recovery code:
 * also that the keys open, the database opens with them, and the audit chain verifies up to
 * the head recorded in the file. The copy is opened from a temporary folder, removed after.
 */
export async function verifyBackup(file: string, recoveryCode?: string, nativeBinding?: string): Promise<VerifyReport> {
  const { backup } = await openBackup(file);
  const report: VerifyReport = {
    vaultId: backup.header.vaultId,
    createdAt: backup.header.createdAt,
    schemaVersion: backup.header.schemaVersion,
    headSeq: backup.header.auditHead?.seq ?? 0,
    bytes: backup.bytes,
  };
  if (recoveryCode === undefined) return report;
  const { keys } = await unwrapKeys(backup, recoveryCode);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnv-verify-'));
  try {
    const dbFile = path.join(dir, DB_FILE_NAME);
    await extractDatabase(backup, dbFile);
    const db = openCopy(dbFile, keys, nativeBinding);
    try {
      if (!sameHead(readStoredHead(db), backup.header.auditHead)) throw new BackupFileError('bad_structure');
      report.chain = createAuditLog(db, keys.audit).verify(backup.header.auditHead);
    } finally {
      db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return report;
}
