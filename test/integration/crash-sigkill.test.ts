// Crash safety of the vault database: a child process writing in transactions (through
// openEncryptedDatabase, as the core opens it) and killed with SIGKILL at 20 random moments
// leaves a database that passes integrity_check and holds every acknowledged commit, each
// transaction whole or not at all, with an audit chain that still verifies.
//
// The kill moments come from a seeded generator; the seed is printed, and
// CRASH_SEED=<seed> replays the same schedule.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createHash, randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFileKeyStore } from '../../src-main/core/index';
import { openEncryptedDatabase } from '../../src-main/core/platform/db/open';
import { createAuditLog } from '../../src-main/core/platform/audit/audit-log';
import { TEST_PASSPHRASE, openTestCore } from '../support/vault';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WRITER = path.join(ROOT, 'test/support/crash-writer.ts');
const KILLS = 20;
/** A kill aimed at the write loop lands this long (at most) after the child is ready. */
const MAX_WRITE_MS = 400;
/** A kill aimed at the open (recovering the WAL left by the last kill) lands this long (at most) after `opening`. */
const MAX_OPEN_MS = 8;
const OPEN_KILL_SHARE = 0.2;
const CHILD_START_LIMIT_MS = 20_000;

/** mulberry32: small, seedable, good enough to pick moments. */
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

interface Life {
  /** What the child found in the table when it (re)opened the database, if it got that far. */
  readyMax: number | null;
  acks: number[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
  aim: 'open' | 'write';
  delayMs: number;
  /** Killed because it never got the database open: a hang, not one of our moments. */
  stuck: boolean;
}

/** Starts the writer, kills it with SIGKILL after the chosen delay, and reports what it said. */
function liveAndDie(input: object, aim: 'open' | 'write', delayMs: number): Promise<Life> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const life: Life = { readyMax: null, acks: [], signal: null, code: null, stderr: '', aim, delayMs, stuck: false };
    let buffered = '';
    let killTimer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    const aimAt = (moment: 'open' | 'write') => {
      if (aim === moment && !killTimer) killTimer = setTimeout(kill, delayMs);
    };
    const giveUp = setTimeout(() => {
      life.stuck = true;
      kill();
    }, CHILD_START_LIMIT_MS);

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!; // an unfinished line is no acknowledgement
      for (const line of lines) {
        const [word, value] = line.split(' ');
        if (word === 'opening') aimAt('open');
        else if (word === 'ready') {
          life.readyMax = Number(value);
          clearTimeout(giveUp);
          aimAt('write');
        } else if (word === 'ack') life.acks.push(Number(value));
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => void (life.stderr += chunk));
    child.on('error', reject);
    // 'close' comes after the exit and after stdout has been read to its end.
    child.on('close', (code, signal) => {
      clearTimeout(giveUp);
      clearTimeout(killTimer);
      Object.assign(life, { code, signal });
      resolve(life);
    });
    child.stdin.end(JSON.stringify(input));
  });
}

