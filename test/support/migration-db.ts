// An empty encrypted database in a temp dir and `run(upTo)`, which migrates it with the real
// migrations up to that version: how each migration's test carries data through it.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { openEncryptedDatabase } from '../../src-main/core/platform/db/open';
import { loadMigrations, migrate } from '../../src-main/core/platform/db/migrate';
import { sourceMigrationsDir } from '../../src-main/core/platform/paths';
import { tempDir } from './vault';

const real = loadMigrations(sourceMigrationsDir);

export function migrationDb() {
  const dir = tempDir();
  const file = path.join(dir, 'vault.db');
  const db = openEncryptedDatabase(file, { keyHex: randomBytes(32).toString('hex') });
  const run = (upTo: number) => migrate({ db, dbFile: file, migrations: real.filter((m) => m.version <= upTo), backupDir: path.join(dir, 'backups'), now: new Date('2026-12-01T00:00:00Z') });
  return { db, run };
}
