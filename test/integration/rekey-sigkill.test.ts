// A key rotation killed with SIGKILL part-way — after some numbers were re-sealed, among the
// ID images, while the blind indexes were computed again, while the database file was rekeyed
// — leaves every value readable by the old keys or the new ones (both kept until the end, in the
// key store and the recovery file alike), and `mnv rekey` run again carries it on from there: every number reads back, the chain verifies,
// and the rotation is on record once.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFileKeyStore, type VaultKeys } from '../../src-main/core/index';
import { createFieldCrypto } from '../../src-main/core/platform/crypto/field';
import { openEncryptedDatabase, type Db } from '../../src-main/core/platform/db/open';
import { KEY_FILE_NAME } from '../../src-main/core/platform/keys/file-keystore';
import { expectedNumbers, fillVault, mnv, mnvRekeyKilledAt, readBack, type Fixture } from '../support/rekey';
import { must, openTestCore, setupAdmin, TEST_PASSPHRASE, testClock } from '../support/vault';

const clock = testClock();
let dataDir: string;
let vaultId: string;
let recoveryCode: string;
let fixture: Fixture;
let oldKeys: VaultKeys;

const NUMBERS = 250 + 1;
const DOCUMENTS = 12;

const storedKeys = async () => (await createFileKeyStore({ dataDir, passphrase: TEST_PASSPHRASE }).load(vaultId))!;

function openEither(keys: VaultKeys): { db: Db; under: 'current' | 'next' } {
  const file = path.join(dataDir, 'vault.db');
  try {
    return { db: openEncryptedDatabase(file, { keyHex: keys.db }), under: 'current' };
  } catch {
    return { db: openEncryptedDatabase(file, { keyHex: keys.pending!.db }), under: 'next' };
  }
}

/** Each sealed number and image, as opened by the current field key, the next one, or neither. */
async function whoOpens(): Promise<{ current: number; next: number; neither: number; file: 'current' | 'next' }> {
  const keys = await storedKeys();
  const { db, under } = openEither(keys);
  const values = [
    ...db.prepare<[], any>('SELECT subject_type, subject_id, sealed FROM my_numbers').all().map((r) => [r.sealed, `mynumber:${r.subject_type}:${r.subject_id}`]),
    ...db.prepare<[], any>('SELECT id, registrant_id, sealed_image FROM documents JOIN document_images ON document_id = id').all().map((r) => [r.sealed_image, `document:image:${r.id}:${r.registrant_id}`]),
  ] as [Buffer, string][];
  db.close();
  const opens = (fieldKey: string | undefined, sealed: Buffer, context: string) => {
    if (!fieldKey) return false;
    try {
      createFieldCrypto(fieldKey, keys.index).open(sealed, context);
      return true;
    } catch {
      return false;
    }
  };
  const tally = { current: 0, next: 0, neither: 0, file: under };
  for (const [sealed, context] of values) {
    if (opens(keys.pending?.field, sealed, context)) tally.next++;
    else if (opens(keys.field, sealed, context)) tally.current++;
    else tally.neither++;
  }
  return tally;
}

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const { core, dataDir: dir } = await openTestCore(undefined, { clock });
  dataDir = dir;
  vaultId = core.vaultId;
  const setup = await setupAdmin(core, clock);
  recoveryCode = setup.recoveryCode;
  fixture = await fillVault(core, setup.session, { count: 250, documents: DOCUMENTS, seed: 71_000 });
  await core.close();
  oldKeys = await storedKeys();
}, 180_000);

