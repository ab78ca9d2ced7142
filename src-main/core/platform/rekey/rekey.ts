// Key rotation (mnv rekey, vault.rekey): a new database key, field key and blind-index key.
//
// Crash safety. The next keys are first written beside the current ones, in one atomic write,
// into the key store and into the recovery file (VaultKeys.pending), so from then on every
// value is readable by one of the two sets whatever happens. Then, with the vault held by this
// process alone (at open, before any module is built):
//  1. every sealed value is re-sealed under the next field key, a batch per transaction; the
//     GCM tag tells which key sealed a value, so a resumed run skips what is done (no column
//     needed to say so);
//  2. every number's blind index, and the login throttle's HMACs, are computed again under
//     the next index key (idempotent); what cannot be computed again is retired (live links
//     revoked, unused e-mailed codes expired);
//  3. the database key: not PRAGMA rekey on the live file. SQLite3 Multiple Ciphers refuses or
//     corrupts a rekey in WAL mode, and in rollback mode a crash mid-rekey leaves a file of
//     mixed pages whose hot journal must be replayed under the old key. Instead the file is
//     copied, the copy rekeyed (journal_mode DELETE), checked under the next key, synced and
//     renamed over the original: a crash leaves either the old file (the copy is discarded
//     and made again) or the new one, and which key opens it says which;
//     all of 1-3 with the file held in SQLite's exclusive locking mode, so the app cannot
//     open it meanwhile (and a rotation started while the app has it open is refused);
//  4. the recovery file is rewritten with the new keys only, then the key store; the
//     pre-migration copies (under the old database key) are deleted.
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../kernel/clock';
import { VaultOpenError } from '../../kernel/errors';
import { createAuditLog, serializeHead, type AuditEntry } from '../audit/audit-log';
import { createFieldCrypto } from '../crypto/field';
import { checkpointTruncate, openEncryptedDatabase, type Db } from '../db/open';
import type { KeyStore } from '../keys/keystore';
import { generateRecoveryCode, readKeysWithRecoveryCode, writeRecoveryFile } from '../keys/recovery';
import { generatePendingRekey, type PendingRekey, type VaultKeys } from '../keys/vault-keys';
import { createSealedValuesRepository } from './sealed-values';

export const REKEY_COPY_SUFFIX = '.rekey-copy';
const PRE_MIGRATION_COPY = /^before-migration-v\d+-.+\.db$/;

export interface RekeyProgress {
  phase: string;
  done: number;
  total: number | null;
}

export type RekeyProgressListener = (progress: RekeyProgress) => void;

/** Keep the current recovery code (it must be given, and is checked), or issue a new one. */
export type RecoveryChoice = { keep: string } | { issueNew: true };

export interface BeginRekeyOptions {
  db: Db;
  dataDir: string;
  vaultId: string;
  keyStore: KeyStore;
  keys: VaultKeys;
  recovery: RecoveryChoice;
  /** The caller shows a new recovery code as soon as the rotation is recorded (the app), not at its end (the CLI). */
  showsCodeNow: boolean;
  clock: Clock;
  /** Writes the entry that the rotation was started (in the caller's transaction and audit log). */
  audit(entry: AuditEntry): void;
}

export type BeginRekeyRefusal = { refused: 'mailsQueued'; count: number } | { refused: 'wrongRecoveryCode' };

/**
 * Records a rotation: the next keys beside the current ones, in the key store and the
 * recovery file. Nothing of the data changes yet. A rotation already recorded is returned as
 * it is (starting again resumes it).
 */
