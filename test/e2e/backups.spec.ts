// Backups end to end: a new vault's dashboard warns that no backup exists; the admin sets the
// folder (typed as a path) on the settings page, re-enters the password, takes a backup now
// and sees it listed; the warning is gone. Then, as on a new PC, the backup file alone is
// restored with `mnv restore` and the recovery code into a fresh data directory, and the
// harness started on it shows the same registrants, with the restore in the audit trail.
// No page may raise a CSP violation, console error or uncaught exception.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test, type Browser, type Page } from '@playwright/test';
import type { VaultApi } from '../../src-shared/vault-api';
import { HarnessClient } from '../harness/support/client';
import { REPO_ROOT, startHarness, type RunningHarness } from '../harness/support/spawn';
import { codeForStep, currentStep, freshCode } from '../harness/support/totp';
import { E2E_ADMIN, signInAdminAgain } from './support/admin';
import { E2E_PASSPHRASE, expect, expectNoProblems, field, snapshot, tallSnapshot, watchProblems, type PageProblems } from './support/harness';

type PageWindow = { vault: VaultApi };

async function openPage(browser: Browser, harness: RunningHarness): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ baseURL: harness.url, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  return { page, problems: await watchProblems(page) };
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'メインメニュー' });
const reauthDialog = (page: Page) => page.getByRole('dialog', { name: 'パスワードの再入力' });

