// 100,000 generated registrants for the registrant benchmarks, built once per run and shared:
// 20 groups; names from 60 family and 40 given names (each with its reading); statuses
// spread as a company's would be; a My Number (valid check digit, generated) for every 完了
// one; 1.3 dependents a registrant on average, with numbers for the 完了 ones' dependents.
// The same people twice: in the vault (encrypted, through the repositories the core uses)
// and in a plain, unencrypted SQLite copy with the same schema and indexes (the floor's).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Core } from '../src-main/core/index';
import { createFileKeyStore } from '../src-main/core/index';
import { createDependentRepository } from '../src-main/core/modules/dependents/repository';
import { createGroupRepository } from '../src-main/core/modules/groups/repository';
import { createMyNumberStore } from '../src-main/core/modules/mynumbers/repository';
import { createRegistrantRepository, type RegistrantFields } from '../src-main/core/modules/registrants/repository';
import { createFieldCrypto } from '../src-main/core/platform/crypto/field';
import { loadMigrations, migrate } from '../src-main/core/platform/db/migrate';
import { PAGE_CACHE_KIB, type Db } from '../src-main/core/platform/db/open';
import { sourceMigrationsDir } from '../src-main/core/platform/paths';
import { REGISTRANT_STATUSES, type RegistrantStatus } from '../src-shared/domain';
import { generateMyNumber } from '../test/support/numbers';
import { openRawDb } from '../test/support/raw-db';
import { TEST_PASSPHRASE, openTestCore, setupAdmin } from '../test/support/vault';

export const REGISTRANTS = 100_000;
export const GROUPS = 20;

const FAMILY: [string, string][] = [
  ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'], ['渡辺', 'ワタナベ'],
  ['山本', 'ヤマモト'], ['中村', 'ナカムラ'], ['小林', 'コバヤシ'], ['加藤', 'カトウ'], ['吉田', 'ヨシダ'], ['山田', 'ヤマダ'],
  ['佐々木', 'ササキ'], ['山口', 'ヤマグチ'], ['松本', 'マツモト'], ['井上', 'イノウエ'], ['木村', 'キムラ'], ['林', 'ハヤシ'],
  ['斎藤', 'サイトウ'], ['清水', 'シミズ'], ['山崎', 'ヤマザキ'], ['森', 'モリ'], ['池田', 'イケダ'], ['橋本', 'ハシモト'],
  ['阿部', 'アベ'], ['石川', 'イシカワ'], ['山下', 'ヤマシタ'], ['中島', 'ナカジマ'], ['石井', 'イシイ'], ['小川', 'オガワ'],
  ['前田', 'マエダ'], ['岡田', 'オカダ'], ['長谷川', 'ハセガワ'], ['藤田', 'フジタ'], ['後藤', 'ゴトウ'], ['近藤', 'コンドウ'],
  ['村上', 'ムラカミ'], ['遠藤', 'エンドウ'], ['青木', 'アオキ'], ['坂本', 'サカモト'], ['斉藤', 'サイトウ'], ['福田', 'フクダ'],
  ['太田', 'オオタ'], ['西村', 'ニシムラ'], ['藤井', 'フジイ'], ['金子', 'カネコ'], ['岡本', 'オカモト'], ['藤原', 'フジワラ'],
  ['中野', 'ナカノ'], ['三浦', 'ミウラ'], ['原田', 'ハラダ'], ['中川', 'ナカガワ'], ['松田', 'マツダ'], ['竹内', 'タケウチ'],
  ['小野', 'オノ'], ['田村', 'タムラ'], ['中山', 'ナカヤマ'], ['和田', 'ワダ'], ['石田', 'イシダ'], ['森田', 'モリタ'],
];
const GIVEN: [string, string][] = [
  ['翔太', 'ショウタ'], ['陽菜', 'ヒナ'], ['蓮', 'レン'], ['結衣', 'ユイ'], ['大輝', 'ダイキ'], ['美咲', 'ミサキ'], ['健一', 'ケンイチ'],
  ['陽翔', 'ハルト'], ['葵', 'アオイ'], ['颯太', 'ソウタ'], ['芽依', 'メイ'], ['悠斗', 'ユウト'], ['さくら', 'サクラ'], ['莉子', 'リコ'],
  ['拓海', 'タクミ'], ['花', 'ハナ'], ['海斗', 'カイト'], ['澪', 'ミオ'], ['陸', 'リク'], ['優奈', 'ユウナ'], ['誠', 'マコト'],
  ['恵子', 'ケイコ'], ['浩', 'ヒロシ'], ['直美', 'ナオミ'], ['隆', 'タカシ'], ['裕子', 'ユウコ'], ['修', 'オサム'], ['明美', 'アケミ'],
  ['剛', 'ツヨシ'], ['真由美', 'マユミ'], ['大介', 'ダイスケ'], ['智子', 'トモコ'], ['和也', 'カズヤ'], ['久美子', 'クミコ'],
  ['達也', 'タツヤ'], ['由美', 'ユミ'], ['哲也', 'テツヤ'], ['千尋', 'チヒロ'], ['翼', 'ツバサ'], ['楓', 'カエデ'],
];