export async function beginRekey(o: BeginRekeyOptions): Promise<{ pending: PendingRekey; keys: VaultKeys; alreadyRecorded: boolean } | BeginRekeyRefusal> {
  if (o.keys.pending) return { pending: o.keys.pending, keys: o.keys, alreadyRecorded: true };
  // A queued mail carries a link whose HMAC the rotation cannot compute again.
  const queued = createSealedValuesRepository(o.db).queuedMails();
  if (queued > 0) return { refused: 'mailsQueued', count: queued };
  let code: string;
  if ('keep' in o.recovery) {
    try {
      await readKeysWithRecoveryCode(o.dataDir, o.vaultId, o.recovery.keep);
    } catch (err) {
      if (err instanceof VaultOpenError && err.code === 'WRONG_RECOVERY_CODE') return { refused: 'wrongRecoveryCode' };
      throw err;
    }
    code = o.recovery.keep;
  } else {
    code = generateRecoveryCode();
  }
  const pending = generatePendingRekey(code, 'issueNew' in o.recovery, o.clock.now(), o.showsCodeNow);
  const keys: VaultKeys = { ...o.keys, pending };
  await o.keyStore.save(o.vaultId, keys);
  await writeRecoveryFile(o.dataDir, o.vaultId, keys, code);
  o.audit({ action: 'vault.rekey', detail: { stage: 'started', rotationId: pending.id, recoveryReissued: pending.newRecoveryCode } });
  return { pending, keys, alreadyRecorded: false };
}

export interface CompleteRekeyOptions {
  dataDir: string;
  dbFile: string;
  vaultId: string;
  keyStore: KeyStore;
  /** The key store's bundle, with `pending`. */
  keys: VaultKeys;
  clock: Clock;
  nativeBinding?: string;
  /** Brings the database to the current schema (openVault's migrations), on whichever key opens it. */
  migrate(db: Db): void;
  onProgress?: RekeyProgressListener;
}

export interface CompletedRekey {
  db: Db;
  keys: VaultKeys;
  /** The new recovery code, when the rotation issued one not shown yet (to show once). */
  newRecoveryCode: string | null;
}

/** Carries a recorded rotation through to the end, from wherever an earlier run stopped. */
export async function completeRekey(o: CompleteRekeyOptions): Promise<CompletedRekey> {
  const pending = o.keys.pending;
  if (!pending) throw new Error('no key rotation is pending');
  const report = (phase: string, done: number, total: number | null) => o.onProgress?.({ phase, done, total });
  const { audit: auditKey } = o.keys;
  const next: VaultKeys = { db: pending.db, field: pending.field, audit: auditKey, index: pending.index };
  // The recovery file holds both sets for as long as the data may be under either.
  await writeRecoveryFile(o.dataDir, o.vaultId, o.keys, pending.recoveryCode);
  const copy = `${o.dbFile}${REKEY_COPY_SUFFIX}`;
  fs.rmSync(copy, { force: true });

  let db = openWithEither(o.dbFile, o.keys, o.nativeBinding);
  if (db.under === 'current') {
    const original = db.db;
    try {
      // Nobody else may read or write the file while it is re-sealed, copied and replaced.
      holdExclusively(original);
      o.migrate(original);
      const current = createFieldCrypto(o.keys.field, o.keys.index);
      const nextFields = createFieldCrypto(pending.field, pending.index);
      const sealed = createSealedValuesRepository(original);
      const resealed = sealed.resealAll(current, nextFields, report);
      const indexed = sealed.reindexNumbers(nextFields, report);
      const { linksRevoked } = sealed.rekeyUnrecoverableHmacs(current, nextFields, o.clock.now());
      appendAudit(original, auditKey, o.clock, { action: 'vault.rekey', detail: { stage: 'fieldsResealed', rotationId: pending.id, resealed, indexed, linksRevoked } });
      report('database', 0, 1);
      rekeyDatabaseFile(original, o.dbFile, copy, o.keys.db, pending.db, o.nativeBinding);
      report('database', 1, 1);
    } catch (err) {
      if (original.open) original.close();
      throw err;
    }
    db = { db: openEncryptedDatabase(o.dbFile, { keyHex: pending.db, nativeBinding: o.nativeBinding }), under: 'next' };
  }
  o.migrate(db.db);
  if (!completedEntryExists(db.db, pending.id)) appendAudit(db.db, auditKey, o.clock, { action: 'vault.rekey', detail: { stage: 'completed', rotationId: pending.id, recoveryReissued: pending.newRecoveryCode } });

  // The recovery file first: until the key store is rewritten it still holds the code.
  await writeRecoveryFile(o.dataDir, o.vaultId, next, pending.recoveryCode);
  removePreMigrationCopies(path.join(o.dataDir, 'backups'));
  await o.keyStore.save(o.vaultId, next);
  const head = createAuditLog(db.db, auditKey).head();
  if (head) await o.keyStore.saveAuditHead(o.vaultId, serializeHead(head));
  report('done', 1, 1);
  return { db: db.db, keys: next, newRecoveryCode: pending.newRecoveryCode && !pending.recoveryCodeShown ? pending.recoveryCode : null };
}

