// Opening the vault database: the core keys SQLCipher with a raw 32-byte key
// (key="x'<64 hex>'"), so an open derives no key. Measured: open + the first read, on three
// copies of the same database that differ only in how they are keyed:
//   ours     raw key, through openEncryptedDatabase (what the core runs)
//   floor    no encryption at all: the least an open and a read can cost
//   vs       a passphrase key with SQLCipher 4's defaults (PBKDF2-HMAC-SHA512, 256,000
//            iterations): the cost we avoid by keeping a raw key in the key store
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import sqlcipher from '@journeyapps/sqlcipher';
import { openEncryptedDatabase, checkpointTruncate, type Db } from '../src-main/core/platform/db/open';
import { loadMigrations, migrate } from '../src-main/core/platform/db/migrate';
import { createAuditLog } from '../src-main/core/platform/audit/audit-log';
import { sourceMigrationsDir } from '../src-main/core/platform/paths';
import { defineBench } from './lib';

const AUDIT_ROWS = 2_000;
const PASSPHRASE = 'correct horse battery staple, a passphrase of ordinary length';

interface Ctx {
  dir: string;
  rawFile: string;
  rawKey: string;
  passphraseFile: string;
  plainFile: string;
}

/**
 * Opens as src-main/core/platform/db/open.ts does (same pragmas, same check read), keyed by the given
 * PRAGMA key value, or not encrypted at all when it is null. Keep in step with open.ts.
 */
function openLikeTheCore(file: string, keyValue: string | null): Db {
  const db = new Database(file);
  if (keyValue !== null) {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key=${keyValue}`);
  }
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/** The first read after opening: the tail of the audit trail, as the first audited call reads it. */
function firstRead(db: Db): Db {
  const row = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number } | undefined;
  if (row?.seq !== AUDIT_ROWS) throw new Error(`expected ${AUDIT_ROWS} audit rows, read ${row?.seq}`);
  return db;
}

/** The real schema and some audit rows, then the WAL folded in, as the core leaves it on close. */
function fill(db: Db, file: string, dir: string): void {
  migrate({ db, dbFile: file, migrations: loadMigrations(sourceMigrationsDir), backupDir: path.join(dir, 'backups'), now: new Date() });
  const audit = createAuditLog(db, randomBytes(32).toString('hex'));
  db.transaction(() => {
    for (let i = 0; i < AUDIT_ROWS; i++) audit.append({ action: 'registrants.view', targetType: 'registrant', targetId: String(i) }, new Date());
  })();
  checkpointTruncate(db);
  db.close();
}

/** The reference SQLCipher library opens the passphrase copy with nothing but PRAGMA key: it is SQLCipher 4's defaults. */
function checkWithReference(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const db = new sqlcipher.Database(file, sqlcipher.OPEN_READONLY, (openErr) => {
      if (openErr) return reject(openErr);
      db.serialize(() => {
        db.run(`PRAGMA key = '${PASSPHRASE}'`);
        db.get('SELECT count(*) AS n FROM audit_log', (err: Error | null, row: { n: number }) => {
          db.close();
          if (err) return reject(err);
          return row.n === AUDIT_ROWS ? resolve() : reject(new Error(`reference read ${row.n} rows`));
        });
      });
    });
  });
}

export default defineBench<Ctx>({
  name: 'open-vault',
  description: 'open the vault database and read the audit tail',
  runs: 200,
  warmup: 5,
  async setup() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnv-bench-open-'));
    const ctx: Ctx = {
      dir,
      rawFile: path.join(dir, 'raw.db'),
      rawKey: randomBytes(32).toString('hex'),
      passphraseFile: path.join(dir, 'passphrase.db'),
      plainFile: path.join(dir, 'plain.db'),
    };
    fill(openEncryptedDatabase(ctx.rawFile, { keyHex: ctx.rawKey }), ctx.rawFile, dir);
    fill(openLikeTheCore(ctx.passphraseFile, `'${PASSPHRASE}'`), ctx.passphraseFile, dir);
    fill(openLikeTheCore(ctx.plainFile, null), ctx.plainFile, dir);
    await checkWithReference(ctx.passphraseFile);
    return ctx;
  },
  teardown(ctx) {
    fs.rmSync(ctx.dir, { recursive: true, force: true });
  },
  ours: {
    label: `raw key x'…' (openEncryptedDatabase)`,
    run: (ctx) => firstRead(openEncryptedDatabase(ctx.rawFile, { keyHex: ctx.rawKey })),
    after: (_ctx, db: Db) => void db.close(),
  },
  floor: {
    label: 'no encryption (plain SQLite, same schema and pragmas)',
    run: (ctx) => firstRead(openLikeTheCore(ctx.plainFile, null)),
    after: (_ctx, db: Db) => void db.close(),
  },
  compare: [
    {
      label: 'passphrase key (SQLCipher 4 default: PBKDF2-HMAC-SHA512 × 256,000)',
      runs: 15,
      warmup: 1,
      run: (ctx) => firstRead(openLikeTheCore(ctx.passphraseFile, `'${PASSPHRASE}'`)),
      after: (_ctx, db: Db) => void db.close(),
    },
  ],
});
