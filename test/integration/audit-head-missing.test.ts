// Once a vault has written its audit chain's head outside the database, that head must stay
// there: deleting it and then putting an older database back is caught as `head_missing`,
// not taken for a vault that never mirrored one. Recovering the keys into a new key store
// gives the store the database's head (the recovery code vouches for it), but never writes
// over a head the store already holds.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { createCore, createFileKeyStore, restoreKeysWithRecoveryCode, type Core } from '../../src-main/core/index';
import { AUDIT_HEAD_FILE_NAME } from '../../src-main/core/platform/keys/file-keystore';
import { readManifest } from '../../src-main/core/platform/vault-manifest';
import { ADMIN, must, setupAdmin, tempDir, TEST_PASSPHRASE, testClock } from '../support/vault';

type Verify = { ok: boolean; checked: number; firstBadSeq?: number; problem?: string };

const clock = testClock();
const DB_FILES = ['vault.db', 'vault.db-wal', 'vault.db-shm'];
const NEW_PASSPHRASE = 'a new passphrase for the recovered vault';

async function signIn(core: Core, totpSecret: string): Promise<string> {
  clock.advance(30_000);
  const s = core.openSession();
  const login = await must(core, s, 'auth.login', { loginId: ADMIN.loginId, password: ADMIN.password });
  await must(core, s, 'auth.verify', { challengeId: login.challengeId, code: await generate({ secret: totpSecret, epoch: Math.floor(clock.now().getTime() / 1000) }) });
  return s;
}

function copyDb(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const f of DB_FILES) {
    fs.rmSync(path.join(to, f), { force: true });
    if (fs.existsSync(path.join(from, f))) fs.copyFileSync(path.join(from, f), path.join(to, f));
  }
}

/** A vault set up and used twice, with a copy of its database taken between the two uses. */
async function usedVault() {
  const dataDir = tempDir('mnv-head-missing-');
  const open = (passphrase = TEST_PASSPHRASE) => createCore({ dataDir, keyStore: createFileKeyStore({ dataDir, passphrase }), clock });
  let core = await open();
  const { totpSecret, recoveryCode } = await setupAdmin(core, clock);
  await core.close();
  const olderCopy = tempDir('mnv-head-missing-copy-');
  copyDb(dataDir, olderCopy);
  core = await open();
  await must(core, await signIn(core, totpSecret), 'audit.query', {});
  await core.close();
  return { dataDir, olderCopy, open, totpSecret, recoveryCode, headFile: path.join(dataDir, AUDIT_HEAD_FILE_NAME) };
}

describe('the audit head kept outside, once written', () => {
  it('is missed when deleted: with an older database put back, status and verify report head_missing', async () => {
    const vault = await usedVault();
    fs.rmSync(vault.headFile);
    copyDb(vault.olderCopy, vault.dataDir);
    const core = await vault.open();
    const s = await signIn(core, vault.totpSecret);
    expect(await must(core, s, 'audit.status', {})).toEqual({ headOk: false, problem: 'head_missing' });
    expect(await must<Verify>(core, s, 'audit.verify', {})).toMatchObject({ ok: false, problem: 'head_missing' });
    await core.close();
    // The finding is not papered over by writing a new head from the older database.
    expect(fs.existsSync(vault.headFile)).toBe(false);
  });

  it('is not asked of a vault that never wrote one', async () => {
    const dataDir = tempDir('mnv-head-missing-new-');
    const core = await createCore({ dataDir, keyStore: createFileKeyStore({ dataDir, passphrase: TEST_PASSPHRASE }), clock });
    const { session } = await setupAdmin(core, clock);
    expect(await must(core, session, 'audit.status', {})).toEqual({ headOk: true, problem: null });
    await core.close();
  });

  it('is given to a new key store by recovery, so the recovered vault verifies', async () => {
    const vault = await usedVault();
    // The keys and the head are lost together (a new machine, a new key file).
    fs.rmSync(vault.headFile);
    fs.rmSync(path.join(vault.dataDir, 'keys.wrapped.json'));
    const { vaultId } = readManifest(vault.dataDir)!;
    await restoreKeysWithRecoveryCode(vault.dataDir, vaultId, vault.recoveryCode, createFileKeyStore({ dataDir: vault.dataDir, passphrase: NEW_PASSPHRASE }));
    expect(fs.existsSync(vault.headFile)).toBe(true);
    const core = await vault.open(NEW_PASSPHRASE);
    const s = await signIn(core, vault.totpSecret);
    expect(await must(core, s, 'audit.status', {})).toEqual({ headOk: true, problem: null });
    expect(await must<Verify>(core, s, 'audit.verify', {})).toMatchObject({ ok: true });
    await core.close();
  });

  it('is kept by recovery when the store holds one: an older database stays caught', async () => {
    const vault = await usedVault();
    const headBefore = fs.readFileSync(vault.headFile, 'utf8');
    copyDb(vault.olderCopy, vault.dataDir);
    const { vaultId } = readManifest(vault.dataDir)!;
    await restoreKeysWithRecoveryCode(vault.dataDir, vaultId, vault.recoveryCode, createFileKeyStore({ dataDir: vault.dataDir, passphrase: NEW_PASSPHRASE }));
    expect(fs.readFileSync(vault.headFile, 'utf8')).toBe(headBefore);
    const core = await vault.open(NEW_PASSPHRASE);
    const s = await signIn(core, vault.totpSecret);
    expect(await must(core, s, 'audit.status', {})).toEqual({ headOk: false, problem: 'older_than_head' });
    await core.close();
  });
});
