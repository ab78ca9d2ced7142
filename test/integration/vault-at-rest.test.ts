// The database on disk is real SQLCipher 4, holds nothing readable, and a wrong key or
// passphrase changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import sqlcipher from '@journeyapps/sqlcipher';
import { createCore, createFileKeyStore, VaultOpenError } from '../../src-main/core/index';
import { openEncryptedDatabase } from '../../src-main/core/platform/db/open';
import { formatMyNumber } from '../../src-shared/text';
import { generateMyNumber } from '../support/numbers';
import { ADMIN, TEST_PASSPHRASE, openTestCore, setupAdmin, tempDir } from '../support/vault';

function readWithOracle(file: string, keyPragma: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const db = new sqlcipher.Database(file, sqlcipher.OPEN_READONLY, (openErr) => {
      if (openErr) return reject(openErr);
      db.serialize(() => {
        if (keyPragma) db.run(`PRAGMA key = ${keyPragma}`);
        db.get('SELECT count(*) AS n FROM users', (err: Error | null, row: { n: number }) => {
          db.close();
          return err ? reject(err) : resolve(row.n);
        });
      });
    });
  });
}

function keysOf(dataDir: string, vaultId: string) {
  return createFileKeyStore({ dataDir, passphrase: TEST_PASSPHRASE }).load(vaultId);
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isFile()) out[name] = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return out;
}

describe('the vault file at rest', () => {
  it('is SQLCipher 4: the reference library opens it with the raw key and not without', async () => {
    const { core, dataDir } = await openTestCore();
    await setupAdmin(core);
    const vaultId = core.vaultId;
    await core.close();
    const file = path.join(dataDir, 'vault.db');

    const header = fs.readFileSync(file).subarray(0, 16).toString('latin1');
    expect(header).not.toBe('SQLite format 3\0');

    const keys = (await keysOf(dataDir, vaultId))!;
    await expect(readWithOracle(file, `"x'${keys.db}'"`)).resolves.toBe(1);
    await expect(readWithOracle(file, null)).rejects.toThrow(/not a database|encrypted/i);
    const wrongKey = keys.db.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    await expect(readWithOracle(file, `"x'${wrongKey}'"`)).rejects.toThrow(/not a database|encrypted/i);
  });

  it('holds no stored name, e-mail or password in any file of the data directory, WAL included', async () => {
    const { core, dataDir } = await openTestCore();
    const admin = await setupAdmin(core);
    await core.call(admin.session, 'auth.reauth', { password: ADMIN.password });
    // Scan while the core is open (WAL present) and again after it closed.
    const needles = [ADMIN.displayName, ADMIN.email, ADMIN.password, ADMIN.email.split('@')[0]!, admin.totpSecret, admin.recoveryCode];
    const scan = () => {
      for (const name of fs.readdirSync(dataDir, { recursive: true }) as string[]) {
        const file = path.join(dataDir, name);
        if (!fs.statSync(file).isFile()) continue;
        const bytes = fs.readFileSync(file);
        for (const needle of needles) {
          for (const encoding of ['utf8', 'utf16le'] as const) {
            expect(bytes.includes(Buffer.from(needle, encoding)), `${needle} found in ${name}`).toBe(false);
          }
        }
      }
    };
    expect(fs.readdirSync(dataDir)).toContain('vault.db-wal');
    scan();
    await core.close();
    scan();
  });

  it('holds no registrant name, reading, address, phone, notes, e-mail, search text or number in any file of the data directory', async () => {
    const { core, dataDir } = await openTestCore();
    const admin = await setupAdmin(core);
    const must = async (channel: string, input: unknown) => {
      const r = await core.call(admin.session, channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.value as { id: string };
    };
    const person = {
      familyName: '鬼瓦',
      givenName: '権左衛門',
      familyNameKana: 'おにがわら',
      givenNameKana: 'ごんざえもん',
      email: 'gonzaemon.onigawara@example.co.jp',
      phone: '090-8765-4321',
      postalCode: '999-8877',
      address: '北海道稚内市宗谷岬一丁目',
      notes: '社内連絡は内線4711番',
      employeeCode: 'ZQ-77331',
      attributes: ['employee'],
    };
    const { id } = await must('registrants.create', person);
    const myNumber = generateMyNumber(424242);
    await must('mynumber.set', { subject: { registrantId: id }, myNumber });
    // The search index holds these as they are typed into it (katakana, lower case) and as pieces.
    await must('registrants.list', { filter: { text: 'おにがわら' } });
    await must('registrants.list', { filter: { text: '鬼' } });
    const needles = [
      '鬼瓦',
      '権左衛門',
      '鬼瓦権左衛門',
      'オニガワラ',
      'ゴンザエモン',
      'おにがわら',
      'gonzaemon',
      'onigawara',
      '8765-4321',
      '999-8877',
      '稚内市',
      '内線4711',
      'zq-77331',
      'ZQ-77331',
      myNumber,
      formatMyNumber(myNumber),
      // a piece of the name as the piece index writes it: 'g' and its UTF-8 in hex
      `g${Buffer.from('鬼瓦').toString('hex')}`,
    ];
    const scan = () => {
      for (const name of fs.readdirSync(dataDir, { recursive: true }) as string[]) {
        const file = path.join(dataDir, name);
        if (!fs.statSync(file).isFile()) continue;
        const bytes = fs.readFileSync(file);
        for (const needle of needles) {
          for (const encoding of ['utf8', 'utf16le'] as const) {
            expect(bytes.includes(Buffer.from(needle, encoding)), `${needle} found in ${name}`).toBe(false);
          }
        }
      }
    };
    expect(fs.readdirSync(dataDir)).toContain('vault.db-wal');
    scan();
    await core.close();
    scan();
  });

  it('refuses a wrong raw key and leaves every file byte-identical', async () => {
    const { core, dataDir } = await openTestCore();
    await setupAdmin(core);
    await core.close();
    const before = snapshot(dataDir);
    expect(() => openEncryptedDatabase(path.join(dataDir, 'vault.db'), { keyHex: 'ab'.repeat(32) })).toThrow(VaultOpenError);
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('refuses a key that is not 64 lowercase hex characters', () => {
    const file = path.join(tempDir(), 'x.db');
    expect(() => openEncryptedDatabase(file, { keyHex: "00'; ATTACH" })).toThrow(/64 lowercase hex/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses a wrong passphrase with a clear message and leaves every file byte-identical', async () => {
    const { core, dataDir } = await openTestCore();
    await setupAdmin(core);
    await core.close();
    const before = snapshot(dataDir);
    const attempt = createCore({ dataDir, keyStore: createFileKeyStore({ dataDir, passphrase: 'not the passphrase' }) });
    await expect(attempt).rejects.toMatchObject({ name: 'VaultOpenError', code: 'WRONG_PASSPHRASE', message: expect.stringMatching(/パスフレーズが違います/) });
    expect(snapshot(dataDir)).toEqual(before);
  });

  it('reopens with the right passphrase and keeps its data', async () => {
    const { core, dataDir } = await openTestCore();
    await setupAdmin(core);
    await core.close();
    const again = await createCore({ dataDir, keyStore: createFileKeyStore({ dataDir, passphrase: TEST_PASSPHRASE }) });
    const status = await again.call(again.openSession(), 'setup.status', {});
    expect(status).toEqual({ ok: true, value: { initialized: true } });
    await again.close();
  });
});
