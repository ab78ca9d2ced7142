// The audit chain's head is kept outside the database too, beside the keys in the key store
// (here the OS keychain, a real Secret Service; the `file` store's copy in the data folder is
// tested through the harness, harness-security.test.ts), so `vault.db` put back from an older
// copy of itself, or with its tail cut by someone holding the database and audit keys, is
// caught: `audit.status` and `audit.verify` say the database falls short of that head, and
// the head is never mirrored over while they do.
import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AsyncEntry } from '@napi-rs/keyring';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { createCore, createOsKeyStore, type Core, type KeyStore } from '../../src-main/core/index';
import { openEncryptedDatabase } from '../../src-main/core/platform/db/open';
import { ADMIN, must, setupAdmin, tempDir, testClock } from '../support/vault';

type Verify = { ok: boolean; checked: number; firstBadSeq?: number; problem?: string };

const clock = testClock();
const DB_FILES = ['vault.db', 'vault.db-wal', 'vault.db-shm'];

/** Signs the admin in (a TOTP step it has not used yet) and re-enters nothing: audit.* needs no re-auth. */
async function signIn(core: Core, totpSecret: string): Promise<string> {
  clock.advance(30_000);
  const s = core.openSession();
  const login = await must(core, s, 'auth.login', { loginId: ADMIN.loginId, password: ADMIN.password });
  await must(core, s, 'auth.verify', { challengeId: login.challengeId, code: await generate({ secret: totpSecret, epoch: Math.floor(clock.now().getTime() / 1000) }) });
  return s;
}

/** Copies the database (and its WAL and shared-memory files, where present) from one folder to another. */
function copyDb(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const f of DB_FILES) {
    fs.rmSync(path.join(to, f), { force: true });
    if (fs.existsSync(path.join(from, f))) fs.copyFileSync(path.join(from, f), path.join(to, f));
  }
}

/**
 * A vault used, closed, copied aside, used more and closed again: the outside head now names
 * entries the copy does not hold. Returns what a test needs to put the copy back.
 */
async function vaultWithOlderCopy(keyStore: (dataDir: string) => KeyStore) {
  const dataDir = tempDir('mnv-head-');
  const open = () => createCore({ dataDir, keyStore: keyStore(dataDir), clock });
  let core = await open();
  const { totpSecret } = await setupAdmin(core, clock);
  await core.close();
  const olderCopy = tempDir('mnv-head-copy-');
  copyDb(dataDir, olderCopy);

  core = await open();
  const s = await signIn(core, totpSecret);
  await must(core, s, 'audit.query', {});
  expect(await must(core, s, 'audit.status', {})).toEqual({ headOk: true, problem: null });
  expect(await must<Verify>(core, s, 'audit.verify', {})).toMatchObject({ ok: true });
  await core.close();
  return { dataDir, olderCopy, open, totpSecret };
}

describe('the audit head kept outside the database', () => {
  const accounts: string[] = [];
  afterAll(async () => {
    for (const account of accounts) await new AsyncEntry(SERVICE, account, { linux: { store: 'secret-service' } }).deletePassword().catch(() => undefined);
  });
  const SERVICE = `jp.mynumber-vault.test.head.${randomUUID()}`;

  it('catches a tail cut by someone holding the keys, who also rewrote the head inside', async () => {
    const dataDir = tempDir('mnv-head-cut-');
    const keyStore = createOsKeyStore({ service: SERVICE });
    let core = await createCore({ dataDir, keyStore, clock });
    const admin = await setupAdmin(core, clock);
    for (let i = 0; i < 6; i++) await must(core, admin.session, 'audit.query', {});
    const vaultId = core.vaultId;
    accounts.push(vaultId, `${vaultId}:audit-head`);
    await core.close();

    // The attacker: the database key and the audit key in hand, the last six entries cut and the head inside re-MACed.
    const keys = (await keyStore.load(vaultId))!;
    const raw = openEncryptedDatabase(path.join(dataDir, 'vault.db'), { keyHex: keys.db });
    raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    const last = (raw.prepare('SELECT max(seq) AS n FROM audit_log').get() as { n: number }).n;
    raw.prepare('DELETE FROM audit_log WHERE seq > ?').run(last - 6);
    const kept = raw.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
    const mac = createHmac('sha256', Buffer.from(keys.audit, 'hex')).update(`head\n${kept.seq}\n${kept.hash}`, 'utf8').digest('hex');
    raw.prepare('UPDATE audit_head SET seq = ?, hash = ?, mac = ? WHERE id = 1').run(kept.seq, kept.hash, mac);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();

    core = await createCore({ dataDir, keyStore, clock });
    const s = await signIn(core, admin.totpSecret);
    expect(await must(core, s, 'audit.status', {})).toEqual({ headOk: false, problem: 'older_than_head' });
    const verified = await must<Verify>(core, s, 'audit.verify', {});
    expect(verified).toMatchObject({ ok: false, problem: 'older_than_head' });
    expect(verified.firstBadSeq).toBe(verified.checked + 1);
    await core.close();
  });

  it('with the os key store (a real Secret Service): the head sits beside the keys, and an older vault.db is caught', async () => {
    const v = await vaultWithOlderCopy(() => createOsKeyStore({ service: SERVICE }));
    const { vaultId } = JSON.parse(fs.readFileSync(path.join(v.dataDir, 'vault.json'), 'utf8')) as { vaultId: string };
    accounts.push(vaultId, `${vaultId}:audit-head`);
    const stored = await new AsyncEntry(SERVICE, `${vaultId}:audit-head`, { linux: { store: 'secret-service' } }).getPassword();
    expect(Object.keys(JSON.parse(stored!) as object).sort()).toEqual(['hash', 'mac', 'seq']);
    expect(fs.existsSync(path.join(v.dataDir, 'audit-head.json'))).toBe(false);

    copyDb(v.olderCopy, v.dataDir);
    let core = await v.open();
    let s = await signIn(core, v.totpSecret);
    expect(await must(core, s, 'audit.status', {})).toEqual({ headOk: false, problem: 'older_than_head' });
    const verified = await must<Verify>(core, s, 'audit.verify', {});
    expect(verified).toMatchObject({ ok: false, problem: 'older_than_head' });
    expect(verified.firstBadSeq).toBe(verified.checked + 1);
    await core.close();
    // Using the older copy wrote new entries, yet the head beside the keys was not mirrored over.
    expect(await new AsyncEntry(SERVICE, `${vaultId}:audit-head`, { linux: { store: 'secret-service' } }).getPassword()).toBe(stored);

    // And the next start still says so.
    core = await v.open();
    s = await signIn(core, v.totpSecret);
    expect(await must(core, s, 'audit.status', {})).toMatchObject({ headOk: false });
    expect(await must<Verify>(core, s, 'audit.verify', {})).toMatchObject({ ok: false });
    await core.close();
    expect(await new AsyncEntry(SERVICE, `${vaultId}:audit-head`, { linux: { store: 'secret-service' } }).getPassword()).toBe(stored);
  });
});
