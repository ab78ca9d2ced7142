// Numbered migrations: from empty and from every earlier version to the same schema; a copy
// before migrating; a failing migration rolls back; a newer database is refused untouched.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase, type Db } from '../../src-main/core/platform/db/open';
import { loadMigrations, migrate, type Migration } from '../../src-main/core/platform/db/migrate';
import { sourceMigrationsDir } from '../../src-main/core/platform/paths';
import { createAuditLog } from '../../src-main/core/platform/audit/audit-log';
import { tempDir } from '../support/vault';

const real = loadMigrations(sourceMigrationsDir);
const latest = real.at(-1)!.version;

function freshDb() {
  const dir = tempDir();
  const file = path.join(dir, 'vault.db');
  const keyHex = randomBytes(32).toString('hex');
  return { dir, file, keyHex, db: openEncryptedDatabase(file, { keyHex }) };
}

function schemaOf(db: Db): string[] {
  return (db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as {
    type: string;
    name: string;
    sql: string;
  }[]).map((r) => `${r.type} ${r.name}: ${r.sql}`);
}

const run = (db: Db, file: string, dir: string, migrations: Migration[]) =>
  migrate({ db, dbFile: file, migrations, backupDir: path.join(dir, 'backups'), now: new Date('2026-11-25T00:00:00Z') });

describe('migrations', () => {
  it('are numbered in tens and named NNNN_name.sql', () => {
    expect(real.length).toBeGreaterThan(0);
    for (const m of real) expect(m.version % 10).toBe(0);
  });

  it('bring an empty database to the latest version and set user_version', () => {
    const { db, file, dir } = freshDb();
    expect(run(db, file, dir, real)).toMatchObject({ from: 0, to: latest });
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false); // nothing to copy when new
    db.close();
  });

  it.each(real.slice(0, -1).map((m) => m.version).concat(real.length > 1 ? [] : [0]))(
    'bring a database at version %i to the same schema as a fresh one',
    (version) => {
      const reference = freshDb();
      run(reference.db, reference.file, reference.dir, real);
      const old = freshDb();
      run(old.db, old.file, old.dir, real.filter((m) => m.version <= version));
      expect(old.db.pragma('user_version', { simple: true })).toBe(version);
      run(old.db, old.file, old.dir, real);
      expect(schemaOf(old.db)).toEqual(schemaOf(reference.db));
      reference.db.close();
      old.db.close();
    },
  );

  it('take an encrypted copy of the file before changing an existing database', () => {
    const { db, file, dir, keyHex } = freshDb();
    run(db, file, dir, real);
    db.prepare("INSERT INTO settings (key, value) VALUES ('marker', 'before')").run();
    const next = [...real, { version: latest + 10, name: 'next', sql: "UPDATE settings SET value = 'after';" }];
    const result = run(db, file, dir, next);
    expect(result).toMatchObject({ from: latest, to: latest + 10 });
    const copy = openEncryptedDatabase(result.backupFile!, { keyHex });
    expect(copy.pragma('user_version', { simple: true })).toBe(latest);
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'marker'").get()).toEqual({ value: 'before' });
    expect(fs.readFileSync(result.backupFile!).subarray(0, 15).toString()).not.toBe('SQLite format 3');
    copy.close();
    db.close();
  });

  it('0030 keeps the audit chain and its head as they were, with no mirror noted yet', () => {
    const { db, file, dir } = freshDb();
    run(db, file, dir, real.filter((m) => m.version <= 20));
    const auditKey = randomBytes(32).toString('hex');
    const log = createAuditLog(db, auditKey);
    db.transaction(() => {
      log.append({ action: 'setup.createAdmin', targetType: 'user', targetId: 'u1' }, new Date('2026-11-25T00:00:00Z'));
      log.append({ action: 'registrants.create', targetType: 'registrant', targetId: 'r1' }, new Date('2026-11-25T00:01:00Z'));
    })();
    const before = db.prepare('SELECT seq, hash, mac FROM audit_head').get();
    run(db, file, dir, real);
    expect(db.prepare('SELECT seq, hash, mac, mirrored_at FROM audit_head').get()).toEqual({ ...(before as object), mirrored_at: null });
    const after = createAuditLog(db, auditKey);
    expect(after.verify()).toEqual({ ok: true, checked: 2 });
    expect(after.wasMirrored()).toBe(false);
    after.markMirrored(new Date('2026-11-26T00:00:00Z'));
    after.markMirrored(new Date('2026-11-27T00:00:00Z'));
    expect(db.prepare('SELECT mirrored_at FROM audit_head').get()).toEqual({ mirrored_at: '2026-11-26T00:00:00.000Z' });
    db.close();
  });

  it('roll a failing migration back whole, leaving the previous version', () => {
    const { db, file, dir } = freshDb();
    run(db, file, dir, real);
    const broken = [...real, { version: latest + 10, name: 'broken', sql: 'CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);' }];
    expect(() => run(db, file, dir, broken)).toThrow(/nowhere/);
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuse a database from a newer version with a clear message, changing nothing', () => {
    const { db, file, dir } = freshDb();
    run(db, file, dir, real);
    db.pragma(`user_version = ${latest + 100}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = fs.readFileSync(file);
    expect(() => run(db, file, dir, real)).toThrow(/新しいバージョン/);
    db.close();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
