// The recovery code brings a vault back after its key store is lost: `mnv recover` reads
// the code from standard input and stores the keys under a new passphrase.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createCore, createFileKeyStore } from '../../src-main/core/index';
import { KEY_FILE_NAME } from '../../src-main/core/platform/keys/file-keystore';
import { openTestCore, setupAdmin } from '../support/vault';

function mnv(args: string[], input: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/mnv.ts', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

describe('mnv recover', () => {
  it('restores lost keys with the recovery code under a new passphrase', async () => {
    const { core, dataDir } = await openTestCore();
    const { recoveryCode } = await setupAdmin(core);
    await core.close();
    fs.rmSync(path.join(dataDir, KEY_FILE_NAME));
    await expect(createCore({ dataDir, keyStore: createFileKeyStore({ dataDir, passphrase: 'anything at all' }) })).rejects.toMatchObject({
      code: 'KEY_MISSING',
    });

    const typedSloppily = recoveryCode.toLowerCase().replace(/-/g, ' ');
    const run = mnv(['recover', '--data-dir', dataDir, '--key-store', 'file'], `${typedSloppily}\n`, { MNV_PASSPHRASE: 'a brand new passphrase' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/鍵を復元しました/);

    const reopened = await createCore({ dataDir, keyStore: createFileKeyStore({ dataDir, passphrase: 'a brand new passphrase' }) });
    expect(await reopened.call(reopened.openSession(), 'setup.status', {})).toEqual({ ok: true, value: { initialized: true } });
    await reopened.close();
  });

  it('refuses a wrong recovery code with a clear message and writes no key file', async () => {
    const { core, dataDir } = await openTestCore();
    await setupAdmin(core);
    await core.close();
    fs.rmSync(path.join(dataDir, KEY_FILE_NAME));
    const run = mnv(['recover', '--data-dir', dataDir, '--key-store', 'file'], 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA\n', { MNV_PASSPHRASE: 'new passphrase 1' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/回復コードが違います/);
    expect(fs.existsSync(path.join(dataDir, KEY_FILE_NAME))).toBe(false);
  });
});