/** A company's spread: most people done, a third not yet registered, some in review. */
const STATUS_SPREAD: RegistrantStatus[] = ['completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'unregistered', 'unregistered', 'pending', 'returned'];

export interface Fixture {
  core: Core;
  session: string;
  dataDir: string;
  totpSecret: string;
  /** The plain copy, for the floors. */
  plain: Db;
  groupIds: string[];
}

/** A small deterministic generator, so both copies hold the same people. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function fill(db: Db, keys: { field: string; index: string }): string[] {
  const random = rng(20260101);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const registrants = createRegistrantRepository(db);
  const dependents = createDependentRepository(db);
  const groups = createGroupRepository(db);
  const numbers = createMyNumberStore(db, createFieldCrypto(keys.field, keys.index));
  const now = new Date('2026-04-01T00:00:00Z');
  let numberSeed = 1;
  const groupIds: string[] = [];
  db.transaction(() => {
    for (let g = 1; g <= GROUPS; g++) groupIds.push(groups.insert(`${pad(g)} 店舗`, now));
    const setStatus = db.prepare('UPDATE registrants SET status = ? WHERE id = ?');
    for (let i = 0; i < REGISTRANTS; i++) {
      const [familyName, familyNameKana] = pick(FAMILY);
      const [givenName, givenNameKana] = pick(GIVEN);
      const hired = 1990 + Math.floor(random() * 36);
      const left = random() < 0.15 ? `${hired + 1 + Math.floor(random() * 3)}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}` : undefined;
      const fields: RegistrantFields = {
        employeeCode: `E${pad(i, 6)}`,
        familyName,
        givenName,
        familyNameKana,
        givenNameKana,
        email: `e${pad(i, 6)}@example.co.jp`,
        birthDate: `${1950 + Math.floor(random() * 55)}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`,
        hireDate: `${hired}-04-01`,
        leaveDate: left,
        groupId: groupIds[i % GROUPS]!,
        attributes: random() < 0.9 ? ['employee'] : ['employee', 'shareholder'],
      };
      const id = registrants.insert(fields, now);
      const status = pick(STATUS_SPREAD);
      if (status !== 'unregistered') setStatus.run(status, id);
      if (status === 'completed') numbers.set({ type: 'registrant', id }, generateMyNumber(numberSeed++), null, now);
      // 0–3 dependents, 1.3 on average.
      const r = random();
      const count = r < 0.3 ? 0 : r < 0.65 ? 1 : r < 0.9 ? 2 : 3;
      for (let d = 0; d < count; d++) {
        const [given, givenKana] = pick(GIVEN);
        const dependentId = dependents.insert(id, { relationship: d === 0 ? 'spouse' : 'child', familyName, givenName: given, familyNameKana, givenNameKana: givenKana }, now);
        if (status === 'completed') numbers.set({ type: 'dependent', id: dependentId }, generateMyNumber(numberSeed++), null, now);
      }
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  return groupIds;
}

let shared: Promise<Fixture> | null = null;
const dirs: string[] = [];
process.on('exit', () => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function build(): Promise<Fixture> {
  const started = Date.now();
  const { core, dataDir } = await openTestCore();
  dirs.push(dataDir);
  const { session, totpSecret } = await setupAdmin(core);
  const keys = (await createFileKeyStore({ dataDir, passphrase: TEST_PASSPHRASE }).load(core.vaultId))!;
  const raw = await openRawDb(dataDir, core.vaultId);
  const groupIds = fill(raw, keys);
  raw.close();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnv-bench-plain-'));
  dirs.push(dir);
  const file = path.join(dir, 'plain.db');
  const plain = new Database(file);
  plain.pragma('journal_mode = WAL');
  plain.pragma('foreign_keys = ON');
  migrate({ db: plain, dbFile: file, migrations: loadMigrations(sourceMigrationsDir), backupDir: path.join(dir, 'backups'), now: new Date() });
  fill(plain, keys);
  // The pragmas of the core's connection that bear on reading (open.ts), so the floor is not starved.
  plain.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  plain.pragma('temp_store = MEMORY');
  console.log(`  (fixture: ${REGISTRANTS.toLocaleString('en')} registrants ×2 in ${((Date.now() - started) / 1000).toFixed(0)} s; statuses ${REGISTRANT_STATUSES.length}, groups ${GROUPS})`);
  return { core, session, dataDir, totpSecret, plain, groupIds };
}

/** The shared fixture: built by the first benchmark that asks, kept for the run. */
export function registrantsFixture(): Promise<Fixture> {
  shared ??= build();
  return shared;
}

let memoryReported = false;

/**
 * Once a run: the resident memory of a process of its own that opens the fixture's vault
 * through the core and lists, searches, sorts and counts in it (registrant-rss-probe.ts).
 */
export function reportCoreMemory(fixture: Fixture): void {
  if (memoryReported) return;
  memoryReported = true;
  // The probe opens the vault in a process of its own and writes (its sign-in): the views this
  // process's core has grouped are committed first, as this thread waits for the probe.
  fixture.core.commitViews();
  const probe = path.join(path.dirname(fileURLToPath(import.meta.url)), 'registrant-rss-probe.ts');
  const out = execFileSync(process.execPath, ['--import', 'tsx', probe], {
    env: { ...process.env, MNV_BENCH_DATA_DIR: fixture.dataDir, MNV_BENCH_TOTP_SECRET: fixture.totpSecret, MNV_BENCH_GROUP_ID: fixture.groupIds[6]! },
    encoding: 'utf8',
  });
  const { afterOpenMb, rssMb, peakMb } = JSON.parse(out.trim().split('\n').at(-1)!) as { afterOpenMb: number; rssMb: number; peakMb: number };
  const mb = (n: number) => `${n.toFixed(0)} MB`;
  console.log(
    `registrant-memory: the core's resident memory with ${REGISTRANTS.toLocaleString('en')} registrants, in a process of its own\n` +
      `  after opening ${mb(afterOpenMb)}; after 1,000 lists, searches, sorts and counts ${mb(rssMb)} (peak ${mb(peakMb)}); target ≤ 300 MB\n`,
  );
}
