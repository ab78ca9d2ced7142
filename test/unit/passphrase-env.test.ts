// The `file` key store's passphrase comes from MNV_PASSPHRASE: it is taken out of the
// environment as soon as it is read (so nothing started later inherits it), and a weak one is
// refused when a key file is written (the password rule: 12+ characters, not guessable).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createCore, createFileKeyStore, takePassphraseFromEnv, VaultOpenError } from '../../src-main/core/index';
import { generateVaultKeys } from '../../src-main/core/platform/keys/vault-keys';
import { tempDir } from '../support/vault';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('takePassphraseFromEnv', () => {
  it('returns MNV_PASSPHRASE and removes it from the environment it read', () => {
    const env: NodeJS.ProcessEnv = { PATH: '/usr/bin', MNV_PASSPHRASE: 'a long and private passphrase' };
    expect(takePassphraseFromEnv(env)).toBe('a long and private passphrase');
    expect(env).toEqual({ PATH: '/usr/bin' });
    expect('MNV_PASSPHRASE' in env).toBe(false);
    expect(takePassphraseFromEnv(env)).toBeUndefined();
  });

  it('reads and clears process.env by default', () => {
    process.env.MNV_PASSPHRASE = 'another long private passphrase';
    try {
      expect(takePassphraseFromEnv()).toBe('another long private passphrase');
      expect(process.env.MNV_PASSPHRASE).toBeUndefined();
    } finally {
      delete process.env.MNV_PASSPHRASE;
    }
  });

  it('is how the harness and the CLI get the passphrase: neither reads MNV_PASSPHRASE itself', () => {
    for (const file of ['test/harness/main.ts', 'src-main/cli/run.ts']) {
      const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
      expect(source, file).toMatch(/takePassphraseFromEnv\((env)?\)/);
      expect(source, file).not.toMatch(/process\.env(\.MNV_PASSPHRASE|\[)/);
    }
  });
});

describe('the file key store', () => {
  it.each([
    ['too short', 'short pass'],
    ['common', 'password1234'],
  ])('refuses to write a key file under a %s passphrase, writing nothing', async (_what, passphrase) => {
    const dataDir = tempDir('mnv-weak-');
    const store = createFileKeyStore({ dataDir, passphrase });
    const err = await store.save('vault-id', generateVaultKeys()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultOpenError);
    expect((err as VaultOpenError).code).toBe('WEAK_PASSPHRASE');
    expect((err as Error).message).not.toContain(passphrase);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it('keeps a new vault from being created under a weak passphrase, leaving its folder empty', async () => {
    const dataDir = tempDir('mnv-weak-vault-');
    const err = await createCore({ dataDir, keyStore: createFileKeyStore({ dataDir, passphrase: 'password1234' }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultOpenError);
    expect((err as VaultOpenError).code).toBe('WEAK_PASSPHRASE');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});
