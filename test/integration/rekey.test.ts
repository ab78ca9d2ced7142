// Key rotation (鍵の更新): `mnv rekey` gives the vault a new database key, field key and
// blind-index key. Afterwards every number and image reads back as before, a number held twice
// is still found through the blind index, the admin still signs in with their authenticator,
// and the old keys open nothing: not the database file, not one sealed value, and — when a new
// recovery code was issued — not the recovery file with the old code. In the app, vault.rekey
// (admin, password re-entered) records a rotation that completes when the vault next opens.
import fs from 'node:fs';
import path from 'node:path';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, createFileKeyStore, type Core, type VaultKeys } from '../../src-main/core/index';
import { createFieldCrypto } from '../../src-main/core/platform/crypto/field';
import { openEncryptedDatabase } from '../../src-main/core/platform/db/open';
import { readKeysWithRecoveryCode } from '../../src-main/core/platform/keys/recovery';
import { RESEALED_COLUMNS } from '../../src-main/core/platform/rekey/sealed-values';
import { generateMyNumber } from '../support/numbers';
import { expectedNumbers, fillVault, mnv, readBack, SMTP_PASSWORD, type Fixture } from '../support/rekey';
import { ADMIN, must, openTestCore, setupAdmin, tempDir, TEST_PASSPHRASE, testClock } from '../support/vault';

const clock = testClock();
let dataDir: string;
let vaultId: string;
let recoveryCode: string;
let totpSecret: string;
let fixture: Fixture;
let before: { numbers: string[]; images: string[] };

const keyStore = () => createFileKeyStore({ dataDir, passphrase: TEST_PASSPHRASE });
const storedKeys = async (): Promise<VaultKeys> => (await keyStore().load(vaultId))!;
const dbFile = () => path.join(dataDir, 'vault.db');

async function signIn(core: Core): Promise<string> {
  const session = core.openSession();
  const login = await must(core, session, 'auth.login', { loginId: ADMIN.loginId, password: ADMIN.password });
  // A step of its own: a TOTP code is taken once.
  clock.advance(30_000);
  await must(core, session, 'auth.verify', { challengeId: login.challengeId, code: await generate({ secret: totpSecret, epoch: Math.floor(clock.now().getTime() / 1000) }) });
  return session;
}

async function reopen(): Promise<{ core: Core; admin: string }> {
  const { core } = await openTestCore(dataDir, { clock });
  return { core, admin: await signIn(core) };
}

/** Every sealed value of the file, each tried under a field key: how many open. */
function sealedValuesOpening(keys: VaultKeys, fieldKey: string): { opened: number; total: number } {
  const fields = createFieldCrypto(fieldKey, keys.index);
  const db = openEncryptedDatabase(dbFile(), { keyHex: keys.db });
  const values: [Buffer, string][] = [
    ...db.prepare<[], any>('SELECT subject_type, subject_id, sealed FROM my_numbers').all().map((r) => [r.sealed, `mynumber:${r.subject_type}:${r.subject_id}`] as [Buffer, string]),
    ...db.prepare<[], any>('SELECT id, registrant_id, sealed_image, sealed_thumbnail FROM documents JOIN document_images ON document_id = id').all().flatMap((r) => [
      [r.sealed_image, `document:image:${r.id}:${r.registrant_id}`] as [Buffer, string],
      [r.sealed_thumbnail, `document:thumbnail:${r.id}:${r.registrant_id}`] as [Buffer, string],
    ]),
    ...db.prepare<[], any>('SELECT id, totp_secret_sealed FROM users WHERE totp_secret_sealed IS NOT NULL').all().map((r) => [r.totp_secret_sealed, `totp:${r.id}`] as [Buffer, string]),
    ...db.prepare<[], any>('SELECT id, number_sealed FROM submissions WHERE number_sealed IS NOT NULL').all().map((r) => [r.number_sealed, `submission:${r.id}:self`] as [Buffer, string]),
    ...db
      .prepare<[], any>('SELECT submission_id, position, number_sealed FROM submission_dependents WHERE number_sealed IS NOT NULL')
      .all()
      .map((r) => [r.number_sealed, `submission:${r.submission_id}:dependent:${r.position}`] as [Buffer, string]),
    [Buffer.from(JSON.parse((db.prepare<[], any>("SELECT value FROM settings WHERE key = 'smtp'").get()).value).passwordSealed, 'base64'), 'smtp-password'],
  ];
  db.close();
  let opened = 0;
  for (const [sealed, context] of values) {
    try {
      fields.open(sealed, context);
      opened++;
    } catch {
      /* sealed under another key */
    }
  }
  return { opened, total: values.length };
}

