// Opens the SQLCipher 4 database with a raw 32-byte key (no key derivation on open).
import Database from 'better-sqlite3-multiple-ciphers';
import { VaultOpenError } from '../../kernel/errors';

export type Db = Database.Database;

const RAW_KEY = /^[0-9a-f]{64}$/;

/** KiB of decrypted pages a connection may keep (SQLite's default is 2,000). */
export const PAGE_CACHE_KIB = 65_536;

export interface OpenOptions {
  /** 64 lowercase hex characters: the raw SQLCipher key. */
  keyHex: string;
  /** Path of a better_sqlite3.node built for the running runtime (the Electron build in the app). */
  nativeBinding?: string;
}

/**
 * Opens (or creates) the encrypted database. The key is checked by reading the schema
 * before anything is written, so a wrong key leaves every file untouched.
 */
export function openEncryptedDatabase(file: string, { keyHex, nativeBinding }: OpenOptions): Db {
  if (!RAW_KEY.test(keyHex)) throw new Error('database key must be 64 lowercase hex characters');
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${keyHex}'"`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (err) {
      // SQLCipher reports a wrong key as "file is not a database" (SQLITE_NOTADB).
      const code = (err as { code?: string }).code;
      throw new VaultOpenError(code === 'SQLITE_NOTADB' ? 'WRONG_KEY' : 'CORRUPT', code);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    // Sorts and temporary indexes stay in memory: SQLite's temp files are not encrypted.
    db.pragma('temp_store = MEMORY');
    // Decrypted pages kept in memory (at most this much): at 100,000 registrants the list's
    // indexes and the search index stay in it, instead of being decrypted again on each read.
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Folds the WAL back into the main file and truncates it, so nothing lingers there. */
export function checkpointTruncate(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * After a physical deletion: nothing of the deleted rows may stay in any file. secure_delete
 * (on for every connection) already overwrites deleted content with zeros inside the pages, but
 * the pages written before the deletion linger in the WAL until a checkpoint, and freed pages
 * (on the freelist) keep whatever they held when freed. So: the WAL folded in and truncated,
 * VACUUM rebuilding the file from the live rows only (freed pages dropped, the file shrunk;
 * in WAL mode VACUUM writes through the WAL), then the WAL folded in and truncated again.
 * Must be called outside a transaction.
 */
export function eraseFreedPages(db: Db): { walTruncated: boolean } {
  checkpointTruncate(db);
  db.exec('VACUUM');
  // busy = 1: another connection kept the WAL from being emptied (it is then at the next checkpoint).
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  return { walTruncated: result?.busy === 0 };
}
