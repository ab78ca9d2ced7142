// Opens the SQLCipher 4 database with a raw 32-byte key (no key derivation on open).
import Database from 'better-sqlite3-multiple-ciphers';
import { VaultOpenError } from '../../kernel/errors';

export type Db = Database.Database;

const RAW_KEY = /^[0-9a-f]{64}$/;

/** KiB of decrypted pages a connection may keep (SQLite's default is 2,000). */
export const PAGE_CACHE_KIB = 65_536;
/**
 * KiB of page cache during a bulk write (a CSV import's one transaction of up to 200,000 new
 * rows). Such a write fills any cache with its dirty pages, which SQLite then spills to the
 * WAL; at 64 MiB that is memory the import's peak carries on top of the file's rows. Measured
 * at 100,000 rows (bench/csv-import): peak 393–397 MB at 16 MiB against 434–543 MB at 64 MiB,
 * the write no slower; at 8 MiB it was slower.
 */
export const BULK_WRITE_PAGE_CACHE_KIB = 16_384;

/**
 * Runs `fn` (synchronous: no other request runs meanwhile) with the connection's page cache at
 * BULK_WRITE_PAGE_CACHE_KIB, then puts it back at PAGE_CACHE_KIB, however `fn` ends. Shrinking
 * it lets go of the pages decrypted so far; the lists decrypt theirs again as they are used.
 */
export function withBulkWriteCache<T>(db: Db, fn: () => T): T {
  db.pragma(`cache_size = -${BULK_WRITE_PAGE_CACHE_KIB}`);
  try {
    return fn();
  } finally {
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  }
}

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
