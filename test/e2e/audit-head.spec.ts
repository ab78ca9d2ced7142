// The audit chain's head kept outside the database, seen from the dashboard: vault.db is copied
// while the harness is stopped, more is done in a second run (the head kept in the key store
// moves on), and the older copy is put back (with its -wal and -shm, which the close folded in).
// In the third run the dashboard warns everyone, naming the problem: the administrator is told
// to run the chain check (and the audit page's check says where the chain breaks), a viewer to
// ask the administrator. Before the copy is put back, the dashboard shows no such alert.
// Each run is a harness of this test's own on one data directory.
// No page may raise a CSP violation, console error or uncaught exception.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, type Browser, type Page } from '@playwright/test';
import type { VaultApi } from '../../src-shared/vault-api';
import { startHarness, type RunningHarness } from '../harness/support/spawn';
import { freshCode } from '../harness/support/totp';
import { E2E_ADMIN, signInAdminAgain, signInFirstAdmin } from './support/admin';
import { E2E_PASSPHRASE, expect, expectNoProblems, field, snapshot, tallSnapshot, watchProblems, type PageProblems } from './support/harness';

const viewer = {
  loginId: 'ito.viewer',
  displayName: '監査役 伊藤',
  email: 'ito@example.co.jp',
  initialPassword: 'copper lantern orchard 6621',
  newPassword: 'quiet violet harbour at dawn',
};
const DB_FILES = ['vault.db', 'vault.db-wal', 'vault.db-shm'];

const OLDER_JA =
  'データベースが、保管庫の外（鍵の保管場所）に控えてある最新の記録より古くなっています。古いコピーに置き換えられたか、最新の記録が削除されたおそれがあります。';
const OLDER_EN =
  'The database is older than the chain head kept outside it (in the key store): it may have been replaced by an older copy, or its newest entries removed.';

/** The page's window, as seen from code compiled without DOM types. */
type PageWindow = { vault: VaultApi };

async function openPage(browser: Browser, harness: RunningHarness): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ baseURL: harness.url, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  return { page, problems: await watchProblems(page) };
}

function copyDatabase(fromDir: string, toDir: string) {
  for (const name of DB_FILES) {
    fs.rmSync(path.join(toDir, name), { force: true });
    if (fs.existsSync(path.join(fromDir, name))) fs.copyFileSync(path.join(fromDir, name), path.join(toDir, name));
  }
}

