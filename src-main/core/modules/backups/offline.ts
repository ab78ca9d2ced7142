// `mnv backup`: a backup taken from the command line, beside the app or without it. It opens
// the database with the keys from the key store (no migration: a copy is taken as it is),
// takes the backup as the app does, and records the run, the rotation and the audit entry in
// the vault; the audit head it moved is mirrored to the key store.
import type { Clock } from '../../kernel/clock';
import { VaultOpenError } from '../../kernel/errors';
import { createAuditLog, serializeHead } from '../../platform/audit/audit-log';
import { takeBackup, type TakenBackup } from '../../platform/backup/take';
import { openEncryptedDatabase } from '../../platform/db/open';
import type { KeyStore } from '../../platform/keys/keystore';
import { DB_FILE_NAME, readManifest } from '../../platform/vault-manifest';
import path from 'node:path';
import fs from 'node:fs';
import { createBackupsRepository } from './repository';
import { createBackupsService } from './service';

export interface OfflineBackupOptions {
  dataDir: string;
  keyStore: KeyStore;
  /** Where to write it; absent: the folder set in the app. */
  folder?: string;
  clock: Clock;
  nativeBinding?: string;
  log(line: string): void;
}

export async function takeBackupOffline({ dataDir, keyStore, folder, clock, nativeBinding, log }: OfflineBackupOptions): Promise<TakenBackup & { folder: string }> {
  const manifest = readManifest(dataDir);
  if (!manifest || !fs.existsSync(path.join(dataDir, DB_FILE_NAME))) throw new VaultOpenError('CORRUPT', `保管庫が見つかりません: ${dataDir}`);
  const keys = await keyStore.load(manifest.vaultId);
  if (!keys) throw new VaultOpenError('KEY_MISSING');
  const db = openEncryptedDatabase(path.join(dataDir, DB_FILE_NAME), { keyHex: keys.db, nativeBinding });
  try {
    const auditLog = createAuditLog(db, keys.audit);
    const outside = await keyStore.loadAuditHead(manifest.vaultId);
    // A database short of the head kept outside is evidence: back it up, but never write over that head.
    const heldHead = auditLog.checkHead(outside ? (JSON.parse(outside) as Parameters<typeof auditLog.checkHead>[0]) : null) !== null;
    const repository = createBackupsRepository(db);
    const target = folder ?? repository.settings().folder;
    const service = createBackupsService({
      repository,
      clock,
      dataDir,
      take: (into, now) => takeBackup({ db, dataDir, vaultId: manifest.vaultId, dbKeyHex: keys.db, folder: into, now, nativeBinding }),
      commit: (fn) => db.transaction(fn).immediate(),
      appendAudit: (entry, at) => auditLog.append({ ...entry, actorLabel: 'mnv backup' }, at),
      log,
    });
    const taken = await service.runOffline(target ?? undefined);
    if (!heldHead) await keyStore.saveAuditHead(manifest.vaultId, serializeHead(auditLog.head()!));
    return { ...taken, folder: target! };
  } finally {
    db.close();
  }
}
