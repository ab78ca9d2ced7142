// The key rotation from the settings page: the admin chooses to issue a new recovery code,
// confirms, re-enters the password, sees the new code once (closing needs the acknowledgement),
// and the section then says the rotation is scheduled for the next start. A wrong current
// recovery code is refused with the core's message and schedules nothing. English too.
import { expect, expectNoProblems, field, tallSnapshot, test } from './support/harness';
import { E2E_ADMIN, signInFirstAdmin } from './support/admin';
import type { Page, TestInfo } from '@playwright/test';

/** The whole settings page from its top, so the fixed header stays at the top of the image. */
async function wholePage(page: Page, testInfo: TestInfo, name: string) {
  await page.evaluate('window.scrollTo(0, 0)');
  await tallSnapshot(page, testInfo, name, 2800);
}

function reauthDialog(page: Page) {
  return page.getByRole('dialog', { name: 'パスワードの再入力' });
}

test('the admin schedules a key rotation with a new recovery code, shown once', async ({ page, problems, harness }, testInfo) => {
  await signInFirstAdmin(page, harness.url);
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: '設定' }).click();
  const section = page.getByTestId('rekey-settings');
  await expect(section.getByRole('heading', { name: '鍵の更新' })).toBeVisible();
  await section.scrollIntoViewIfNeeded();

  // A wrong current code: the core refuses it, nothing is scheduled.
  await field(section, '今の回復コード').fill('AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA');
  await section.getByRole('button', { name: '鍵を更新' }).click();
  await page.getByRole('dialog', { name: '鍵を更新しますか？' }).getByRole('button', { name: '更新を予約する' }).click();
  await field(reauthDialog(page), 'パスワード').fill(E2E_ADMIN.password);
  await reauthDialog(page).getByRole('button', { name: '確認して続ける' }).click();
  await expect(page.getByRole('dialog', { name: '鍵を更新しますか？' }).getByRole('alert')).toContainText('回復コードが違います');
  await page.getByRole('dialog', { name: '鍵を更新しますか？' }).getByRole('button', { name: 'キャンセル' }).click();
  await expect(section.getByTestId('rekey-pending')).toHaveCount(0);
  await wholePage(page, testInfo, 'rekey-settings');

  await section.getByLabel('新しい回復コードを発行する（今の回復コードは使えなくなります）').check();
  await expect(field(section, '今の回復コード')).toHaveCount(0);
  await section.getByRole('button', { name: '鍵を更新' }).click();
  const confirm = page.getByRole('dialog', { name: '鍵を更新しますか？' });
  await expect(confirm).toContainText('今の回復コードはすぐに使えなくなります');
  await confirm.getByRole('button', { name: '更新を予約する' }).click();

  const shown = page.getByRole('dialog', { name: '新しい回復コード' });
  await expect(shown.getByTestId('new-recovery-code')).toHaveText(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){5}$/);
  await expect(shown.getByRole('button', { name: '閉じる' })).toBeDisabled();
  await wholePage(page, testInfo, 'rekey-new-recovery-code');
  await shown.getByLabel('新しい回復コードを書き写し、安全な場所に保管しました').check();
  await shown.getByRole('button', { name: '閉じる' }).click();
  await expect(shown).toBeHidden();

  await expect(section.getByTestId('rekey-pending')).toContainText('アプリを再起動すると更新が完了します');
  await expect(section.getByRole('button', { name: '鍵を更新' })).toHaveCount(0);
  await wholePage(page, testInfo, 'rekey-scheduled');

  await page.getByText('English', { exact: true }).click();
  await expect(section.getByRole('heading', { name: 'Key rotation' })).toBeVisible();
  await expect(section.getByTestId('rekey-pending')).toContainText('Restart the app to complete it.');
  await wholePage(page, testInfo, 'rekey-scheduled-en');
  expectNoProblems(problems);
});