/** Opens the database under the current key, or, once the new file is in place, the next. */
function openWithEither(dbFile: string, keys: VaultKeys, nativeBinding?: string): { db: Db; under: 'current' | 'next' } {
  try {
    return { db: openEncryptedDatabase(dbFile, { keyHex: keys.db, nativeBinding }), under: 'current' };
  } catch (err) {
    if (!(err instanceof VaultOpenError && err.code === 'WRONG_KEY')) throw err;
  }
  return { db: openEncryptedDatabase(dbFile, { keyHex: keys.pending!.db, nativeBinding }), under: 'next' };
}

/**
 * The copy is taken while this connection still holds the file (its WAL folded in), rekeyed,
 * checked and synced; then the original is closed and the copy renamed over it in one step.
 */
function rekeyDatabaseFile(original: Db, dbFile: string, copy: string, currentKey: string, nextKey: string, nativeBinding?: string): void {
  checkpointTruncate(original);
  fs.copyFileSync(dbFile, copy);
  const db = openEncryptedDatabase(copy, { keyHex: currentKey, nativeBinding });
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey="x'${nextKey}'"`);
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  const check = openEncryptedDatabase(copy, { keyHex: nextKey, nativeBinding });
  try {
    const result = check.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new VaultOpenError('CORRUPT', 'rekeyed copy failed its check');
    checkpointTruncate(check);
  } finally {
    check.close();
  }
  syncFile(copy);
  original.close();
  // The original was closed after a TRUNCATE checkpoint: its WAL holds nothing.
  for (const side of ['-wal', '-shm']) fs.rmSync(`${dbFile}${side}`, { force: true });
  fs.renameSync(copy, dbFile);
  syncDir(path.dirname(dbFile));
}

/**
 * Takes the file for this connection alone until it closes (SQLite's exclusive locking mode),
 * or refuses with IN_USE when another process (the app) has it open.
 */
export function holdExclusively(db: Db): void {
  db.pragma('locking_mode = EXCLUSIVE');
  try {
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (err) {
    db.pragma('locking_mode = NORMAL');
    if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new VaultOpenError('IN_USE');
    throw err;
  }
}

function appendAudit(db: Db, auditKey: string, clock: Clock, entry: AuditEntry): void {
  const log = createAuditLog(db, auditKey);
  db.transaction(() => log.append(entry, clock.now()))();
}

function completedEntryExists(db: Db, rotationId: string): boolean {
  return (
    db
      .prepare("SELECT 1 FROM audit_log WHERE action = 'vault.rekey' AND json_extract(detail, '$.rotationId') = ? AND json_extract(detail, '$.stage') = 'completed'")
      .get(rotationId) !== undefined
  );
}

/** Copies taken before a migration are under the old database key, which is gone now. */
function removePreMigrationCopies(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const f of fs.readdirSync(dir)) if (PRE_MIGRATION_COPY.test(f)) fs.rmSync(path.join(dir, f), { force: true });
}

function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function syncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
