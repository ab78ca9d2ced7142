// Backups: one file holding an encrypted copy of the database, the keys wrapped by the
// recovery code and the audit chain head. Restored into a fresh data directory with a fresh
// key store, using only that file and the recovery code, the vault holds the same data;
// a corrupt file, a wrong code or a non-empty target are refused with nothing written.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, createFileKeyStore, restoreBackup, verifyBackup, type Core } from '../../src-main/core/index';
import { openEncryptedDatabase } from '../../src-main/core/platform/db/open';
import { readBackupFile } from '../../src-main/core/platform/backup/container';
import { readKeysWithRecoveryCode } from '../../src-main/core/platform/keys/recovery';
import { ADMIN, allowDirectNumberEntry, must, openTestCore, setupAdmin, TEST_PASSPHRASE, tempDir, testClock } from '../support/vault';
import { picture } from '../support/images';
import { generateMyNumber } from '../support/numbers';

const clock = testClock(Date.parse('2026-12-01T09:00:00Z'));
let core: Core;
let dataDir: string;
let admin: string;
let recoveryCode: string;
let totpSecret: string;
let folder: string;
const registrantIds: string[] = [];
const numbers = [generateMyNumber(311), generateMyNumber(312)];

async function snapshot(c: Core, session: string) {
  const people = [];
  await reauth(c, session);
  for (const id of registrantIds) {
    const { registrant } = await must(c, session, 'registrants.get', { id });
    const { myNumber } = await must(c, session, 'mynumber.reveal', { subject: { registrantId: id }, purposeId: 'withholding_slip' });
    const { documents } = await must(c, session, 'documents.list', { registrantId: id });
    const images = [];
    for (const d of documents) images.push((await must(c, session, 'documents.view', { documentId: d.id, part: 'image' })).base64);
    people.push({ registrant, myNumber, documents: documents.map((d: any) => d.id), images });
  }
  return people;
}

async function reauth(c: Core, session: string) {
  await must(c, session, 'auth.reauth', { password: ADMIN.password });
}

beforeAll(async () => {
  ({ core, dataDir } = await openTestCore(undefined, { clock }));
  const setup = await setupAdmin(core, clock);
  admin = setup.session;
  recoveryCode = setup.recoveryCode;
  totpSecret = setup.totpSecret;
  await allowDirectNumberEntry(core, admin, ADMIN.password);
  const jpeg = await (await picture(400, 300)).jpeg().toBuffer();
  for (const [i, name] of ['山田', '佐藤'].entries()) {
    const { id } = await must(core, admin, 'registrants.create', { familyName: name, givenName: '花子', familyNameKana: 'ヤマダ', givenNameKana: 'ハナコ', employeeCode: `E${i}`, attributes: ['employee'] });
    registrantIds.push(id);
    await must(core, admin, 'mynumber.set', { subject: { registrantId: id }, myNumber: numbers[i] });
    await must(core, admin, 'documents.attach', { registrantId: id, kind: 'photo_id', imageBase64: jpeg.toString('base64') });
  }
  folder = tempDir('mnv-backups-');
  await reauth(core, admin);
  await must(core, admin, 'backups.configure', { folder, enabled: true, keep: 3 });
});
afterAll(async () => {
  await core.close();
});

