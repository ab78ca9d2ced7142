// Searching the registrant list as HR types: one page of 50 rows and the total, for a word
// of フリガナ typed in hiragana, over 10,000 registrants.
//   ours   core.call('registrants.list') on the encrypted vault: session and role checks,
//          input schema, the query (attributes, whether a number is held), output schema,
//          and the audit entry committed with synchronous=FULL
//   floor  the same LIKE query over the same rows in plain SQLite, names only: the least a
//          search of this kind can cost
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Core } from '../src-main/core/index';
import { loadMigrations, migrate } from '../src-main/core/platform/db/migrate';
import { sourceMigrationsDir } from '../src-main/core/platform/paths';
import { createRegistrantRepository, type RegistrantFields } from '../src-main/core/modules/registrants/repository';
import { openRawDb } from '../test/support/raw-db';
import { must, openTestCore, setupAdmin } from '../test/support/vault';
import { defineBench } from './lib';

const REGISTRANTS = 10_000;
const FAMILY: [string, string][] = [['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'], ['渡辺', 'ワタナベ'], ['山本', 'ヤマモト'], ['中村', 'ナカムラ'], ['小林', 'コバヤシ'], ['加藤', 'カトウ']];
const GIVEN: [string, string][] = [['翔太', 'ショウタ'], ['陽菜', 'ヒナ'], ['蓮', 'レン'], ['結衣', 'ユイ'], ['大輝', 'ダイキ'], ['美咲', 'ミサキ'], ['健一', 'ケンイチ']];
const TYPED = 'なかむら';
const KANA = 'ナカムラ';

interface Ctx {
  dirs: string[];
  core: Core;
  session: string;
  plain: InstanceType<typeof Database>;
}

function person(i: number): RegistrantFields {
  const [familyName, familyNameKana] = FAMILY[i % FAMILY.length]!;
  const [givenName, givenNameKana] = GIVEN[Math.floor(i / FAMILY.length) % GIVEN.length]!;
  return { employeeCode: `E${String(i).padStart(6, '0')}`, familyName, givenName, familyNameKana, givenNameKana, attributes: ['employee'] };
}

function fill(db: Parameters<typeof createRegistrantRepository>[0]): void {
  const repo = createRegistrantRepository(db);
  db.transaction(() => {
    for (let i = 0; i < REGISTRANTS; i++) repo.insert(person(i), new Date());
  })();
}

export default defineBench<Ctx>({
  name: 'registrant-search',
  description: `one page of 50 and the total for "${TYPED}" over ${REGISTRANTS.toLocaleString('en')} registrants`,
  runs: 100,
  warmup: 5,
  async setup() {
    const { core, dataDir } = await openTestCore();
    const { session } = await setupAdmin(core);
    const raw = await openRawDb(dataDir, core.vaultId);
    fill(raw);
    raw.close();

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnv-bench-search-'));
    const file = path.join(dir, 'plain.db');
    const plain = new Database(file);
    plain.pragma('journal_mode = WAL');
    migrate({ db: plain, dbFile: file, migrations: loadMigrations(sourceMigrationsDir), backupDir: path.join(dir, 'backups'), now: new Date() });
    fill(plain);
    return { dirs: [dataDir, dir], core, session, plain };
  },
  async teardown(ctx) {
    await ctx.core.close();
    ctx.plain.close();
    for (const dir of ctx.dirs) fs.rmSync(dir, { recursive: true, force: true });
  },
  ours: {
    label: 'registrants.list through the core (encrypted, audited)',
    async run(ctx) {
      const { rows, total } = await must(ctx.core, ctx.session, 'registrants.list', { filter: { text: TYPED }, limit: 50 });
      if (rows.length !== 50 || total !== REGISTRANTS / FAMILY.length) throw new Error(`unexpected result: ${rows.length} of ${total}`);
    },
  },
  floor: {
    label: 'bare LIKE query, plain SQLite',
    run(ctx) {
      const like = `%${KANA}%`;
      const where = 'WHERE family_name || given_name LIKE ? OR family_name_kana || given_name_kana LIKE ?';
      const total = (ctx.plain.prepare(`SELECT count(*) AS n FROM registrants ${where}`).get(like, like) as { n: number }).n;
      const rows = ctx.plain.prepare(`SELECT * FROM registrants ${where} ORDER BY family_name_kana, given_name_kana LIMIT 50`).all(like, like);
      if (rows.length !== 50 || total !== REGISTRANTS / FAMILY.length) throw new Error('unexpected floor result');
    },
  },
});