afterAll(() => {
  vi.restoreAllMocks();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a rotation killed part-way', () => {
  it('is killed after the first numbers are re-sealed, with every value still readable', { timeout: 60_000 }, async () => {
    const run = await mnvRekeyKilledAt(dataDir, `${recoveryCode}\n`, new RegExp(`マイナンバー 100/${NUMBERS}`));
    expect(run).toMatchObject({ killed: true, status: null });
    const tally = await whoOpens();
    expect(tally).toMatchObject({ neither: 0, file: 'current' });
    expect(tally.next).toBeGreaterThanOrEqual(100);
    expect(tally.current + tally.next).toBe(NUMBERS + DOCUMENTS);
  });

  it('is resumed without the recovery code and killed again among the ID images', { timeout: 60_000 }, async () => {
    const run = await mnvRekeyKilledAt(dataDir, '', new RegExp(`本人確認書類の画像 10/${DOCUMENTS}`));
    expect(run.killed).toBe(true);
    expect(run.stderr).toMatch(/前回の鍵の更新が終わっていません。続きから再開します/);
    const tally = await whoOpens();
    expect(tally).toMatchObject({ neither: 0, file: 'current' });
    expect(tally.next).toBeGreaterThanOrEqual(NUMBERS + 10);
  });

  it('is killed again while the blind indexes are computed again', { timeout: 60_000 }, async () => {
    const run = await mnvRekeyKilledAt(dataDir, '', new RegExp(`重複検出用の索引 200/${NUMBERS}`));
    expect(run.killed).toBe(true);
    expect(await whoOpens()).toEqual({ current: 0, next: NUMBERS + DOCUMENTS, neither: 0, file: 'current' });
  });

  it('is killed again while the database file is rekeyed, leaving a file one of the two keys opens', { timeout: 60_000 }, async () => {
    const run = await mnvRekeyKilledAt(dataDir, '', /データベースファイル 0\/1/);
    expect(run.killed).toBe(true);
    const tally = await whoOpens();
    expect(tally).toMatchObject({ current: 0, next: NUMBERS + DOCUMENTS, neither: 0 });
    expect((await storedKeys()).pending).toBeDefined();
  });

  it('survives losing the key store right then: the recovery code puts both key sets back', { timeout: 60_000 }, async () => {
    fs.rmSync(path.join(dataDir, KEY_FILE_NAME));
    const recover = mnv(['recover', '--data-dir', dataDir, '--key-store', 'file'], `${recoveryCode}\n`);
    expect(recover.stderr).toBe('');
    expect(recover.status).toBe(0);
    expect((await storedKeys()).pending).toMatchObject({ db: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await whoOpens()).toMatchObject({ current: 0, next: NUMBERS + DOCUMENTS, neither: 0 });
  });

  it('completes when run again: every number reads back, the chain verifies, the old keys open nothing', { timeout: 120_000 }, async () => {
    const run = mnv(['rekey', '--data-dir', dataDir], '');
    expect(run.stdout).toMatch(/鍵を更新しました/);
    expect(run.status).toBe(0);
    const keys = await storedKeys();
    expect(keys.pending).toBeUndefined();
    expect(keys.field).not.toBe(oldKeys.field);
    expect(() => openEncryptedDatabase(path.join(dataDir, 'vault.db'), { keyHex: oldKeys.db })).toThrow(expect.objectContaining({ code: 'WRONG_KEY' }));
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('rekey'))).toEqual([]);

    const { core } = await openTestCore(dataDir, { clock });
    try {
      const admin = core.openSession();
      const { generate } = await import('otplib');
      const login = await must(core, admin, 'auth.login', { loginId: 'admin', password: 'mizuiro-sakura-bench-42' });
      clock.advance(30_000);
      const db = openEncryptedDatabase(path.join(dataDir, 'vault.db'), { keyHex: keys.db });
      const sealedTotp = (db.prepare<[], any>("SELECT id, totp_secret_sealed FROM users WHERE login_id = 'admin'").get());
      db.close();
      const secret = createFieldCrypto(keys.field, keys.index).open(sealedTotp.totp_secret_sealed, `totp:${sealedTotp.id}`).toString('utf8');
      await must(core, admin, 'auth.verify', { challengeId: login.challengeId, code: await generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) }) });
      const back = await readBack(core, admin, fixture);
      expect(back.numbers).toEqual(expectedNumbers(fixture));
      expect(back.images).toHaveLength(DOCUMENTS * 2);
      expect(await must(core, admin, 'audit.verify', {})).toMatchObject({ ok: true });
      const { rows } = await must(core, admin, 'audit.query', { filter: { action: 'vault.rekey' }, limit: 20 });
      const stages = rows.map((r: any) => r.detail.stage);
      expect(stages.filter((s: string) => s === 'started')).toHaveLength(1);
      expect(stages.filter((s: string) => s === 'completed')).toHaveLength(1);
    } finally {
      await core.close();
    }
  });
});