beforeAll(async () => {
  const { core, dataDir: dir } = await openTestCore(undefined, { clock });
  dataDir = dir;
  vaultId = core.vaultId;
  const setup = await setupAdmin(core, clock);
  ({ recoveryCode, totpSecret } = setup);
  fixture = await fillVault(core, setup.session, { count: 3, documents: 2, seed: 61_000 });
  before = await readBack(core, setup.session, fixture);
  await core.close();
});

describe('what the rotation walks', () => {
  it('covers every sealed column of the schema: a new one must be added to platform/rekey/sealed-values.ts', async () => {
    const keys = await storedKeys();
    const db = openEncryptedDatabase(dbFile(), { keyHex: keys.db });
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
    const sealed = tables.flatMap(({ name }) =>
      db
        .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
        .all(name)
        .filter((c) => /sealed/.test(c.name))
        .map((c) => `${name}.${c.name}`),
    );
    db.close();
    expect(sealed.sort()).toEqual([...RESEALED_COLUMNS].sort());
  });
});

describe('mnv rekey while the app has the vault open', () => {
  it('is refused, saying so, and records nothing', async () => {
    const { core } = await openTestCore(dataDir, { clock });
    try {
      const run = mnv(['rekey', '--data-dir', dataDir], `${recoveryCode}\n`);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('保管庫は他のプログラム（アプリなど）が使用中です。アプリを終了してから、もう一度実行してください。データは変更していません。');
      expect((await storedKeys()).pending).toBeUndefined();
    } finally {
      await core.close();
    }
  });
});