test('the dashboard warns everyone when vault.db is replaced by an older copy of itself', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnv-e2e-head-'));
  const olderCopy = fs.mkdtempSync(path.join(os.tmpdir(), 'mnv-e2e-head-copy-'));
  let harness = await startHarness({ dataDir, passphrase: E2E_PASSPHRASE });
  try {
    // Run 1: the admin, and a viewer who has not signed in yet.
    let admin = await openPage(browser, harness);
    const { secret, step: firstStep } = await signInFirstAdmin(admin.page, harness.url);
    const created = await admin.page.evaluate(
      async ({ password, user }) => {
        const { vault } = globalThis as unknown as PageWindow;
        await vault.auth.reauth({ password });
        return vault.users.create({ ...user, role: 'viewer', secondFactor: 'totp' });
      },
      { password: E2E_ADMIN.password, user: { loginId: viewer.loginId, displayName: viewer.displayName, email: viewer.email, initialPassword: viewer.initialPassword } },
    );
    expect(created).toMatchObject({ ok: true });
    expectNoProblems(admin.problems);
    await admin.page.context().close();
    await harness.stop();
    copyDatabase(dataDir, olderCopy);

    // Run 2: more entries; the head kept in the key store moves well past the copy (far enough
    // that the third run's own entries stay short of it). All is well.
    harness = await startHarness({ dataDir, passphrase: E2E_PASSPHRASE });
    admin = await openPage(browser, harness);
    await admin.page.goto('/');
    await signInAdminAgain(admin.page, secret, firstStep);
    const added = await admin.page.evaluate(async () => {
      const { vault } = globalThis as unknown as PageWindow;
      let ok = 0;
      for (let i = 1; i <= 30; i += 1) {
        const result = await vault.registrants.create({ familyName: '中村', givenName: `${i}号`, familyNameKana: 'ナカムラ', givenNameKana: 'ケン', attributes: ['employee'] });
        if (result.ok) ok += 1;
      }
      return ok;
    });
    expect(added).toBe(30);
    expect(await admin.page.evaluate(() => (globalThis as unknown as PageWindow).vault.audit.status({}))).toEqual({ ok: true, value: { headOk: true, problem: null } });
    const statusRead = admin.page.waitForResponse((response) => response.url().endsWith('/__ipc/audit.status'));
    await admin.page.reload();
    await expect((await statusRead).json()).resolves.toEqual({ ok: true, value: { headOk: true, problem: null } });
    await expect(admin.page.getByTestId('summary-total-count')).toHaveText('30');
    await expect(admin.page.getByTestId('audit-head-alert')).toHaveCount(0);
    expectNoProblems(admin.problems);
    await admin.page.context().close();
    await harness.stop();

    // The older copy put back in place.
    copyDatabase(olderCopy, dataDir);

    // Run 3: the administrator is warned on the dashboard and told to run the check.
    harness = await startHarness({ dataDir, passphrase: E2E_PASSPHRASE });
    admin = await openPage(browser, harness);
    await admin.page.goto('/');
    // The older copy remembers only the first run's code as used.
    await signInAdminAgain(admin.page, secret, firstStep);
    expect(await admin.page.evaluate(() => (globalThis as unknown as PageWindow).vault.audit.status({}))).toEqual({ ok: true, value: { headOk: false, problem: 'older_than_head' } });
    const alert = admin.page.getByTestId('audit-head-alert');
    await expect(alert).toHaveAttribute('data-problem', 'older_than_head');
    await expect(alert).toContainText('監査ログが、保管庫の外に控えた記録と一致しません');
    await expect(alert).toContainText(OLDER_JA);
    await expect(alert).toContainText('「監査ログ」の画面で改ざんチェックを実行し、どこで記録が途切れているかを確かめてください。');
    await snapshot(admin.page, testInfo, 'dashboard-audit-head-alert');
    await admin.page.getByText('English', { exact: true }).click();
    await expect(alert).toContainText('The audit log does not match the record kept outside the database');
    await expect(alert).toContainText(OLDER_EN);
    await snapshot(admin.page, testInfo, 'dashboard-audit-head-alert-en');

    // The alert's button opens the audit page; its check says where the chain breaks.
    await alert.getByRole('button', { name: 'Open the audit log' }).click();
    await expect(admin.page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
    await admin.page.getByRole('button', { name: 'Check for tampering' }).click();
    const failed = admin.page.getByTestId('verify-failed');
    await expect(failed).toHaveAttribute('data-problem', 'older_than_head');
    await expect(failed).toContainText(OLDER_EN);
    await tallSnapshot(admin.page, testInfo, 'audit-verify-older-than-head-en', 1200);
    await admin.page.getByText('日本語', { exact: true }).click();
    await expect(failed).toContainText(OLDER_JA);
    await expect(failed).toContainText('保管庫の外に控えた記録と合いません');
    await tallSnapshot(admin.page, testInfo, 'audit-verify-older-than-head', 1200);
    expectNoProblems(admin.problems);

    // A viewer (first sign-in: authenticator, new password) sees the alert too, and is told
    // to ask the administrator.
    const v = await openPage(browser, harness);
    await v.page.goto('/');
    await field(v.page, 'ログインID').fill(viewer.loginId);
    await field(v.page, 'パスワード').fill(viewer.initialPassword);
    await v.page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await expect(v.page.getByRole('heading', { name: '認証アプリの登録' })).toBeVisible();
    const viewerSecret = (await v.page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
    await field(v.page, '認証アプリに表示された6桁のコード').fill((await freshCode(viewerSecret)).code);
    await v.page.getByRole('button', { name: '登録してログイン' }).click();
    await field(v.page, '現在のパスワード').fill(viewer.initialPassword);
    await field(v.page, '新しいパスワード').fill(viewer.newPassword);
    await field(v.page, '新しいパスワード（確認）').fill(viewer.newPassword);
    await v.page.getByRole('button', { name: 'パスワードを変更' }).click();
    await expect(v.page.getByRole('heading', { name: 'ダッシュボード' })).toBeVisible();
    const viewerAlert = v.page.getByTestId('audit-head-alert');
    await expect(viewerAlert).toContainText(OLDER_JA);
    await expect(viewerAlert).toContainText('管理者（最高権限）に、「監査ログ」の画面で改ざんチェックを実行するよう依頼してください。');
    await expect(viewerAlert.getByRole('button')).toHaveCount(0);
    await snapshot(v.page, testInfo, 'dashboard-audit-head-alert-viewer');
    expectNoProblems(v.problems);
  } finally {
    await harness.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(olderCopy, { recursive: true, force: true });
  }
});