describe('the vault database under SIGKILL', () => {
  it(`holds every acknowledged commit and passes integrity_check after ${KILLS} kills at random moments`, { timeout: 120_000 }, async () => {
    const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : randomInt(2 ** 31);
    if (!Number.isSafeInteger(seed)) throw new Error(`CRASH_SEED must be an integer, not ${process.env.CRASH_SEED}`);
    console.log(`crash-sigkill: seed ${seed} (rerun with CRASH_SEED=${seed})`);
    const random = rng(seed);

    // A real vault: created by the core, so the schema (audit tables included) is the real one.
    const { core, dataDir } = await openTestCore();
    // Every failure names the seed, and the database it left (kept when the test fails).
    const why = `(seed ${seed}: rerun with CRASH_SEED=${seed}; database in ${dataDir})`;
    const vaultId = core.vaultId;
    await core.close();
    const keys = (await createFileKeyStore({ dataDir, passphrase: TEST_PASSPHRASE }).load(vaultId))!;
    const dbFile = path.join(dataDir, 'vault.db');
    const input = { dbFile, dbKey: keys.db, auditKey: keys.audit };

    const acked: number[] = [];
    const lives: Life[] = [];
    for (let kill = 1; kill <= KILLS; kill++) {
      const aim = random() < OPEN_KILL_SHARE ? 'open' : 'write';
      const delayMs = Math.floor(random() * (aim === 'open' ? MAX_OPEN_MS : MAX_WRITE_MS));
      const life = await liveAndDie(input, aim, delayMs);
      lives.push(life);
      const where = `kill ${kill} (aimed at the ${aim}, ${delayMs} ms) ${why}`;
      expect(life.stuck, `${where}: the writer did not open the database within ${CHILD_START_LIMIT_MS} ms:\n${life.stderr}`).toBe(false);
      // Died of our SIGKILL, not of an error of its own.
      expect(life.signal, `${where}: the writer exited by itself (code ${life.code}):\n${life.stderr}`).toBe('SIGKILL');
      // A restarted writer sees everything acknowledged before: checked at once, so a loss
      // is pinned to the kill that caused it.
      const lastAcked = acked.at(-1) ?? 0;
      if (life.readyMax !== null) expect(life.readyMax, `${where}: reopened with acknowledged commits missing`).toBeGreaterThanOrEqual(lastAcked);
      acked.push(...life.acks);
    }

    const writeLives = lives.filter((l) => l.aim === 'write').length;
    console.log(
      `crash-sigkill: ${KILLS} kills (${KILLS - writeLives} aimed at the open, ${writeLives} at the write loop), ` +
        `${acked.length} acknowledged commits, per life: ${lives.map((l) => l.acks.length).join(' ')}`,
    );
    // The test proves nothing unless commits were acknowledged and then interrupted.
    expect(acked.length, `too few commits to prove anything ${why}`).toBeGreaterThanOrEqual(KILLS);
    expect(lives.filter((l) => l.acks.length > 0).length, `too few lives got to commit ${why}`).toBeGreaterThanOrEqual(KILLS / 4);

    const db = openEncryptedDatabase(dbFile, { keyHex: keys.db });
    try {
      expect(db.pragma('integrity_check', { simple: true }), why).toBe('ok');
      expect(db.pragma('foreign_key_check'), why).toEqual([]);

      const rows = db.prepare('SELECT n, payload, digest FROM crash_probe ORDER BY n').all() as { n: number; payload: Buffer; digest: string }[];
      const present = new Set(rows.map((r) => r.n));
      const lost = acked.filter((n) => !present.has(n));
      expect(lost, `acknowledged commits missing from the database ${why}`).toEqual([]);

      // Each life continues from what it found, so the numbers run 1..max without a gap or a
      // double; at most one commit per life went unacknowledged (committed, killed before `ack`).
      const max = rows.at(-1)?.n ?? 0;
      expect(rows.map((r) => r.n), why).toEqual(Array.from({ length: max }, (_, i) => i + 1));
      expect(max - acked.length, `more unacknowledged commits than kills ${why}`).toBeLessThanOrEqual(KILLS);
      expect(new Set(acked).size, `an n acknowledged twice ${why}`).toBe(acked.length);
      for (const r of rows) expect(createHash('sha256').update(r.payload).digest('hex'), `row ${r.n} ${why}`).toBe(r.digest);

      // Whole transactions only: the counter and the audit trail agree with the probe rows.
      expect(db.prepare('SELECT n FROM crash_counter').pluck().get(), why).toBe(max);
      const audited = db.prepare(`SELECT target_id FROM audit_log WHERE action = 'crash.probe' ORDER BY seq`).pluck().all() as string[];
      expect(audited, why).toEqual(rows.map((r) => String(r.n)));
      const chain = createAuditLog(db, keys.audit).verify();
      expect(chain, why).toEqual({ ok: true, checked: expect.any(Number) });
      expect(chain.checked, why).toBeGreaterThanOrEqual(max);
    } finally {
      db.close();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
