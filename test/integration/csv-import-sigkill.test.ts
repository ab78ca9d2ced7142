// An import killed (SIGKILL) in the middle of its commit leaves a database that passes its
// integrity check and holds all of the import or none of it, with an audit chain that still
// verifies. 100,000 rows with numbers, as the issue asks (MNV_SIGKILL_ROWS sets another count,
// for a quicker try; the three children take a minute or two on a 2-core machine). A first
// child commits the file whole in a vault
// of its own, which measures how long the commit's write transaction takes; a second is
// killed halfway through that transaction in another vault (the commit first checks every row
// outside it, in batches: a kill then would prove nothing).
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFileKeyStore } from '../../src-main/core/index';
import { createAuditLog } from '../../src-main/core/platform/audit/audit-log';
import { createAuditHeadMirror } from '../../src-main/core/platform/audit/head-mirror';
import { openEncryptedDatabase } from '../../src-main/core/platform/db/open';
import { ADMIN, TEST_PASSPHRASE, openTestCore, setupAdmin } from '../support/vault';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHILD = path.join(ROOT, 'test/support/csv-import-child.ts');
const ROWS = Number(process.env.MNV_SIGKILL_ROWS ?? 100_000);

interface Run {
  previewedMs: number | null;
  /** When the commit's write transaction began, in ms after the commit did. */
  writingMs: number | null;
  committedMs: number | null;
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/** A vault with its admin, closed again: what the child opens. */
async function newVault() {
  const { core, dataDir } = await openTestCore();
  const { totpSecret } = await setupAdmin(core);
  const vaultId = core.vaultId;
  await core.close();
  return { dataDir, vaultId, totpSecret };
}

/** Runs the child; with `killAfterMs`, kills it that long after its commit's write transaction has begun. */
function run(vault: { dataDir: string; totpSecret: string }, killAfterMs?: number, clockOffsetMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const result: Run = { previewedMs: null, writingMs: null, committedMs: null, signal: null, code: null, stderr: '' };
    let buffered = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [word, value] = line.split(' ');
        if (word === 'previewed') result.previewedMs = Number(value);
        else if (word === 'writing') {
          result.writingMs = Number(value);
          if (killAfterMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        } else if (word === 'committed') result.committedMs = Number(value);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => void (result.stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      Object.assign(result, { code, signal });
      resolve(result);
    });
    // The login needs a TOTP step no earlier login used (a code is taken once): the child's clock runs ahead.
    child.stdin.end(JSON.stringify({ dataDir: vault.dataDir, passphrase: TEST_PASSPHRASE, loginId: ADMIN.loginId, password: ADMIN.password, totpSecret: vault.totpSecret, rows: ROWS, clockOffsetMs }));
  });
}

/** What the database holds after the child: integrity, the import's rows and numbers, the chain. */
async function inspect(vault: { dataDir: string; vaultId: string }) {
  const keyStore = createFileKeyStore({ dataDir: vault.dataDir, passphrase: TEST_PASSPHRASE });
  const keys = (await keyStore.load(vault.vaultId))!;
  // The chain is held against the head kept outside the database, as audit.verify holds it.
  const outsideHead = await createAuditHeadMirror({ store: { load: () => keyStore.loadAuditHead(vault.vaultId), save: async () => {} }, current: () => null, onWritten: () => {}, log: () => {} }).read();
  const db = openEncryptedDatabase(path.join(vault.dataDir, 'vault.db'), { keyHex: keys.db });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      registrants: db.prepare("SELECT count(*) FROM registrants WHERE employee_code LIKE 'K%'").pluck().get() as number,
      numbers: db.prepare("SELECT count(*) FROM my_numbers WHERE subject_type = 'registrant'").pluck().get() as number,
      completed: db.prepare("SELECT count(*) FROM registrants WHERE status = 'completed'").pluck().get() as number,
      commits: db.prepare("SELECT count(*) FROM audit_log WHERE action = 'csv.importCommit' AND outcome = 'success'").pluck().get() as number,
      chain: createAuditLog(db, keys.audit).verify(outsideHead),
    };
  } finally {
    db.close();
  }
}

describe('an import killed during its commit', () => {
  it(`holds all of ${ROWS} rows or none of them, and passes integrity_check`, { timeout: ROWS > 20_000 ? 1_200_000 : 240_000 }, async () => {
    const whole = await newVault();
    const completed = await run(whole);
    expect(completed.code, completed.stderr).toBe(0);
    expect(await inspect(whole)).toEqual({ integrity: 'ok', registrants: ROWS, numbers: ROWS, completed: ROWS, commits: 1, chain: { ok: true, checked: expect.any(Number) } });
    const commitMs = completed.committedMs! - completed.writingMs!;
    console.log(`csv sigkill: preview ${completed.previewedMs} ms, commit ${completed.committedMs} ms (its write transaction ${commitMs} ms) for ${ROWS} rows`);

    // Halfway through the write transaction as the first run measured it; a second run can be quicker (a
    // machine less busy), so when it got through before the kill, a fresh vault is tried earlier.
    let killed = await newVault();
    let life = await run(killed, Math.floor(commitMs / 2));
    for (const fraction of [4, 8]) {
      if (life.signal === 'SIGKILL') break;
      killed = await newVault();
      life = await run(killed, Math.floor(commitMs / fraction));
    }
    expect(life.signal, `the child was not killed (it ended with ${life.code}):\n${life.stderr}`).toBe('SIGKILL');
    expect(life.committedMs, 'the kill came after the commit had returned').toBeNull();
    // Nothing of the import: the transaction never committed.
    expect(await inspect(killed)).toEqual({ integrity: 'ok', registrants: 0, numbers: 0, completed: 0, commits: 0, chain: { ok: true, checked: expect.any(Number) } });
    // …and the vault opens and takes the same file afterwards.
    const again = await run(killed, undefined, 120_000);
    expect(again.code, again.stderr).toBe(0);
    expect(await inspect(killed)).toMatchObject({ integrity: 'ok', registrants: ROWS, numbers: ROWS, commits: 1 });
  });
});