describe('taking a backup', () => {
  it('is stale (the dashboard warns) until the first backup is taken', async () => {
    expect(await must(core, admin, 'backups.status', {})).toMatchObject({ settings: { folder, enabled: true, keep: 3 }, recent: [], lastSuccessAt: null, stale: true });
  });

  it('writes one owner-only file whose database copy opens with the vault key and not without it', async () => {
    await reauth(core, admin);
    const taken = await must(core, admin, 'backups.run', {});
    expect(taken.fileName).toBe('mynumber-vault-20261201T090000Z.mnvbak');
    const file = path.join(folder, taken.fileName);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(folder)).toEqual([taken.fileName]);
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith('.backup-copy'))).toEqual([]);

    const opened = await readBackupFile(file);
    expect(opened.header.sections.map((s) => s.name)).toEqual(['manifest', 'recovery', 'database']);
    expect(opened.header.auditHead?.seq).toBe(taken.headSeq);
    const bytes = fs.readFileSync(file);
    const { start, bytes: length } = opened.offsets.database;
    const copy = path.join(tempDir(), 'copy.db');
    fs.writeFileSync(copy, bytes.subarray(start, start + length));
    expect(bytes.includes(Buffer.from('山田'))).toBe(false);
    const unkeyed = new Database(copy);
    expect(() => unkeyed.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    unkeyed.close();
    const keyed = openEncryptedDatabase(copy, { keyHex: (await readKeys()).db });
    expect(keyed.prepare('SELECT count(*) AS n FROM registrants').get()).toEqual({ n: 2 });
    keyed.close();
    const [entry] = (await must(core, admin, 'audit.query', { filter: { action: 'backups.run' } })).rows;
    expect(entry).toMatchObject({ outcome: 'success', detail: { trigger: 'manual', fileName: taken.fileName, headSeq: taken.headSeq, deleted: 0 } });
  });

  it('keeps the last N and lists what rotation deleted as gone', async () => {
    for (let i = 0; i < 4; i++) {
      clock.advance(60_000);
      await reauth(core, admin);
      await must(core, admin, 'backups.run', {});
    }
    expect(fs.readdirSync(folder).sort()).toEqual([
      'mynumber-vault-20261201T090200Z.mnvbak',
      'mynumber-vault-20261201T090300Z.mnvbak',
      'mynumber-vault-20261201T090400Z.mnvbak',
    ]);
    const status = await must(core, admin, 'backups.status', {});
    expect(status.recent.map((r: any) => [r.fileName, r.gone])).toEqual([
      ['mynumber-vault-20261201T090400Z.mnvbak', false],
      ['mynumber-vault-20261201T090300Z.mnvbak', false],
      ['mynumber-vault-20261201T090200Z.mnvbak', false],
      ['mynumber-vault-20261201T090100Z.mnvbak', true],
      ['mynumber-vault-20261201T090000Z.mnvbak', true],
    ]);
    expect(status.lastSuccessAt).toBe('2026-12-01T09:04:00.000Z');
    expect(status.stale).toBe(false);
    expect(status.nextDueAt).toBe('2026-12-02T09:04:00.000Z');
  });

  it('answers which copies taken before a moment still exist, and by when rotation deletes the last of them', () => {
    expect(core.backups.backupsTakenBefore('2026-12-01T09:03:30Z').map((b) => b.fileName)).toEqual([
      'mynumber-vault-20261201T090300Z.mnvbak',
      'mynumber-vault-20261201T090200Z.mnvbak',
    ]);
    // The 09:03 copy has one newer; with N = 3 it goes at the second daily backup from now.
    expect(core.backups.lastCopyGoneBy('2026-12-01T09:03:30Z')).toEqual({ kind: 'by', at: '2026-12-03T09:04:00.000Z' });
    expect(core.backups.lastCopyGoneBy('2026-12-01T08:00:00Z')).toEqual({ kind: 'none' });
  });

  it('refuses a folder that is not there, relative, or inside the data directory, changing nothing', async () => {
    for (const [bad, key] of [
      ['relative/folder', 'errors.backups.folderNotAbsolute'],
      [path.join(folder, 'missing'), 'errors.backups.folderMissing'],
      [dataDir, 'errors.backups.folderInsideVault'],
    ]) {
      await reauth(core, admin);
      expect(await core.call(admin, 'backups.configure', { folder: bad, enabled: false, keep: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: key } });
    }
    expect((await must(core, admin, 'backups.status', {})).settings).toEqual({ folder, enabled: true, keep: 3 });
  });

  it('records a backup refused because the folder went away, audited with the reason, and writes nothing', async () => {
    const gone = tempDir('mnv-gone-');
    await reauth(core, admin);
    await must(core, admin, 'backups.configure', { folder: gone, enabled: true, keep: 3 });
    fs.rmSync(gone, { recursive: true });
    await reauth(core, admin);
    expect(await core.call(admin, 'backups.run', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.backups.folderMissing' } });
    const status = await must(core, admin, 'backups.status', {});
    expect(status.recent[0]).toMatchObject({ outcome: 'failure', fileName: null, errorKey: 'errors.backups.folderMissing', gone: false });
    expect(status.lastSuccessAt).toBe('2026-12-01T09:04:00.000Z');
    const [entry] = (await must(core, admin, 'audit.query', { filter: { action: 'backups.run' } })).rows;
    expect(entry).toMatchObject({ outcome: 'failure', detail: { trigger: 'manual', reason: 'folder_unavailable' } });
    expect(fs.existsSync(gone)).toBe(false);
    await reauth(core, admin);
    await must(core, admin, 'backups.configure', { folder, enabled: true, keep: 3 });
  });

  it('takes the daily backup by itself once a day has passed on the clock', async () => {
    expect(await core.backups.runScheduledIfDue()).toBeNull();
    clock.advance(24 * 3_600_000);
    const taken = await core.backups.runScheduledIfDue();
    expect(taken?.fileName).toBe('mynumber-vault-20261202T090400Z.mnvbak');
    expect(await core.backups.runScheduledIfDue()).toBeNull();
    // A day without activity locked the admin's session: sign in again to read the trail.
    admin = await signIn(core);
    const [entry] = (await must(core, admin, 'audit.query', { filter: { action: 'backups.run' } })).rows;
    expect(entry).toMatchObject({ actorId: null, detail: { trigger: 'scheduled', deleted: 1 } });
  });
});

