// Before a migration the vault copies its database aside (backups/before-migration-v<N>-…).
// Those copies would outlive a disposal of the data they hold, so once a migration has
// succeeded and the vault has opened, every copy but the newest is deleted; a migration that
// fails deletes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { AsyncEntry } from '@napi-rs/keyring';
import { afterAll, describe, expect, it } from 'vitest';
import { createOsKeyStore } from '../../src-main/core/index';
import { openEncryptedDatabase } from '../../src-main/core/platform/db/open';
import { sourceMigrationsDir } from '../../src-main/core/platform/paths';
import { openVault } from '../../src-main/core/platform/vault';
import { tempDir, testClock } from '../support/vault';

// A keychain service of its own (a real Secret Service): no key file to derive on every open.
const SERVICE = `jp.mynumber-vault.test.prune.${randomUUID()}`;
const keyStore = createOsKeyStore({ service: SERVICE });
const vaultIds: string[] = [];
afterAll(async () => {
  for (const id of vaultIds) await new AsyncEntry(SERVICE, id, { linux: { store: 'secret-service' } }).deletePassword().catch(() => undefined);
});

const clock = testClock(Date.parse('2026-12-01T09:00:00Z'));
const real = fs.readdirSync(sourceMigrationsDir).filter((f) => f.endsWith('.sql'));
const latestReal = Math.max(...real.map((f) => Number(f.slice(0, 4))));

/** The app's migrations plus `extra` ones (name → SQL) after them. */
function migrationsWith(extra: Record<string, string>): string {
  const dir = tempDir('mnv-migrations-');
  for (const f of real) fs.copyFileSync(path.join(sourceMigrationsDir, f), path.join(dir, f));
  for (const [name, sql] of Object.entries(extra)) fs.writeFileSync(path.join(dir, name), sql);
  return dir;
}

async function openWith(dataDir: string, migrationsDir: string): Promise<void> {
  clock.advance(60_000);
  const vault = await openVault({ dataDir, keyStore, clock, migrationsDir });
  if (!vaultIds.includes(vault.vaultId)) vaultIds.push(vault.vaultId);
  vault.db.close();
}

const copies = (dataDir: string) => (fs.existsSync(path.join(dataDir, 'backups')) ? fs.readdirSync(path.join(dataDir, 'backups')).sort() : []);

describe('pre-migration copies', () => {
  const one = { '9010_test_one.sql': 'CREATE TABLE test_one (x);' };
  const two = { ...one, '9020_test_two.sql': 'CREATE TABLE test_two (x);' };

  it('are pruned to the newest once a migration has succeeded and the vault opened', async () => {
    const dataDir = tempDir('mnv-prune-');
    await openWith(dataDir, migrationsWith({}));
    expect(copies(dataDir)).toEqual([]);

    await openWith(dataDir, migrationsWith(one));
    expect(copies(dataDir)).toEqual([`before-migration-v${latestReal}-2026-12-01T09-02-00-000Z.db`]);

    await openWith(dataDir, migrationsWith(two));
    expect(copies(dataDir)).toEqual(['before-migration-v9010-2026-12-01T09-03-00-000Z.db']);
    // What is kept is the encrypted database as it was before the latest migration.
    const keys = (await keyStore.load(vaultIds.at(-1)!))!;
    const kept = openEncryptedDatabase(path.join(dataDir, 'backups', copies(dataDir)[0]!), { keyHex: keys.db });
    expect(kept.pragma('user_version', { simple: true })).toBe(9010);
    kept.close();

    // Opening again without a migration keeps the newest of several (by version, then time).
    const backups = path.join(dataDir, 'backups');
    fs.copyFileSync(path.join(backups, copies(dataDir)[0]!), path.join(backups, 'before-migration-v9010-2026-11-30T00-00-00-000Z.db'));
    fs.copyFileSync(path.join(backups, copies(dataDir)[0]!), path.join(backups, 'before-migration-v9010-2026-12-01T09-59-00-000Z.db'));
    await openWith(dataDir, migrationsWith(two));
    expect(copies(dataDir)).toEqual(['before-migration-v9010-2026-12-01T09-59-00-000Z.db']);
  });

  it('are all kept when a migration fails', async () => {
    const dataDir = tempDir('mnv-prune-fail-');
    await openWith(dataDir, migrationsWith(one));
    const backups = path.join(dataDir, 'backups');
    fs.mkdirSync(backups, { recursive: true });
    fs.copyFileSync(path.join(dataDir, 'vault.db'), path.join(backups, 'before-migration-v10-2026-01-01T00-00-00-000Z.db'));
    fs.copyFileSync(path.join(dataDir, 'vault.db'), path.join(backups, 'before-migration-v20-2026-02-01T00-00-00-000Z.db'));

    const broken = migrationsWith({ ...one, '9020_test_broken.sql': 'CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);' });
    await expect(openWith(dataDir, broken)).rejects.toThrow(/nowhere/);
    expect(copies(dataDir)).toEqual([
      'before-migration-v10-2026-01-01T00-00-00-000Z.db',
      'before-migration-v20-2026-02-01T00-00-00-000Z.db',
      expect.stringMatching(/^before-migration-v9010-.+\.db$/),
    ]);
  });
});
