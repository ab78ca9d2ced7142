// A key rotation with the keys in the OS keychain (a real Secret Service, under
// scripts/with-keyring.mjs): recorded in the app, the keychain entry holds both key sets until
// the vault next opens, then only the new ones; the number reads back.
import { randomUUID } from 'node:crypto';
import { AsyncEntry } from '@napi-rs/keyring';
import { generate } from 'otplib';
import { afterAll, expect, it } from 'vitest';
import { createCore, createOsKeyStore, type Core } from '../../src-main/core/index';
import { generateMyNumber } from '../support/numbers';
import { ADMIN, allowDirectNumberEntry, must, setupAdmin, tempDir, testClock } from '../support/vault';

const SERVICE = `jp.mynumber-vault.test.${randomUUID()}`;
const entry = (account: string) => new AsyncEntry(SERVICE, account, { linux: { store: 'secret-service' } });
let vaultId = '';

afterAll(async () => {
  for (const account of [vaultId, `${vaultId}:audit-head`]) await entry(account).deletePassword().catch(() => undefined);
});

it('keeps both key sets in the keychain entry until the next open, then the new ones only', async () => {
  const dataDir = tempDir();
  const clock = testClock();
  const open = () => createCore({ dataDir, keyStore: createOsKeyStore({ service: SERVICE }), clock });
  const number = generateMyNumber(81_000);
  let core: Core = await open();
  vaultId = core.vaultId;
  const setup = await setupAdmin(core, clock);
  await allowDirectNumberEntry(core, setup.session, ADMIN.password);
  const { id } = await must(core, setup.session, 'registrants.create', { familyName: '鍵', givenName: '一', familyNameKana: 'カギ', givenNameKana: 'ハジメ', attributes: ['employee'] });
  await must(core, setup.session, 'mynumber.set', { subject: { registrantId: id }, myNumber: number });
  await must(core, setup.session, 'auth.reauth', { password: ADMIN.password });
  await must(core, setup.session, 'vault.rekey', { recovery: { mode: 'keep', recoveryCode: setup.recoveryCode } });
  const during = JSON.parse((await entry(vaultId).getPassword())!);
  expect(during).toMatchObject({ v: 2, pending: { newRecoveryCode: false } });
  await core.close();

  core = await open();
  try {
    const after = JSON.parse((await entry(vaultId).getPassword())!);
    expect(after.v).toBe(1);
    expect(after.db).toBe(during.pending.db);
    expect(after.field).toBe(during.pending.field);
    const session = core.openSession();
    const login = await must(core, session, 'auth.login', { loginId: ADMIN.loginId, password: ADMIN.password });
    clock.advance(30_000);
    await must(core, session, 'auth.verify', { challengeId: login.challengeId, code: await generate({ secret: setup.totpSecret, epoch: Math.floor(clock.now().getTime() / 1000) }) });
    await must(core, session, 'auth.reauth', { password: ADMIN.password });
    expect((await must(core, session, 'mynumber.reveal', { subject: { registrantId: id }, purposeId: 'withholding_slip' })).myNumber).toBe(number);
  } finally {
    await core.close();
  }
});
