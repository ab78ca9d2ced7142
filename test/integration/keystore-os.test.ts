// The `os` key store against a real Secret Service (gnome-keyring on a private D-Bus session,
// started by scripts/with-keyring.mjs): the vault's keys live in the keychain and nowhere
// on disk unwrapped; losing the keychain entry stops the vault without touching a byte of
// it; the recovery code brings it back, and a wrong code is refused.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { AsyncEntry } from '@napi-rs/keyring';
import { generate } from 'otplib';
import { createCore, createOsKeyStore, restoreKeysWithRecoveryCode, VaultOpenError, type Clock, type Core, type VaultKeys } from '../../src-main/core/index';
import { ADMIN, must, setupAdmin, tempDir, testClock } from '../support/vault';

// A service name of its own, so the test never reads or writes the app's real entry.
const SERVICE = `jp.mynumber-vault.test.${randomUUID()}`;
const RUN_UNDER = 'run the tests under `node scripts/with-keyring.mjs` (npm run test:unit does)';

const entry = (account: string) => new AsyncEntry(SERVICE, account, { linux: { store: 'secret-service' } });
const created: string[] = [];

afterAll(async () => {
  for (const account of created) await entry(account).deletePassword().catch(() => undefined);
});

/** What the Secret Service itself holds for (SERVICE, account), read with secret-tool over D-Bus. */
function secretToolLookup(account: string): string | null {
  try {
    return execFileSync('secret-tool', ['lookup', 'service', SERVICE, 'username', account], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch {
    return null;
  }
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isFile()) out[name] = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return out;
}

async function openError(promise: Promise<unknown>): Promise<VaultOpenError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'expected the vault to refuse to open').toBeInstanceOf(VaultOpenError);
  return err as VaultOpenError;
}

/**
 * Logs the admin in with password and TOTP: this reads the users table, and opens the TOTP
 * secret sealed with the field key, so it needs the right db and field keys.
 */
async function loginAdmin(core: Core, clock: Clock, totpSecret: string): Promise<string> {
  const session = core.openSession();
  const login = await must(core, session, 'auth.login', { loginId: ADMIN.loginId, password: ADMIN.password });
  const code = await generate({ secret: totpSecret, epoch: Math.floor(clock.now().getTime() / 1000) });
  await must(core, session, 'auth.verify', { challengeId: login.challengeId, code });
  return session;
}

describe('the os key store on a real Secret Service', () => {
  it('has a Secret Service to talk to (not the kernel keyring, not a silent fallback)', async () => {
    expect(process.env.DBUS_SESSION_BUS_ADDRESS, `no D-Bus session bus: ${RUN_UNDER}`).toBeTruthy();
    const probe = `probe-${randomUUID()}`;
    created.push(probe);
    const failure = await entry(probe)
      .setPassword('probe')
      .then(
        () => null,
        (e: unknown) => String(e),
      );
    expect(failure, `no Secret Service reachable: ${RUN_UNDER}`).toBeNull();
    // secret-tool reads the item back over D-Bus, independently of @napi-rs/keyring.
    expect(secretToolLookup(probe)).toBe('probe');
    expect(await entry(probe).deletePassword()).toBe(true);
    expect(secretToolLookup(probe)).toBeNull();
  });

  it('creates the vault with its keys in the keychain, reopens it, and survives losing the entry through the recovery code', async () => {
    const dataDir = tempDir('mnv-oskeys-');
    const keyStore = createOsKeyStore({ service: SERVICE });
    // Each login below uses a later TOTP time step (a code is accepted once per step).
    const clock = testClock();
    const step = () => clock.advance(60_000);

    // Create: the keys land in the Secret Service under the vault's id.
    const first = await createCore({ dataDir, keyStore, clock });
    const vaultId = first.vaultId;
    created.push(vaultId);
    const admin = await setupAdmin(first, clock);
    await first.close();

    const stored = secretToolLookup(vaultId);
    expect(stored, 'no keychain item for the vault').not.toBeNull();
    const keys = (await createOsKeyStore({ service: SERVICE }).load(vaultId)) as VaultKeys;
    expect(keys).not.toBeNull();
    expect(JSON.parse(stored!)).toMatchObject({ db: keys.db, field: keys.field, audit: keys.audit, index: keys.index });
    // The keys are in the keychain only: no file of the data directory holds one in the clear.
    for (const name of fs.readdirSync(dataDir, { recursive: true }) as string[]) {
      const file = path.join(dataDir, name);
      if (!fs.statSync(file).isFile()) continue;
      const bytes = fs.readFileSync(file);
      for (const key of Object.values(keys)) {
        expect(bytes.includes(Buffer.from(key, 'utf8')), `a key in ${name}`).toBe(false);
        expect(bytes.includes(Buffer.from(key, 'hex')), `a raw key in ${name}`).toBe(false);
      }
    }

    // Reopen with a fresh store object: same vault, data intact.
    const second = await createCore({ dataDir, keyStore: createOsKeyStore({ service: SERVICE }), clock });
    expect(second.vaultId).toBe(vaultId);
    expect(await must(second, second.openSession(), 'setup.status', {})).toEqual({ initialized: true });
    step();
    await loginAdmin(second, clock, admin.totpSecret);
    await second.close();

    // Lose the keychain entry: the vault refuses to open and changes nothing on disk.
    expect(await entry(vaultId).deletePassword()).toBe(true);
    expect(secretToolLookup(vaultId)).toBeNull();
    const before = snapshot(dataDir);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['vault.json', 'vault.db', 'keys.recovery.json']));
    const missing = await openError(createCore({ dataDir, keyStore: createOsKeyStore({ service: SERVICE }) }));
    expect(missing.code).toBe('KEY_MISSING');
    expect(snapshot(dataDir)).toEqual(before);
    // ... and no new keys were made over the data.
    expect(secretToolLookup(vaultId)).toBeNull();

    // A wrong recovery code (one symbol off) is refused and restores nothing.
    const code = admin.recoveryCode;
    const wrongCode = (code[0] === 'A' ? 'B' : 'A') + code.slice(1);
    const wrong = await openError(restoreKeysWithRecoveryCode(dataDir, vaultId, wrongCode, createOsKeyStore({ service: SERVICE })));
    expect(wrong.code).toBe('WRONG_RECOVERY_CODE');
    expect(secretToolLookup(vaultId)).toBeNull();
    expect(snapshot(dataDir)).toEqual(before);

    // The right code puts the very same keys back into the keychain, and the vault opens.
    await restoreKeysWithRecoveryCode(dataDir, vaultId, code, createOsKeyStore({ service: SERVICE }));
    expect(await createOsKeyStore({ service: SERVICE }).load(vaultId)).toEqual(keys);
    expect(snapshot(dataDir)).toEqual(before);
    const restored = await createCore({ dataDir, keyStore: createOsKeyStore({ service: SERVICE }), clock });
    expect(restored.vaultId).toBe(vaultId);
    step();
    const session = await loginAdmin(restored, clock, admin.totpSecret);
    // The audit chain written before the loss still verifies under the restored audit key.
    const verified = await must(restored, session, 'audit.verify', {});
    expect(verified.ok).toBe(true);
    expect(verified.checked).toBeGreaterThanOrEqual(4);
    await restored.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
