// CSV import of 100,000 registrants with numbers from a UTF-8 file, through the core: parse,
// normalise, validate (the contract's schemas), preview, then one commit that seals each
// number, writes the row, its search index, its status history and its number. The floor is
// csv-parse and a plain better-sqlite3 insert of the same rows into an unencrypted file, with
// neither validation nor encryption, in one transaction. Targets: ≤ 5 s and ≤ 3× the floor.
// The peak resident memory is measured in a process of its own (test/support/csv-import-child.ts,
// the SIGKILL test's child), bundled and run by plain Node with the core host's environment, as
// the app runs its core host (bench/core-bundle.ts; through tsx it would count tsx's own 50–60
// MB), target ≤ 400 MB. The last line prints the three figures against their targets.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
import { parse } from 'csv-parse/sync';
import { coreHostEnvironment } from '../src-main/electron/core-host-env';
import { BENCH_MIGRATIONS_DIR, bundleCoreProcess } from './core-bundle';
import { defineBench } from './lib';
import { generateMyNumber } from '../test/support/numbers';
import { ADMIN, TEST_PASSPHRASE, must, openTestCore, setupAdmin, tempDir } from '../test/support/vault';

const ROWS = 100_000;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function csvText(): string {
  const lines = ['社員番号,姓,名,セイ,メイ,生年月日,メールアドレス,属性,個人番号'];
  for (let i = 1; i <= ROWS; i++) lines.push(`K${String(i).padStart(6, '0')},山田,太郎${i},やまだ,ﾀﾛｳ,S${40 + (i % 20)}.4.1,user${i}@example.co.jp,従業員,${generateMyNumber(i)}`);
  return lines.join('\r\n') + '\r\n';
}

/** What the runs measured themselves (runs: 1), for the figures printed at the end. */
const measured = { previewMs: [] as number[], commitMs: [] as number[], floorMs: [] as number[] };
const lastOf = (values: number[]) => values.at(-1) ?? NaN;

let memoryReported = false;
async function reportMemory(): Promise<void> {
  if (memoryReported) return;
  memoryReported = true;
  const bundle = await bundleCoreProcess('bench-import-', { 'csv-import-child': 'test/support/csv-import-child.ts' });
  const dataDir = tempDir('mnv-bench-csv-rss-');
  // A vault with its admin, for the child to sign in to (a minute ahead: a TOTP step unused here).
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '-e', `import { openTestCore, setupAdmin } from './test/support/vault'; const { core } = await openTestCore(${JSON.stringify(dataDir)}); const { totpSecret } = await setupAdmin(core); await core.close(); console.log(totpSecret);`],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const totpSecret = out.trim().split('\n').at(-1)!;
  // With the environment the app's core host gets (its malloc settings on Linux).
  const child = execFileSync(process.execPath, [path.join(bundle, 'csv-import-child.mjs')], {
    cwd: ROOT,
    env: { ...coreHostEnvironment(process.env, process.platform), MNV_MIGRATIONS_DIR: BENCH_MIGRATIONS_DIR },
    encoding: 'utf8',
    input: JSON.stringify({ dataDir, passphrase: TEST_PASSPHRASE, loginId: ADMIN.loginId, password: ADMIN.password, totpSecret, rows: ROWS, clockOffsetMs: 60_000 }),
  });
  const said = Object.fromEntries(child.trim().split('\n').map((l) => l.split(' ')));
  console.log(`csv-import-memory: ${ROWS.toLocaleString('en')} rows in a process of its own: preview ${said.previewed} ms, commit ${said.committed} ms (its write transaction from ${said.writing} ms), peak RSS ${said.rss} MB; target ≤ 400 MB`);
  const ours = lastOf(measured.previewMs) + lastOf(measured.commitMs);
  const floor = lastOf(measured.floorMs);
  const seconds = (ms: number) => (ms / 1000).toFixed(2);
  console.log(
    `csv-import figures: ${ROWS.toLocaleString('en')} rows in ${seconds(ours)} s (preview ${seconds(lastOf(measured.previewMs))} s + commit ${seconds(lastOf(measured.commitMs))} s; target ≤ 5 s), ` +
      `floor ${seconds(floor)} s, ratio ${(ours / floor).toFixed(2)} (target ≤ 3), peak RSS ${said.rss} MB (target ≤ 400 MB)\n`,
  );
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(bundle, { recursive: true, force: true });
}

export default defineBench({
  name: 'csv-import',
  description: `${ROWS.toLocaleString('en')} registrants with numbers from a UTF-8 CSV: preview and commit through the core vs csv-parse + plain insert`,
  setup: () => ({ text: csvText() }),
  teardown: () => reportMemory(),
  runs: 1,
  warmup: 0,
  ours: {
    label: 'csv.importPreview + csv.importCommit (SQLCipher, sealed numbers, search index)',
    before: async () => {
      const { core, dataDir } = await openTestCore();
      const { session } = await setupAdmin(core);
      return { core, dataDir, session };
    },
    run: async ({ text }, { core, session, dataDir }) => {
      let t = performance.now();
      const p = await must(core, session, 'csv.importPreview', { fileName: 'bench.csv', contentBase64: Buffer.from(text, 'utf8').toString('base64') });
      if (p.errorCount !== 0) throw new Error(`the bench file has ${p.errorCount} problems: ${p.errors[0]?.message}`);
      measured.previewMs.push(performance.now() - t);
      t = performance.now();
      const r = await must(core, session, 'csv.importCommit', { previewId: p.previewId });
      if (r.created !== ROWS) throw new Error(`created ${r.created}`);
      measured.commitMs.push(performance.now() - t);
      return { core, dataDir };
    },
    // The vault of 100,000 rows is some 165 MB: not left behind in the temp directory.
    after: async (_ctx, { core, dataDir }) => {
      await core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  },
  floor: {
    label: 'csv-parse + better-sqlite3 insert, plain file, no validation or encryption',
    before: () => {
      const dir = tempDir('mnv-bench-csv-floor-');
      const db = new Database(path.join(dir, 'floor.db'));
      db.pragma('journal_mode = WAL');
      db.exec('CREATE TABLE people (employee_code TEXT UNIQUE, family_name TEXT, given_name TEXT, family_kana TEXT, given_kana TEXT, birth_date TEXT, email TEXT, attributes TEXT, my_number TEXT)');
      return { db, dir };
    },
    run: ({ text }, { db, dir }) => {
      const t = performance.now();
      const rows = parse(text, { from_line: 2 }) as string[][];
      const insert = db.prepare('INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      db.transaction(() => {
        for (const r of rows) insert.run(...r);
      })();
      measured.floorMs.push(performance.now() - t);
      return { db, dir };
    },
    after: (_ctx, { db, dir }) => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  },
});
