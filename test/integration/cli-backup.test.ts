// `mnv backup`, `mnv verify` and `mnv restore` end to end, run by Node from the bundled CLI
// (scripts/build-electron.mjs → mnv.mjs, as it ships), secrets only on stdin or in the
// environment: a backup of a closed vault, verified, restored on "another machine" (a new
// folder and a new passphrase key file) opens with the same registrant and number.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, createFileKeyStore } from '../../src-main/core/index';
import { ADMIN, allowDirectNumberEntry, must, openTestCore, setupAdmin, TEST_PASSPHRASE, tempDir } from '../support/vault';
import { generateMyNumber } from '../support/numbers';
import { generate } from 'otplib';

const root = path.resolve(import.meta.dirname, '../..');
let outdir: string;
let dataDir: string;
let recoveryCode: string;
let totpSecret: string;
let registrantId: string;
const number = generateMyNumber(4242);

function mnv(args: string[], input: string, env: Record<string, string> = {}) {
  const { MNV_PASSPHRASE: _p, MNV_RECOVERY_CODE: _c, ...clean } = process.env;
  return spawnSync(process.execPath, [path.join(outdir, 'mnv.mjs'), ...args], { input, encoding: 'utf8', cwd: root, env: { ...clean, ...env } });
}

beforeAll(async () => {
  fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
  outdir = fs.mkdtempSync(path.join(root, '.tmp', 'cli-build-'));
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs'), `--outdir=${outdir}`], { cwd: root, stdio: 'pipe' });
  const opened = await openTestCore();
  dataDir = opened.dataDir;
  const setup = await setupAdmin(opened.core);
  recoveryCode = setup.recoveryCode;
  totpSecret = setup.totpSecret;
  await allowDirectNumberEntry(opened.core, setup.session, ADMIN.password);
  registrantId = (await must(opened.core, setup.session, 'registrants.create', { familyName: '高橋', givenName: '一郎', familyNameKana: 'タカハシ', givenNameKana: 'イチロウ', attributes: ['employee'] })).id;
  await must(opened.core, setup.session, 'mynumber.set', { subject: { registrantId }, myNumber: number });
  await opened.core.close();
}, 120_000);

afterAll(() => {
  if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
});

describe('mnv backup, verify and restore', () => {
  let file: string;

  it('backs up a vault into a folder, with the key file opened by MNV_PASSPHRASE', () => {
    const folder = tempDir('mnv-cli-backups-');
    const run = mnv(['backup', '--data-dir', dataDir, '--out', folder], '', { MNV_PASSPHRASE: TEST_PASSPHRASE });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [name] = fs.readdirSync(folder);
    expect(name).toMatch(/^mynumber-vault-\d{8}T\d{6}Z\.mnvbak$/);
    expect(run.stdout).toContain(`バックアップを作成しました: ${folder}/${name}`);
    file = path.join(folder, name!);
  });

  it('verifies the checksum without secrets, and the database and chain with the code on stdin', () => {
    const plain = mnv(['verify', file], '');
    expect(plain.status).toBe(0);
    expect(plain.stdout).toMatch(/チェックサム: 正常/);
    expect(plain.stdout).not.toMatch(/監査ログ/);
    const deep = mnv(['verify', file, '--with-recovery-code'], `${recoveryCode}\n`);
    expect(deep.stderr).toBe('');
    expect(deep.status).toBe(0);
    expect(deep.stdout).toMatch(/データベース: 開けました/);
    expect(deep.stdout).toMatch(/監査ログ: \d+件 正常/);
  });

  it('refuses a corrupt file and a wrong code, and leaves no restored folder behind', () => {
    const corrupt = path.join(tempDir(), 'broken.mnvbak');
    const bytes = fs.readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(200) ^ 0xff, 200);
    fs.writeFileSync(corrupt, bytes);
    const bad = mnv(['verify', corrupt], '');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/チェックサムが一致しません/);

    const parent = tempDir();
    const target = path.join(parent, 'vault');
    const wrong = mnv(['restore', '--file', file, '--data-dir', target, '--key-store', 'file'], 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA\n', { MNV_PASSPHRASE: 'a passphrase for the new machine' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/回復コードが違います/);
    const broken = mnv(['restore', '--file', corrupt, '--data-dir', target, '--key-store', 'file'], `${recoveryCode}\n`, { MNV_PASSPHRASE: 'a passphrase for the new machine' });
    expect(broken.status).toBe(2);
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  it('restores into a new folder with a new passphrase key file (the code from MNV_RECOVERY_CODE), and the vault opens with the same number', async () => {
    const target = path.join(tempDir(), 'vault');
    const run = mnv(['restore', '--file', file, '--data-dir', target, '--key-store', 'file'], '', {
      MNV_PASSPHRASE: 'a passphrase for the new machine',
      MNV_RECOVERY_CODE: recoveryCode,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/復元しました/);
    const core = await createCore({ dataDir: target, keyStore: createFileKeyStore({ dataDir: target, passphrase: 'a passphrase for the new machine' }) });
    try {
      const session = core.openSession();
      const login = await must(core, session, 'auth.login', { loginId: ADMIN.loginId, password: ADMIN.password });
      // The next step's code: the backup carries the step the admin last used, which a restored vault refuses again.
      await must(core, session, 'auth.verify', { challengeId: login.challengeId, code: await generate({ secret: totpSecret, epoch: Math.floor(Date.now() / 1000) + 30 }) });
      await must(core, session, 'auth.reauth', { password: ADMIN.password });
      expect((await must(core, session, 'mynumber.reveal', { subject: { registrantId }, purposeId: 'withholding_slip' })).myNumber).toBe(number);
      expect(await must(core, session, 'audit.verify', {})).toMatchObject({ ok: true });
    } finally {
      await core.close();
    }
  });
});
