// Routine views' audit entries are committed in groups (platform/db/durability.ts): a list
// call's entry waits in an open transaction of the core's connection, with the views around it,
// and is committed at the first of: 200 ms after the group opened (by the timer, or by the next
// view when the timer could not run), any ordinary write (before the write's own entry, which
// never waits), a backup, the vault's close. A crash loses at most the open group's views,
// never a write's entry; the chain verifies throughout. Another connection (here `raw`, as
// anyone reading the file) sees a group's entries once it commits.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../src-main/core/index';
import { createFileKeyStore } from '../../src-main/core/index';
import { createAuditLog, type AuditHead } from '../../src-main/core/platform/audit/audit-log';
import { VIEW_BATCH_MS } from '../../src-main/core/platform/db/durability';
import type { Db } from '../../src-main/core/platform/db/open';
import { openRawDb } from '../support/raw-db';
import { ADMIN, TEST_PASSPHRASE, must, openTestCore, setupAdmin, tempDir } from '../support/vault';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let core: Core;
let admin: string;
let dataDir: string;
let raw: Db;

const actionsAfter = (seq: number) => raw.prepare('SELECT action FROM audit_log WHERE seq > ? ORDER BY seq').pluck().all(seq) as string[];
const lastSeq = () => raw.prepare('SELECT coalesce(max(seq), 0) FROM audit_log').pluck().get() as number;
const verify = async () => must<{ ok: boolean }>(core, admin, 'audit.verify', {});

beforeAll(async () => {
  ({ core, dataDir } = await openTestCore());
  admin = (await setupAdmin(core)).session;
  raw = await openRawDb(dataDir, core.vaultId);
  await must(core, admin, 'registrants.create', { familyName: '山田', givenName: '太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', attributes: ['employee'] });
});

afterAll(async () => {
  raw.close();
  await core.close();
});

describe('a routine view', () => {
  it('waits in its group, then is committed by the next write, before the write’s own entry', async () => {
    expect(VIEW_BATCH_MS).toBe(200);
    const before = lastSeq();
    await must(core, admin, 'registrants.list', {});
    await must(core, admin, 'registrants.list', { filter: { text: 'やまだ' } });
    expect(actionsAfter(before)).toEqual([]);
    await must(core, admin, 'groups.create', { name: '本店' });
    expect(actionsAfter(before)).toEqual(['registrants.list', 'registrants.list', 'groups.create']);
    expect((await verify()).ok).toBe(true);
  });

  it('is committed by itself within the window when nothing else happens', async () => {
    const before = lastSeq();
    const started = performance.now();
    await must(core, admin, 'registrants.list', {});
    expect(actionsAfter(before)).toEqual([]);
    await vi.waitFor(() => expect(actionsAfter(before)).toEqual(['registrants.list']), { timeout: 2000, interval: 10 });
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(VIEW_BATCH_MS - 5);
    expect(waited).toBeLessThan(VIEW_BATCH_MS + 800);
  });

  it('is committed within the window even when the calls never let the timers run', async () => {
    await must(core, admin, 'groups.create', { name: '支店' });
    const before = lastSeq();
    const started = performance.now();
    let calls = 0;
    // Awaiting only the calls (microtasks): no timer runs until this loop ends.
    while (performance.now() - started < 2.5 * VIEW_BATCH_MS) {
      await must(core, admin, 'registrants.list', {});
      calls++;
    }
    const committed = actionsAfter(before).length;
    // The groups older than the window committed as the next view came; the last one still waits.
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(calls);
    core.commitViews();
    expect(actionsAfter(before).length).toBe(calls);
    expect((await verify()).ok).toBe(true);
  });

  it('is in a backup taken while its group is open, and the backup runs outside any transaction', async () => {
    const folder = tempDir('mnv-view-backup-');
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    await must(core, admin, 'backups.configure', { folder, enabled: false, keep: 3 });
    await must(core, admin, 'registrants.list', {});
    const seqWithView = lastSeq() + 1;
    const taken = await must<{ headSeq: number }>(core, admin, 'backups.run', {});
    expect(taken.headSeq).toBe(seqWithView);
    expect(raw.prepare('SELECT action FROM audit_log WHERE seq = ?').pluck().get(seqWithView)).toBe('registrants.list');
  });
});

describe('closing the vault', () => {
  it('commits the open group: the entry is in the file and the chain verifies against the head kept outside', async () => {
    const { core: other, dataDir: otherDir } = await openTestCore();
    const session = (await setupAdmin(other)).session;
    await must(other, session, 'registrants.list', {});
    await other.close();
    const file = await openRawDb(otherDir, other.vaultId);
    expect(file.prepare('SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get()).toBe('registrants.list');
    expect(await verifyFile(file, otherDir, other.vaultId)).toMatchObject({ ok: true });
    file.close();
  });
});

describe('a crash', () => {
  it('loses at most the open group’s views, never a write’s entry, and leaves a chain that verifies', async () => {
    const dir = tempDir('mnv-view-crash-');
    const { core: first } = await openTestCore(dir);
    const { totpSecret } = await setupAdmin(first);
    await first.close();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/support/view-crash-child.ts')], {
      cwd: ROOT,
      env: { ...process.env, MNV_VIEW_CRASH_DATA_DIR: dir, MNV_VIEW_CRASH_TOTP_SECRET: totpSecret },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        if (String(d).includes('listed')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      void exited.then(() => reject(new Error(`the child ended before listing: ${stderr}`)));
    });
    expect(await exited).toBe('SIGKILL');
    const file = await openRawDb(dir, first.vaultId);
    const last = file.prepare('SELECT action FROM audit_log ORDER BY seq DESC LIMIT 2').pluck().all();
    // The write's entry is there; the view after it, in its group when the process died, is not.
    expect(last).toEqual(['groups.create', 'auth.verify']);
    expect(file.prepare("SELECT count(*) FROM groups WHERE name = '書き込み'").pluck().get()).toBe(1);
    // Against the head kept outside too: it never ran ahead of what the disk holds.
    expect(await verifyFile(file, dir, first.vaultId)).toMatchObject({ ok: true });
    file.close();
  }, 60_000);
});

/** audit.verify's walk over a file, held against the head kept outside it (in the key store). */
async function verifyFile(file: Db, dir: string, vaultId: string) {
  const store = createFileKeyStore({ dataDir: dir, passphrase: TEST_PASSPHRASE });
  const keys = (await store.load(vaultId))!;
  const outside = await store.loadAuditHead(vaultId);
  return createAuditLog(file, keys.audit).verify(outside ? (JSON.parse(outside) as AuditHead) : null);
}
