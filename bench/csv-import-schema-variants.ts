// What the import's write would cost under other schemas (a measurement on scratch files, not a
// benchmark and not a migration): 100,000 new registrants with their numbers and status history
// written as the commit writes them (repository.insertMany, my_numbers and history set-wise,
// 5,000 rows a batch, one transaction) into a fresh SQLCipher file migrated to the current
// schema, then changed by each variant's SQL before the rows go in.
// Run as: node --import tsx bench/csv-import-schema-variants.ts [rows] [variant…]
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
import { openEncryptedDatabase, PAGE_CACHE_KIB } from '../src-main/core/platform/db/open';
import { loadMigrations, migrate } from '../src-main/core/platform/db/migrate';
import { createRegistrantRepository } from '../src-main/core/modules/registrants/repository';
import { orderedUuid } from '../src-main/core/platform/ids';
import { tempDir } from '../test/support/vault';
import type { AttributeCode } from '../src-shared/domain';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rows = Number(process.argv[2] ?? 100_000);
const SORT_INDEXES = [
  'registrants_by_status', 'registrants_by_group', 'registrants_in_status_order', 'registrants_in_status_order_desc',
  'registrants_by_code_asc', 'registrants_by_code_desc', 'registrants_by_hire_asc', 'registrants_by_hire_desc',
  'registrants_by_leave_asc', 'registrants_by_leave_desc', 'registrants_by_updated',
];
const VARIANTS: Record<string, string> = {
  current: '',
  // The 1–2-character pieces in a plain table (a search for such a word would scan search_doc instead).
  'grams-plain-table': 'DROP TABLE registrant_grams; CREATE TABLE registrant_grams (grams TEXT);',
  // (columnsize = 0 for the pieces' table is refused: SQLite holds it incompatible with contentless_delete = 1.)
  // Only the list's default order (kana) and the group/status one kept.
  'fewer-sort-indexes': SORT_INDEXES.map((i) => `DROP INDEX ${i};`).join(' '),
  'grams-plain-and-fewer-indexes': 'DROP TABLE registrant_grams; CREATE TABLE registrant_grams (grams TEXT); ' + SORT_INDEXES.map((i) => `DROP INDEX ${i};`).join(' '),
  // No trigram index at all (its trigger dropped): what the trigram index itself costs.
  'no-trigram': 'DROP TRIGGER registrants_search_insert;',
  // Neither search index nor sort index: what the rows, numbers and history cost by themselves.
  bare: 'DROP TRIGGER registrants_search_insert; DROP TABLE registrant_grams; CREATE TABLE registrant_grams (grams TEXT); ' + SORT_INDEXES.map((i) => `DROP INDEX ${i};`).join(' '),
  // The same schema in a plain SQLite file (no SQLCipher): what encrypting the pages costs.
  'plain-file': '',
  // SQLCipher with 16 KiB pages instead of 4 KiB (a new vault's file format; an existing one would need a rekey).
  'cipher-pages-16k': '',
};

/** The connection settings of platform/db/open.ts after the key. */
function configure(db: Database.Database) {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  return db;
}

function open(variant: string, file: string) {
  if (variant === 'plain-file') return configure(new Database(file));
  if (variant === 'cipher-pages-16k') {
    const db = new Database(file);
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma('legacy_page_size=16384');
    db.pragma(`key="x'${randomBytes(32).toString('hex')}'"`);
    return configure(db);
  }
  return openEncryptedDatabase(file, { keyHex: randomBytes(32).toString('hex') });
}

function run(variant: string): { ms: number; commitMs: number; mb: number; pageSize: number } {
  const dir = tempDir('mnv-schema-variant-');
  const file = path.join(dir, 'vault.db');
  const db = open(variant, file);
  migrate({ db, dbFile: file, migrations: loadMigrations(path.join(ROOT, 'migrations')), backupDir: dir, now: new Date() });
  if (VARIANTS[variant]) db.exec(VARIANTS[variant]!);
  const repo = createRegistrantRepository(db);
  const numbers = db.prepare(
    `INSERT INTO my_numbers (subject_type, subject_id, sealed, blind_index, set_at, set_by) SELECT value->>0, value->>1, unhex(value->>2), value->>3, ?, ? FROM json_each(?)`,
  );
  const history = db.prepare(
    `INSERT INTO registrant_status_history (registrant_id, at, actor_id, actor_label, from_status, to_status, via, reason, submission_id)
     SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8 FROM json_each(?)`,
  );
  const now = new Date();
  const at = now.toISOString();
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  const t = performance.now();

  db.pragma('synchronous = FULL');
  db.exec('BEGIN');
  for (let from = 1; from <= rows; from += 5000) {
    const batch = [];
    for (let i = from; i < Math.min(rows + 1, from + 5000); i++) {
      batch.push({
        id: orderedUuid(),
        status: 'completed' as const,
        hasMyNumber: true,
        fields: { employeeCode: `K${String(i).padStart(6, '0')}`, familyName: '山田', givenName: `太郎${i}`, familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', birthDate: '1980-04-01', email: `user${i}@example.co.jp`, attributes: ['employee' as AttributeCode] },
      });
    }
    numbers.run(at, null, JSON.stringify(batch.map((r) => ['registrant', r.id, randomBytes(41).toString('hex'), randomBytes(32).toString('hex')])));
    repo.insertMany(batch, now);
    history.run(JSON.stringify(batch.map((r) => [r.id, at, null, 'bench', 'unregistered', 'completed', 'staffEntry', null, null])));
  }
  const beforeCommit = performance.now();
  db.exec('COMMIT');
  const ms = performance.now() - t;
  const commitMs = performance.now() - beforeCommit;
  db.close();
  const mb = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0) / 2 ** 20;
  fs.rmSync(dir, { recursive: true, force: true });
  return { ms, commitMs, mb, pageSize };
}

const chosen = process.argv.slice(3).length ? process.argv.slice(3) : Object.keys(VARIANTS);
for (const variant of chosen) {
  const r = run(variant);
  console.log(`${variant.padEnd(30)} ${(r.ms / 1000).toFixed(2)} s (COMMIT ${(r.commitMs / 1000).toFixed(2)} s), files ${r.mb.toFixed(0)} MB, page ${r.pageSize} B`);
}
