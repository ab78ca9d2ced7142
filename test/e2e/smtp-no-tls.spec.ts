// 設定 → メール送信（SMTP）: choosing no encryption shows a plain warning that sign-in and reset
// codes would cross the LAN unencrypted; SSL/TLS and STARTTLS show none. The warning follows the
// stored setting too (saved as "none", the page opened again shows it), in both languages.
// No page may raise a CSP violation, console error or uncaught exception.
import type { Page } from '@playwright/test';
import { E2E_ADMIN, signInFirstAdmin } from './support/admin';
import { expect, expectNoProblems, field, tallSnapshot, test } from './support/harness';

const WARNING_JA =
  '暗号化されません暗号化なし（TLSなし）にすると、ログインやパスワード再設定の確認コードが、暗号化されないまま社内ネットワーク（LAN）を流れます。同じネットワークにいる人に読み取られるおそれがあるため、できるだけ SSL/TLS か STARTTLS を使ってください。';
const WARNING_EN =
  'Not encryptedWithout encryption (no TLS), sign-in and password-reset codes would cross the office network (LAN) unencrypted, where anyone on the same network could read them. Use SSL/TLS or STARTTLS wherever you can.';

function nav(page: Page) {
  return page.getByRole('navigation', { name: /^(メインメニュー|Main menu)$/ });
}

test('SMTP without TLS shows a plain warning; with TLS it does not', async ({ page, problems, harness }, testInfo) => {
  await signInFirstAdmin(page, harness.url);
  await nav(page).getByRole('button', { name: /^設定/ }).click();
  const smtp = page.getByTestId('smtp-settings');
  const warning = smtp.getByTestId('smtp-no-tls-warning');

  // Nothing stored yet: STARTTLS, no warning.
  await expect(smtp.getByRole('radio', { name: 'STARTTLS', exact: true })).toBeChecked();
  await expect(warning).toHaveCount(0);
  await smtp.getByRole('radio', { name: 'なし', exact: true }).check();
  await expect(warning).toHaveText(WARNING_JA);
  await tallSnapshot(page, testInfo, 'settings-smtp-no-tls', 1400);
  await smtp.getByRole('radio', { name: 'SSL/TLS', exact: true }).check();
  await expect(warning).toHaveCount(0);

  // Saved without TLS: opened again, the stored setting carries the warning.
  await smtp.getByRole('radio', { name: 'なし', exact: true }).check();
  await field(smtp, 'SMTPサーバー').fill('mail.example.co.jp');
  await field(smtp, '送信元アドレス').fill('vault@example.co.jp');
  await smtp.getByRole('button', { name: '保存' }).click();
  const reauth = page.getByRole('dialog', { name: 'パスワードの再入力' });
  await field(reauth, 'パスワード').fill(E2E_ADMIN.password);
  await reauth.getByRole('button', { name: '確認して続ける' }).click();
  await expect(smtp.getByTestId('notice')).toHaveText('SMTP設定を保存しました。');
  await nav(page).getByRole('button', { name: /^ダッシュボード/ }).click();
  await nav(page).getByRole('button', { name: /^設定/ }).click();
  await expect(smtp.getByRole('radio', { name: 'なし', exact: true })).toBeChecked();
  await expect(warning).toHaveText(WARNING_JA);

  // English.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(warning).toHaveText(WARNING_EN);
  await tallSnapshot(page, testInfo, 'settings-smtp-no-tls-en', 1400);
  await smtp.getByRole('radio', { name: 'SSL/TLS', exact: true }).check();
  await expect(warning).toHaveCount(0);
  await smtp.getByRole('radio', { name: 'STARTTLS', exact: true }).check();
  await expect(warning).toHaveCount(0);

  expectNoProblems(problems);
});
