// 監査ログ end to end: the admin adds a registrant, mistypes the password at a re-entry and
// adds a manager; the manager signs in and opens the audit log without the tamper check; the
// admin reads the trail newest first in Japanese (operation labels, the registrant's name as
// target, the failure's reason), filters it by result, operation, user and period (an empty
// period shows the empty state), runs 改ざんチェック, and reads it in English; after an entry is
// rewritten behind the app's back, 改ざんチェック names it.
// No page may raise a CSP violation, console error or uncaught exception.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createFileKeyStore } from '../../src-main/core/index';
import { openEncryptedDatabase } from '../../src-main/core/platform/db/open';
import { readManifest } from '../../src-main/core/platform/vault-manifest';
import type { VaultApi } from '../../src-shared/vault-api';
import { freshCode } from '../harness/support/totp';
import { E2E_ADMIN, signInFirstAdmin } from './support/admin';
import { E2E_PASSPHRASE, expect, expectNoProblems, field, snapshot, tallSnapshot, test, watchProblems } from './support/harness';

const admin = E2E_ADMIN;
const manager = {
  loginId: 'sato.k',
  displayName: '総務部 佐藤',
  email: 'sato@example.co.jp',
  initialPassword: 'maple orchard whistle 1984',
  newPassword: 'quiet river under copper skies',
};

/** The page's window, as seen from code compiled without DOM types. */
type PageWindow = { vault: VaultApi };

function nav(page: Page) {
  return page.getByRole('navigation', { name: 'メインメニュー' });
}

function rows(page: Page, tableName = '監査ログ') {
  return page.getByRole('table', { name: tableName }).locator('tbody tr');
}