describe('mnv rekey, keeping the recovery code', () => {
  let oldKeys: VaultKeys;
  let newKeys: VaultKeys;
  let run: ReturnType<typeof mnv>;

  beforeAll(async () => {
    oldKeys = await storedKeys();
    run = mnv(['rekey', '--data-dir', dataDir], `${recoveryCode}\n`);
    newKeys = await storedKeys();
  });

  it('rotates the database, field and index keys and keeps the audit key, reporting its progress', () => {
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/鍵を更新しました/);
    expect(run.stderr).toContain('鍵の更新: マイナンバー 4/4');
    expect(run.stderr).toContain('鍵の更新: 本人確認書類の画像 2/2');
    expect(run.stderr).toContain('鍵の更新: 重複検出用の索引 4/4');
    expect(run.stderr).toContain('鍵の更新: データベースファイル 1/1');
    expect(newKeys.pending).toBeUndefined();
    expect(newKeys.db).not.toBe(oldKeys.db);
    expect(newKeys.field).not.toBe(oldKeys.field);
    expect(newKeys.index).not.toBe(oldKeys.index);
    expect(newKeys.audit).toBe(oldKeys.audit);
  });

  it('prints no number, key or recovery code', () => {
    const printed = run.stdout + run.stderr;
    for (const secret of [...expectedNumbers(fixture), recoveryCode, oldKeys.db, oldKeys.field, newKeys.db, newKeys.field, newKeys.index]) expect(printed).not.toContain(secret);
  });

  it('leaves a database file the old key does not open', () => {
    expect(() => openEncryptedDatabase(dbFile(), { keyHex: oldKeys.db })).toThrow(expect.objectContaining({ code: 'WRONG_KEY' }));
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('rekey'))).toEqual([]);
  });

  it('re-seals every sealed value under the new field key: none opens under the old one', () => {
    expect(sealedValuesOpening(newKeys, newKeys.field)).toEqual({ opened: 12, total: 12 });
    expect(sealedValuesOpening(newKeys, oldKeys.field)).toEqual({ opened: 0, total: 12 });
  });

  it('rewrites the recovery file: the same code now gives the new keys', async () => {
    expect(await readKeysWithRecoveryCode(dataDir, vaultId, recoveryCode)).toEqual(newKeys);
  });

  it('reads every number and image back identically, finds a number held twice, and signs the admin in with the same authenticator', async () => {
    const { core, admin } = await reopen();
    try {
      expect(await readBack(core, admin, fixture)).toEqual(before);
      expect(before.numbers).toEqual(expectedNumbers(fixture));
      const other = (await must(core, admin, 'registrants.create', { familyName: '別人', givenName: '一郎', familyNameKana: 'ベツジン', givenNameKana: 'イチロウ', attributes: ['employee'] })).id;
      expect(await core.call(admin, 'mynumber.set', { subject: { registrantId: other }, myNumber: fixture.numbers.get(fixture.registrantIds[1]!) })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
      // A new number is stored (and indexed) under the new keys.
      await must(core, admin, 'mynumber.set', { subject: { registrantId: other }, myNumber: generateMyNumber(61_900) });
      await must(core, admin, 'auth.reauth', { password: ADMIN.password });
      expect(await must(core, admin, 'settings.getSmtp', {})).toMatchObject({ smtp: { username: 'relay', hasPassword: true } });
      expect(await must(core, admin, 'audit.verify', {})).toMatchObject({ ok: true });
      const { rows } = await must(core, admin, 'audit.query', { filter: { action: 'vault.rekey' }, limit: 10 });
      expect(rows.map((r: any) => r.detail.stage)).toEqual(['completed', 'fieldsResealed', 'started']);
      expect(rows[1].detail).toMatchObject({ resealed: 12, indexed: 4, linksRevoked: 1 });
      // The link's token cannot be hashed again under the new key: the link is revoked, to be issued again.
      const { rows: links } = await must(core, admin, 'invitations.list', { registrantId: fixture.invitedRegistrantId });
      expect(links.map((l: any) => l.state)).toEqual(['revoked']);
      expect(JSON.stringify(rows)).not.toContain(new URL(fixture.linkUrl).hash.slice(1));
      expect(JSON.stringify(rows)).not.toContain(newKeys.field);
    } finally {
      await core.close();
    }
    // The SMTP password itself, as the mailer would read it.
    const db = openEncryptedDatabase(dbFile(), { keyHex: newKeys.db });
    const sealed = JSON.parse((db.prepare<[], any>("SELECT value FROM settings WHERE key = 'smtp'").get()).value).passwordSealed;
    db.close();
    expect(createFieldCrypto(newKeys.field, newKeys.index).open(Buffer.from(sealed, 'base64'), 'smtp-password').toString('utf8')).toBe(SMTP_PASSWORD);
  });

  it('refuses a wrong recovery code with a clear message and changes nothing', async () => {
    const keys = await storedKeys();
    const wrong = mnv(['rekey', '--data-dir', dataDir], 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA\n');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/回復コードが違います/);
    expect(await storedKeys()).toEqual(keys);
  });
});

describe('mnv rekey --new-recovery-code', () => {
  let run: ReturnType<typeof mnv>;
  let newCode: string;

  beforeAll(() => {
    run = mnv(['rekey', '--data-dir', dataDir, '--new-recovery-code'], '');
    newCode = /\n([0-9A-Z]{5}(?:-[0-9A-Z]{5}){5})\n/.exec(run.stdout)?.[1] ?? '';
  });

  it('prints the new code once at the end', () => {
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/新しい回復コード/);
    expect(newCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){5}$/);
    expect(run.stderr).not.toContain(newCode);
  });

  it('makes the old code open nothing, and the new one the new keys', async () => {
    await expect(readKeysWithRecoveryCode(dataDir, vaultId, recoveryCode)).rejects.toMatchObject({ code: 'WRONG_RECOVERY_CODE' });
    expect(await readKeysWithRecoveryCode(dataDir, vaultId, newCode)).toEqual(await storedKeys());
    const recover = mnv(['recover', '--data-dir', dataDir, '--key-store', 'file'], `${recoveryCode}\n`);
    expect(recover.status).toBe(2);
    expect(recover.stderr).toMatch(/回復コードが違います/);
    recoveryCode = newCode;
  });
});