test('an admin sets up backups, takes one, and the file alone restores the vault on a new machine', async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnv-e2e-backup-'));
  const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnv-e2e-backup-folder-'));
  const restoredDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mnv-e2e-new-pc-')), 'vault');
  let harness = await startHarness({ dataDir, passphrase: E2E_PASSPHRASE });
  try {
    // The first admin, set up through the harness so the recovery code is at hand.
    const api = new HarnessClient(harness.url);
    const created = await api.value('setup.createAdmin', E2E_ADMIN);
    const previous = currentStep() - 1;
    await api.value('setup.confirmTotp', { code: await codeForStep(created.totp.secret, previous) });
    let admin = await openPage(browser, harness);
    await admin.page.goto('/');
    await field(admin.page, 'ログインID').fill(E2E_ADMIN.loginId);
    await field(admin.page, 'パスワード').fill(E2E_ADMIN.password);
    await admin.page.getByRole('button', { name: 'ログイン', exact: true }).click();
    const first = await freshCode(created.totp.secret, previous);
    await field(admin.page, '確認コード').fill(first.code);
    await admin.page.getByRole('button', { name: '確認', exact: true }).click();
    await expect(admin.page.getByRole('heading', { name: 'ダッシュボード' })).toBeVisible();

    const added = await admin.page.evaluate(async () => {
      const { vault } = globalThis as unknown as PageWindow;
      let ok = 0;
      for (const [family, given] of [['山本', '彩'], ['井上', '翔'], ['木村', '結衣']]) {
        const r = await vault.registrants.create({ familyName: family!, givenName: given!, familyNameKana: 'テスト', givenNameKana: 'タロウ', attributes: ['employee'] });
        if (r.ok) ok += 1;
      }
      return ok;
    });
    expect(added).toBe(3);
    await admin.page.reload();

    // No backup yet: the dashboard warns, and its button opens the settings.
    const alert = admin.page.getByTestId('backup-alert');
    await expect(alert).toContainText('バックアップが1週間以上作成されていません');
    await expect(alert).toContainText('まだ一度もバックアップを作成していません。');
    await snapshot(admin.page, testInfo, 'dashboard-backup-alert');
    await alert.getByRole('button', { name: 'バックアップの設定を開く' }).click();
    const section = admin.page.getByTestId('backup-settings');
    await expect(section.getByTestId('backup-last-result')).toContainText('まだバックアップを作成していません。');
    await expect(section.getByRole('button', { name: '今すぐバックアップ' })).toBeDisabled();

    // A folder that is not there is refused with the reason.
    await field(section, 'バックアップ先のフォルダ').fill(path.join(backupDir, 'not-there'));
    await section.getByRole('button', { name: '保存' }).click();
    await field(reauthDialog(admin.page), 'パスワード').fill(E2E_ADMIN.password);
    await reauthDialog(admin.page).getByRole('button', { name: '確認して続ける' }).click();
    await expect(section.getByRole('alert')).toContainText('バックアップ先のフォルダが見つかりません');

    await field(section, 'バックアップ先のフォルダ').fill(backupDir);
    await field(section, '残すバックアップの数').fill('5');
    await section.getByRole('button', { name: '保存' }).click();
    await expect(section.getByTestId('notice')).toContainText('バックアップの設定を保存しました。');
    await section.getByRole('button', { name: '今すぐバックアップ' }).click();
    await expect(section.getByTestId('notice')).toContainText('バックアップを作成しました: mynumber-vault-');
    const [fileName] = fs.readdirSync(backupDir);
    expect(fileName).toMatch(/^mynumber-vault-\d{8}T\d{6}Z\.mnvbak$/);
    const list = section.getByTestId('backup-list');
    await expect(list.getByRole('row')).toHaveCount(2);
    await expect(list).toContainText(fileName!);
    await expect(list).toContainText('手動');
    await expect(list).toContainText('保存中');
    await expect(section.getByTestId('backup-last-result')).toContainText(`に作成しました（${fileName}）`);
    await expect(section.getByTestId('backup-last-result')).toContainText('次の自動バックアップ:');
    await tallSnapshot(admin.page, testInfo, 'settings-backups', 3100);
    await admin.page.getByText('English', { exact: true }).click();
    await expect(section.getByRole('button', { name: 'Back up now' })).toBeVisible();
    await expect(list).toContainText('Kept');
    await expect(section.getByTestId('notice')).toContainText('Backup taken: mynumber-vault-');
    await tallSnapshot(admin.page, testInfo, 'settings-backups-en', 3100);
    await admin.page.getByText('日本語', { exact: true }).click();

    await nav(admin.page).getByRole('button', { name: /^ダッシュボード/ }).click();
    await expect(admin.page.getByRole('heading', { name: 'ダッシュボード' })).toBeVisible();
    await expect(admin.page.getByTestId('summary-total-count')).toHaveText('3');
    await expect(admin.page.getByTestId('backup-alert')).toHaveCount(0);
    expectNoProblems(admin.problems);
    await admin.page.context().close();
    await harness.stop();

    // The new machine: only the backup file and the recovery code (on stdin).
    const restore = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src-main/cli/mnv.ts', 'restore', '--file', path.join(backupDir, fileName!), '--data-dir', restoredDir, '--key-store', 'file'],
      { cwd: REPO_ROOT, input: `${created.recoveryCode}\n`, encoding: 'utf8', env: { ...process.env, MNV_PASSPHRASE: E2E_PASSPHRASE } },
    );
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);

    harness = await startHarness({ dataDir: restoredDir, passphrase: E2E_PASSPHRASE });
    admin = await openPage(browser, harness);
    await admin.page.goto('/');
    await signInAdminAgain(admin.page, created.totp.secret, first.step);
    await expect(admin.page.getByTestId('summary-total-count')).toHaveText('3');
    const trail = await admin.page.evaluate(() => (globalThis as unknown as PageWindow).vault.audit.query({ filter: { action: 'backups.restore' } }));
    expect(trail).toMatchObject({ ok: true, value: { rows: [{ action: 'backups.restore', actorLabel: 'mnv restore', outcome: 'success' }] } });
    expect(await admin.page.evaluate(() => (globalThis as unknown as PageWindow).vault.audit.verify({}))).toMatchObject({ ok: true, value: { ok: true } });
    await nav(admin.page).getByRole('button', { name: /^監査ログ/ }).click();
    await expect(admin.page.getByText('バックアップからの復元').first()).toBeVisible();
    await snapshot(admin.page, testInfo, 'restored-audit-trail');
    expectNoProblems(admin.problems);
    await admin.page.context().close();
  } finally {
    await harness.stop();
    for (const dir of [dataDir, backupDir, path.dirname(restoredDir)]) fs.rmSync(dir, { recursive: true, force: true });
  }
});
