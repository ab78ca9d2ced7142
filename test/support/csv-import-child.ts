// The child process of test/integration/csv-import-sigkill.test.ts: opens the vault with the
// core (file key store), signs the admin in, previews a CSV of N registrants with numbers and
// commits it, saying each step on stdout so the parent can aim its SIGKILL at the commit.
// Run as: node --import tsx test/support/csv-import-child.ts (the import benchmark runs it
// bundled, with MNV_MIGRATIONS_DIR naming the source tree's migrations: bench/core-bundle.ts)
//
// stdin: one JSON object { dataDir, passphrase, loginId, password, totpSecret, rows, clockOffsetMs }.
// stdout, one line each, written synchronously:
//   previewed <ms>    the preview is done (no problems); the commit starts right after
//   writing <ms>      the commit has checked every row and begins its one write transaction (ms since the commit began)
//   committed <ms>    the commit has returned (its duration)
//   rss <MB>          the process's peak resident memory (the import benchmark reads it)
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { generate } from 'otplib';
import { createCore, createFileKeyStore } from '../../src-main/core/index';
import { generateMyNumber } from './numbers';

interface ChildInput {
  dataDir: string;
  passphrase: string;
  loginId: string;
  password: string;
  totpSecret: string;
  rows: number;
  clockOffsetMs: number;
}

const say = (line: string) => fs.writeSync(1, `${line}\n`);

async function readInput(): Promise<ChildInput> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return JSON.parse(text) as ChildInput;
}

async function must(p: Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>): Promise<any> {
  const r = await p;
  if (!r.ok) throw new Error(`refused: ${r.error!.code} ${r.error!.message}`);
  return r.value;
}

const input = await readInput();
const clock = { now: () => new Date(Date.now() + input.clockOffsetMs) };
const core = await createCore({
  dataDir: input.dataDir,
  keyStore: createFileKeyStore({ dataDir: input.dataDir, passphrase: input.passphrase }),
  clock,
  // Bundled, the core finds no migrations beside itself.
  ...(process.env.MNV_MIGRATIONS_DIR ? { migrationsDir: process.env.MNV_MIGRATIONS_DIR } : {}),
});
const session = core.openSession();
const login = await must(core.call(session, 'auth.login', { loginId: input.loginId, password: input.password }));
const code = await generate({ secret: input.totpSecret, epoch: Math.floor(clock.now().getTime() / 1000) });
await must(core.call(session, 'auth.verify', { challengeId: login.challengeId, code }));

/** The file as the renderer hands it over, its lines built in a scope of their own (not kept: the memory measured is the import's). */
function fileOf(rows: number): string {
  const lines = ['社員番号,姓,名,セイ,メイ,生年月日,属性,個人番号'];
  for (let i = 1; i <= rows; i++) lines.push(`K${String(i).padStart(6, '0')},山田,太郎${i},ヤマダ,タロウ,1980-01-01,従業員,${generateMyNumber(i)}`);
  return Buffer.from(lines.join('\r\n'), 'utf8').toString('base64');
}
let t = 0;
/** The preview begun, the file held by no variable of this module: let go once handed over, as the core host lets go of the message that carried it. */
function startPreview() {
  const contentBase64 = fileOf(input.rows);
  t = performance.now();
  return core.call(session, 'csv.importPreview', { fileName: 'big.csv', contentBase64 });
}
const preview = await must(startPreview());
if (preview.errorCount !== 0) throw new Error(`preview has ${preview.errorCount} problems`);
say(`previewed ${Math.round(performance.now() - t)}`);
t = performance.now();
const jobId = randomUUID();
let writing = false;
core.onJobProgress((_session, progress) => {
  if (writing || progress.jobId !== jobId || progress.phase !== 'write') return;
  writing = true;
  say(`writing ${Math.round(performance.now() - t)}`);
});
await must(core.call(session, 'csv.importCommit', { previewId: preview.previewId, jobId }));
say(`committed ${Math.round(performance.now() - t)}`);
await core.close();
say(`rss ${Math.round(process.resourceUsage().maxRSS / 1024)}`);