describe('vault.rekey in the app', () => {
  it('wants the password re-entered and the current recovery code, and records nothing otherwise', async () => {
    const { core, admin } = await reopen();
    try {
      clock.advance(6 * 60_000);
      expect(await core.call(admin, 'vault.rekey', { recovery: { mode: 'issueNew' } })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
      await must(core, admin, 'auth.reauth', { password: ADMIN.password });
      expect(await core.call(admin, 'vault.rekey', { recovery: { mode: 'keep', recoveryCode: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA' } })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', message: '回復コードが違います。今の回復コードを入力するか、新しい回復コードを発行してください。何も変更していません' },
      });
      expect((await storedKeys()).pending).toBeUndefined();
      expect(await must(core, admin, 'vault.rekeyStatus', {})).toEqual({ pending: false, startedAt: null });
    } finally {
      await core.close();
    }
  });

  it('records a rotation with a new recovery code shown once, and completes it when the vault next opens', async () => {
    const oldKeys = await storedKeys();
    const { core, admin } = await reopen();
    let issued: string;
    try {
      await must(core, admin, 'auth.reauth', { password: ADMIN.password });
      const r = await must(core, admin, 'vault.rekey', { recovery: { mode: 'issueNew' } });
      expect(r).toEqual({ state: 'scheduled', startedAt: clock.now().toISOString(), recoveryCode: expect.stringMatching(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){5}$/) });
      issued = r.recoveryCode;
      expect(await must(core, admin, 'vault.rekeyStatus', {})).toEqual({ pending: true, startedAt: r.startedAt });
      // Asked again, the same rotation stands, and its code is not shown a second time.
      clock.advance(1000);
      expect(await must(core, admin, 'vault.rekey', { recovery: { mode: 'issueNew' } })).toEqual({ state: 'scheduled', startedAt: r.startedAt, recoveryCode: null });
      // Until then both sets are kept, in the key store and the recovery file.
      expect((await storedKeys()).pending).toMatchObject({ newRecoveryCode: true });
      expect((await readKeysWithRecoveryCode(dataDir, vaultId, issued)).db).toBe(oldKeys.db);
      await expect(readKeysWithRecoveryCode(dataDir, vaultId, recoveryCode)).rejects.toMatchObject({ code: 'WRONG_RECOVERY_CODE' });
    } finally {
      await core.close();
    }

    const { core: next, admin: admin2 } = await reopen();
    try {
      const keys = await storedKeys();
      expect(keys.pending).toBeUndefined();
      expect(keys.db).not.toBe(oldKeys.db);
      expect(await must(next, admin2, 'vault.rekeyStatus', {})).toEqual({ pending: false, startedAt: null });
      expect(await readBack(next, admin2, fixture)).toEqual(before);
      expect(await must(next, admin2, 'audit.verify', {})).toMatchObject({ ok: true });
      expect(await readKeysWithRecoveryCode(dataDir, vaultId, issued)).toEqual(keys);
    } finally {
      await next.close();
    }
    expect(() => openEncryptedDatabase(dbFile(), { keyHex: oldKeys.db })).toThrow(expect.objectContaining({ code: 'WRONG_KEY' }));
  });
});

describe('a rotation while collection e-mails wait to be sent', () => {
  it('is refused with the count and records nothing: a queued mail carries a link the rotation would revoke', async () => {
    const dir = tempDir();
    const mailClock = testClock();
    const refusing = { send: () => Promise.reject(new Error('connection refused')) };
    const core = await createCore({ dataDir: dir, keyStore: createFileKeyStore({ dataDir: dir, passphrase: TEST_PASSPHRASE }), clock: mailClock, mailer: refusing, outboxRetry: { baseMs: 3_600_000, maxMs: 3_600_000 } });
    try {
      const { session } = await setupAdmin(core, mailClock);
      await must(core, session, 'auth.reauth', { password: ADMIN.password });
      await must(core, session, 'collection.configure', { companyName: '株式会社テスト', passcode: 'sakura-2026', requireBirthDate: false, linkValidDays: 14 });
      const { id } = await must(core, session, 'registrants.create', { familyName: '送信', givenName: '待ち', familyNameKana: 'ソウシン', givenNameKana: 'マチ', email: 'machi@example.co.jp', attributes: ['employee'] });
      await must(core, session, 'collection.sendMail', { kind: 'invitation', target: { by: 'ids', registrantIds: [id] } });
      await must(core, session, 'auth.reauth', { password: ADMIN.password });
      expect(await core.call(session, 'vault.rekey', { recovery: { mode: 'issueNew' } })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: '送信待ちのメールが 1 件あります。送信が終わってから鍵を更新してください。何も変更していません' },
      });
      expect((await createFileKeyStore({ dataDir: dir, passphrase: TEST_PASSPHRASE }).load(core.vaultId))!.pending).toBeUndefined();
    } finally {
      await core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

afterAll(() => {
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});