describe('the backup timer of the core', () => {
  it('takes the daily backup by itself when the clock of the core says one is due', async () => {
    const timerClock = testClock(Date.parse('2026-12-10T03:00:00Z'));
    const dir = tempDir();
    const first = await openTestCore(dir, { clock: timerClock });
    const setup = await setupAdmin(first.core, timerClock);
    const timerFolder = tempDir('mnv-timer-backups-');
    await reauth(first.core, setup.session);
    await must(first.core, setup.session, 'backups.configure', { folder: timerFolder, enabled: true, keep: 2 });
    await first.core.close();
    // Reopened with a timer that looks every 50 ms: no backup yet, so the first is due now.
    const timed = await createCore({ dataDir: dir, keyStore: createFileKeyStore({ dataDir: dir, passphrase: TEST_PASSPHRASE }), clock: timerClock, backupCheckMs: 50 });
    try {
      await expect.poll(() => fs.readdirSync(timerFolder), { timeout: 10_000 }).toEqual(['mynumber-vault-20261210T030000Z.mnvbak']);
      timerClock.advance(23 * 3_600_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(fs.readdirSync(timerFolder)).toEqual(['mynumber-vault-20261210T030000Z.mnvbak']);
      timerClock.advance(3_600_000);
      await expect.poll(() => fs.readdirSync(timerFolder).sort(), { timeout: 10_000 }).toEqual([
        'mynumber-vault-20261210T030000Z.mnvbak',
        'mynumber-vault-20261211T030000Z.mnvbak',
      ]);
    } finally {
      await timed.close();
    }
  });
});

describe('restoring a backup', () => {
  let file: string;
  beforeAll(async () => {
    clock.advance(60_000);
    await reauth(core, admin);
    file = path.join(folder, (await must(core, admin, 'backups.run', {})).fileName);
  });

  it('verifies the checksum without secrets, and the database and chain with the recovery code', async () => {
    const plain = await verifyBackup(file);
    expect(plain.vaultId).toBe(core.vaultId);
    expect(plain.chain).toBeUndefined();
    const deep = await verifyBackup(file, recoveryCode);
    expect(deep.chain).toMatchObject({ ok: true });
    expect(deep.chain!.checked).toBe(deep.headSeq);
  });

  it('into a fresh data directory with a fresh key store yields the same registrants, numbers and images, and a chain that verifies', async () => {
    const target = path.join(tempDir(), 'restored');
    const keyStore = createFileKeyStore({ dataDir: target, passphrase: 'a new passphrase for the new pc' });
    const result = await restoreBackup({ file, dataDir: target, recoveryCode: recoveryCode.toLowerCase(), keyStore, clock });
    expect(result.vaultId).toBe(core.vaultId);
    expect(fs.readdirSync(target).sort()).toEqual(['audit-head.json', 'keys.recovery.json', 'keys.wrapped.json', 'vault.db', 'vault.json']);

    const before = await snapshot(core, admin);
    const restored = await createCore({ dataDir: target, keyStore, clock });
    try {
      const s2 = await signIn(restored);
      expect(await snapshot(restored, s2)).toEqual(before);
      const verify = await must(restored, s2, 'audit.verify', {});
      expect(verify).toMatchObject({ ok: true });
      const [entry] = (await must(restored, s2, 'audit.query', { filter: { action: 'backups.restore' } })).rows;
      expect(entry).toMatchObject({ actorLabel: 'mnv restore', outcome: 'success' });
    } finally {
      await restored.close();
    }
  });

  it('refuses a wrong recovery code, a corrupt file and a non-empty target, writing nothing', async () => {
    const parent = tempDir();
    const target = path.join(parent, 'restored');
    const keyStore = () => createFileKeyStore({ dataDir: target, passphrase: 'a new passphrase for the new pc' });
    await expect(restoreBackup({ file, dataDir: target, recoveryCode: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA', keyStore: keyStore(), clock })).rejects.toMatchObject({
      code: 'WRONG_RECOVERY_CODE',
    });
    expect(fs.readdirSync(parent)).toEqual([]);

    const corrupt = path.join(parent, 'corrupt.mnvbak');
    const bytes = fs.readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1000) ^ 0x01, bytes.length - 1000);
    fs.writeFileSync(corrupt, bytes);
    await expect(restoreBackup({ file: corrupt, dataDir: target, recoveryCode, keyStore: keyStore(), clock })).rejects.toMatchObject({ problem: 'checksum' });
    await expect(verifyBackup(corrupt)).rejects.toMatchObject({ problem: 'checksum' });
    fs.writeFileSync(corrupt, fs.readFileSync(file).subarray(0, 5000));
    await expect(restoreBackup({ file: corrupt, dataDir: target, recoveryCode, keyStore: keyStore(), clock })).rejects.toMatchObject({ problem: 'truncated' });
    fs.rmSync(corrupt);
    expect(fs.readdirSync(parent)).toEqual([]);

    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'something.txt'), 'x');
    await expect(restoreBackup({ file, dataDir: target, recoveryCode, keyStore: keyStore(), clock })).rejects.toThrow(/空ではありません/);
    expect(fs.readdirSync(target)).toEqual(['something.txt']);
  });
});

async function signIn(c: Core): Promise<string> {
  const session = c.openSession();
  const login = await must(c, session, 'auth.login', { loginId: ADMIN.loginId, password: ADMIN.password });
  await must(c, session, 'auth.verify', { challengeId: login.challengeId, code: await generate({ secret: totpSecret, epoch: Math.floor(clock.now().getTime() / 1000) }) });
  return session;
}

/** The vault's keys, read the way the recovery code reads them. */
function readKeys() {
  return readKeysWithRecoveryCode(dataDir, core.vaultId, recoveryCode);
}
