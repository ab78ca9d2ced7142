// Numbered migrations (0010_init.sql, 0020_...): applied in order, each in its own
// transaction, user_version set to the migration's number. A database from a newer
// version is refused; a copy of the file is taken before an existing database is migrated,
// and older copies are pruned once a later migration has succeeded (they would outlive a
// disposal of the data they hold).
import fs from 'node:fs';
import path from 'node:path';
import { VaultOpenError } from '../../kernel/errors';
import { checkpointTruncate, type Db } from './open';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;
const PRE_MIGRATION_PREFIX = 'before-migration-v';

export function loadMigrations(dir: string): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .map((file) => ({ file, match: FILE_NAME.exec(file) }))
    .filter((m): m is { file: string; match: RegExpExecArray } => m.match !== null)
    .map(({ file, match }) => ({
      version: Number(match[1]),
      name: match[2]!,
      sql: fs.readFileSync(path.join(dir, file), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
  const versions = new Set(migrations.map((m) => m.version));
  if (versions.size !== migrations.length) throw new Error('two migrations share a version number');
  return migrations;
}

export interface MigrateOptions {
  db: Db;
  dbFile: string;
  migrations: Migration[];
  backupDir: string;
  now: Date;
}

export interface MigrateResult {
  from: number;
  to: number;
  backupFile?: string;
}

export function migrate({ db, dbFile, migrations, backupDir, now }: MigrateOptions): MigrateResult {
  const from = Number(db.pragma('user_version', { simple: true }));
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) throw new VaultOpenError('NEWER_VERSION', `v${from} > v${latest}`);
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };

  let backupFile: string | undefined;
  if (from > 0) {
    // The copy is the encrypted file itself, taken after folding the WAL in.
    checkpointTruncate(db);
    fs.mkdirSync(backupDir, { recursive: true, mode: 0o700 });
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    backupFile = path.join(backupDir, `${PRE_MIGRATION_PREFIX}${from}-${stamp}.db`);
    fs.copyFileSync(dbFile, backupFile, fs.constants.COPYFILE_EXCL);
  }

  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return { from, to: latest, backupFile };
}

/**
 * After the vault has opened on a migrated database: deletes every pre-migration copy but the
 * newest, so only the copy from before the latest migration remains.
 */
export function prunePreMigrationCopies(backupDir: string): string[] {
  if (!fs.existsSync(backupDir)) return [];
  const named = new RegExp(`^${PRE_MIGRATION_PREFIX}(\\d+)-(.+)\\.db$`);
  const copies = fs
    .readdirSync(backupDir)
    .map((f) => ({ f, m: named.exec(f) }))
    .filter((c): c is { f: string; m: RegExpExecArray } => c.m !== null)
    // Newest first: the higher version, then the later time stamp.
    .sort((a, b) => Number(b.m[1]) - Number(a.m[1]) || b.m[2]!.localeCompare(a.m[2]!));
  const removed = copies.slice(1).map(({ f }) => f);
  for (const f of removed) fs.rmSync(path.join(backupDir, f), { force: true });
  return removed;
}

/**
 * Deletes every pre-migration copy: after a physical deletion (廃棄) such a copy is the one file
 * in the data directory still holding the disposed data. Returns the names removed.
 */
export function removePreMigrationCopies(backupDir: string): string[] {
  if (!fs.existsSync(backupDir)) return [];
  const named = new RegExp(`^${PRE_MIGRATION_PREFIX}\\d+-.+\\.db$`);
  const removed = fs.readdirSync(backupDir).filter((f) => named.test(f));
  for (const f of removed) fs.rmSync(path.join(backupDir, f), { force: true });
  return removed;
}