/** Chooses an option of a Mantine Select. */
async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('the admin reads, filters and checks the audit log; a manager reads it without the check', async ({ page, problems, harness, browser, dataDir }, testInfo) => {
  test.setTimeout(180_000);
  await signInFirstAdmin(page, harness.url);
  await expect(nav(page).getByRole('button', { name: /^監査ログ/ })).toBeEnabled();

  // Things to find in the trail: a registrant added, a mistyped password re-entry, a manager added.
  const done = await page.evaluate(
    async ({ password, manager }) => {
      const { vault } = globalThis as unknown as PageWindow;
      const registrant = await vault.registrants.create({ familyName: '山田', givenName: '太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', employeeCode: 'E0001', attributes: ['employee'] });
      const wrong = await vault.auth.reauth({ password: 'not the right password' });
      const right = await vault.auth.reauth({ password });
      const user = await vault.users.create({
        loginId: manager.loginId,
        displayName: manager.displayName,
        email: manager.email,
        role: 'manager',
        secondFactor: 'totp',
        initialPassword: manager.initialPassword,
      });
      return { registrant: registrant.ok, wrong: wrong.ok, right: right.ok, user: user.ok };
    },
    { password: admin.password, manager },
  );
  expect(done).toEqual({ registrant: true, wrong: false, right: true, user: true });

  // The manager signs in (enrolling the authenticator, replacing the initial password), finds
  // 監査ログ in the menu and reads it, with no tamper check.
  const context = await browser.newContext({ baseURL: harness.url, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 800 } });
  const m = await context.newPage();
  const managerProblems = await watchProblems(m);
  await m.goto('/');
  await field(m, 'ログインID').fill(manager.loginId);
  await field(m, 'パスワード').fill(manager.initialPassword);
  await m.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(m.getByRole('heading', { name: '認証アプリの登録' })).toBeVisible();
  const secret = (await m.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  await field(m, '認証アプリに表示された6桁のコード').fill((await freshCode(secret)).code);
  await m.getByRole('button', { name: '登録してログイン' }).click();
  await expect(m.getByRole('heading', { name: 'パスワードの変更' })).toBeVisible();
  await field(m, '現在のパスワード').fill(manager.initialPassword);
  await field(m, '新しいパスワード').fill(manager.newPassword);
  await field(m, '新しいパスワード（確認）').fill(manager.newPassword);
  await m.getByRole('button', { name: 'パスワードを変更' }).click();
  await expect(m.getByRole('heading', { name: 'ダッシュボード' })).toBeVisible();
  await nav(m).getByRole('button', { name: /^監査ログ/ }).click();
  await expect(m.getByRole('heading', { name: '監査ログ', level: 1 })).toBeVisible();
  await expect(rows(m).filter({ hasText: '山田 太郎' }).first()).toBeVisible();
  await expect(m.getByRole('button', { name: '改ざんチェック' })).toHaveCount(0);
  expect(await m.evaluate(() => (globalThis as unknown as PageWindow).vault.audit.verify({}))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expectNoProblems(managerProblems);
  await context.close();

  // The admin opens the trail: newest first, in Japanese.
  await nav(page).getByRole('button', { name: /^監査ログ/ }).click();
  await expect(page.getByRole('heading', { name: '監査ログ', level: 1 })).toBeVisible();
  await expect(rows(page).first()).toBeVisible();
  const seqs = (await rows(page).evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-seq')))));
  expect(seqs.length).toBeGreaterThan(10);
  expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  // The newest entry: the manager's refused attempt at the tamper check; before it, the
  // password change — the manager's visits to lists and this log are left out by default.
  await expect(rows(page).first()).toContainText('権限のない操作');
  await expect(rows(page).first()).toContainText('試みた操作: 監査ログの改ざんチェック');
  await expect(rows(page).first()).toContainText(manager.loginId);
  await expect(rows(page).first().locator('[data-outcome="denied"]')).toHaveText('拒否');
  await expect(rows(page).nth(1)).toContainText('パスワードの変更');
  await expect(rows(page).filter({ hasText: '監査ログの閲覧' })).toHaveCount(0);
  // Shown on request: the manager's visit to this log, and the admin's own just now.
  await page.getByRole('switch', { name: '一覧・詳細の閲覧記録も表示する' }).check();
  await expect(rows(page).first()).toContainText('監査ログの閲覧');
  await expect(rows(page).first()).toContainText(admin.loginId);
  await expect(rows(page).filter({ hasText: '監査ログの閲覧' }).filter({ hasText: manager.loginId }).first()).toBeVisible();
  await page.getByRole('switch', { name: '一覧・詳細の閲覧記録も表示する' }).uncheck();
  await expect(rows(page).filter({ hasText: '監査ログの閲覧' })).toHaveCount(0);
  const added = rows(page).filter({ hasText: '登録者の追加' });
  await expect(added).toHaveCount(1);
  await expect(added).toContainText('山田 太郎');
  await expect(added).toContainText(admin.loginId);
  await expect(added).toContainText('属性: 従業員');
  await expect(added.locator('[data-outcome="success"]')).toHaveText('成功');
  const userAdded = rows(page).filter({ hasText: 'ユーザーの追加' });
  await expect(userAdded).toContainText(manager.loginId);
  await expect(userAdded).toContainText('権限: 管理担当者');
  await expect(userAdded).toContainText('確認方法: 認証アプリ');
  await expect(rows(page).filter({ hasText: '初期設定（管理者の作成）' })).toHaveCount(1);
  await expect(rows(page).filter({ hasText: 'ログイン（2段階目）' }).first()).toBeVisible();
  const total = Number(((await page.getByTestId('audit-total').innerText()).match(/\d+/) ?? ['0'])[0]);
  expect(total).toBe(seqs.length);
  await tallSnapshot(page, testInfo, 'audit-list', 1400);

  // 結果 = 失敗: the mistyped re-entry, with its reason.
  await choose(page, '結果', '失敗');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('パスワード再入力');
  await expect(rows(page).first()).toContainText('理由: パスワードの誤り');
  await expect(rows(page).first()).toContainText(admin.loginId);
  await expect(rows(page).first().locator('[data-outcome="failure"]')).toHaveText('失敗');
  await expect(page.getByTestId('audit-total')).toHaveText('全 1 件');
  const failedSeq = Number(await rows(page).first().getAttribute('data-seq'));
  await snapshot(page, testInfo, 'audit-filtered');

  // 操作 = 登録者の追加 (with 結果 back to all).
  await choose(page, '結果', 'すべて');
  await choose(page, '操作', '登録者の追加');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('山田 太郎');

  // 操作者 = the manager: only the manager's own entries.
  await page.getByRole('button', { name: 'リセット' }).click();
  await expect(page.getByRole('combobox', { name: '操作', exact: true })).toHaveValue('すべての操作');
  await choose(page, '操作者', `${manager.loginId}（${manager.displayName}）`);
  // Wait for the filtered page itself: until it arrives, the unfiltered one is still on screen.
  const actors = () => rows(page).evaluateAll((trs) => [...new Set(trs.map((tr) => tr.querySelectorAll('td')[2]?.textContent))]);
  await expect.poll(actors).toEqual([manager.loginId]);
  await expect(rows(page).filter({ hasText: 'パスワードの変更' })).toHaveCount(1);
  // The authenticator enrolled at the first sign-in is told on the second step's entry.
  await expect(rows(page).filter({ hasText: 'ログイン（2段階目）' })).toContainText('認証アプリを新規登録');

  // A period with nothing in it: the empty state. A period that ends before it starts: refused.
  await page.getByRole('button', { name: 'リセット' }).click();
  await field(page, '期間（開始日）').fill('2000-01-01');
  await field(page, '期間（終了日）').fill('2000-01-31');
  await expect(page.getByTestId('audit-empty')).toContainText('条件に一致する記録はありません。');
  await field(page, '期間（終了日）').fill('1999-12-31');
  await expect(page.getByText('終了日は開始日以降の日付にしてください')).toBeVisible();
  // Today: everything is back.
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  await field(page, '期間（開始日）').fill(today);
  await field(page, '期間（終了日）').fill(today);
  await expect(rows(page).filter({ hasText: '登録者の追加' })).toHaveCount(1);
  await page.getByRole('button', { name: 'リセット' }).click();
  await expect(field(page, '期間（開始日）')).toHaveValue('');

  // 改ざんチェック: the whole chain checks out; the check itself is recorded.
  await page.getByRole('button', { name: '改ざんチェック' }).click();
  await expect(page.getByTestId('notice')).toContainText(/^\d+ 件の記録を検証しました。改ざんは見つかりませんでした。$/);
  await expect(rows(page).first()).toContainText('監査ログの改ざんチェック');
  await expect(rows(page).first()).toContainText('検証した記録:');
  await tallSnapshot(page, testInfo, 'audit-verified', 1400);

  // English.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  await expect(rows(page, 'Audit log').filter({ hasText: 'Registrant added' })).toContainText('山田 太郎');
  await expect(rows(page, 'Audit log').filter({ hasText: 'Registrant added' })).toContainText('Category: Employee');
  await expect(rows(page, 'Audit log').filter({ hasText: 'Password re-entry' }).filter({ hasText: 'Failure' })).toContainText('Reason: Wrong password');
  await expect(page.getByRole('button', { name: 'Check for tampering' })).toBeVisible();
  await expect(page.getByTestId('audit-total')).toHaveText(/^\d+ in total$/);
  await tallSnapshot(page, testInfo, 'audit-list-en', 1400);
  await page.getByText('日本語', { exact: true }).click();
  await expect(page.getByRole('heading', { name: '監査ログ', level: 1 })).toBeVisible();

  // Someone with the database key rewrites an old entry behind the app's back (dropping the
  // triggers that refuse it): 改ざんチェック names the first entry that no longer checks out.
  const raw = await openRawDatabase(dataDir);
  raw.exec('DROP TRIGGER audit_log_no_update');
  raw.prepare("UPDATE audit_log SET outcome = 'success' WHERE seq = ?").run(failedSeq);
  raw.close();
  await page.getByRole('button', { name: '改ざんチェック' }).click();
  await expect(page.getByTestId('verify-failed')).toContainText(`No.${failedSeq} の記録から`);
  await tallSnapshot(page, testInfo, 'audit-tampered', 1400);

  expectNoProblems(problems);
});

/** The harness's database opened with its key, as an attacker holding the key could. */
async function openRawDatabase(dir: string) {
  const keys = await createFileKeyStore({ dataDir: dir, passphrase: E2E_PASSPHRASE }).load(readManifest(dir)!.vaultId);
  if (!keys) throw new Error('no keys');
  return openEncryptedDatabase(path.join(dir, 'vault.db'), { keyHex: keys.db });
}
