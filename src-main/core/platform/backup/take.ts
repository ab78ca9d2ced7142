// Taking a backup of an open vault: a consistent copy of the database made by SQLite itself
// while the vault keeps working, the recovery-wrapped keys and the audit chain head, in one file.
//
// The copy is made with `VACUUM INTO`, not better-sqlite3's `db.backup()`: that opens its
// target without a key (and with URIs off, so none can be passed), and SQLite3 Multiple
// Ciphers refuses an online backup between an encrypted source and an unkeyed target
// ("incompatible source and target databases"). VACUUM INTO reads one snapshot in one read
// transaction, like the backup API, and writes the copy encrypted with the same cipher and key.
import fs from 'node:fs';
import path from 'node:path';
import { readStoredHead } from '../audit/audit-log';
import { openEncryptedDatabase, type Db } from '../db/open';
import { RECOVERY_FILE_NAME } from '../keys/recovery';
import { MANIFEST_FILE_NAME } from '../vault-manifest';
import { BACKUP_EXTENSION, writeBackupFile } from './container';

export const BACKUP_FILE_PREFIX = 'mynumber-vault-';

export interface TakeBackupOptions {
  db: Db;
  dataDir: string;
  vaultId: string;
  /** The database key: the copy is opened with it once, to read its head and prove it opens. */
  dbKeyHex: string;
  folder: string;
  now: Date;
  nativeBinding?: string;
}

export interface TakenBackup {
  fileName: string;
  bytes: number;
  /** The audit chain head's sequence number inside the copy (0 before any entry). */
  headSeq: number;
}

/** `mynumber-vault-20261201T181500Z.mnvbak`: sorts by time, says what it is. */
export function backupFileName(now: Date): string {
  return `${BACKUP_FILE_PREFIX}${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}${BACKUP_EXTENSION}`;
}

export async function takeBackup({ db, dataDir, vaultId, dbKeyHex, folder, now, nativeBinding }: TakeBackupOptions): Promise<TakenBackup> {
  const manifest = fs.readFileSync(path.join(dataDir, MANIFEST_FILE_NAME), 'utf8');
  const recovery = fs.readFileSync(path.join(dataDir, RECOVERY_FILE_NAME), 'utf8');
  let fileName = backupFileName(now);
  for (let n = 2; fs.existsSync(path.join(folder, fileName)); n++) fileName = backupFileName(now).replace(BACKUP_EXTENSION, `-${n}${BACKUP_EXTENSION}`);
  // The copy waits beside the live database (same disk, owner-only folder) until it is packed.
  const copy = path.join(dataDir, `.backup-copy-${process.pid}-${now.getTime()}.db`);
  // VACUUM INTO wants a missing or empty file: an empty one made owner-only first.
  fs.closeSync(fs.openSync(copy, 'wx', 0o600));
  try {
    db.prepare('VACUUM INTO ?').run(copy);
    const check = openEncryptedDatabase(copy, { keyHex: dbKeyHex, nativeBinding });
    let head;
    let schemaVersion: number;
    try {
      head = readStoredHead(check);
      schemaVersion = Number(check.pragma('user_version', { simple: true }));
      // Opening switched the copy to WAL: back to a single self-contained file.
      check.pragma('journal_mode = DELETE');
    } finally {
      check.close();
    }
    const bytes = await writeBackupFile(path.join(folder, fileName), {
      header: { vaultId, createdAt: now.toISOString(), schemaVersion, auditHead: head },
      manifest,
      recovery,
      databaseFile: copy,
    });
    return { fileName, bytes, headSeq: head?.seq ?? 0 };
  } finally {
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
  }
}
