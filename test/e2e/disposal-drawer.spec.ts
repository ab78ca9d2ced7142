// Disposal from the registrant's drawer, end to end: the admin opens a registrant, disposes of
// one dependent; asking for their numbers and images only is refused plainly (the child has
// none: nothing is left to dispose of) and changes nothing; the whole record goes, and the
// dependent is gone from the drawer; the record and the retention rules read in English too. No CSP violation, console error or exception.
import type { Page } from '@playwright/test';
import type { VaultApi } from '../../src-shared/vault-api';
import { E2E_ADMIN, signInFirstAdmin } from './support/admin';
import { expect, expectNoProblems, field, snapshot, test } from './support/harness';

type PageWindow = { vault: VaultApi };

const reauthDialog = (page: Page) => page.getByTestId('reauth-dialog');

test("an admin disposes of a dependent from the registrant's drawer, and is told when nothing is left to dispose of", async ({ page, problems, harness }, testInfo) => {
  test.setTimeout(120_000);
  await signInFirstAdmin(page, harness.url);
  const seeded = await page.evaluate(async () => {
    const { vault } = globalThis as unknown as PageWindow;
    const r = await vault.registrants.create({ employeeCode: 'E0816', familyName: '中川', givenName: '悟', familyNameKana: 'ナカガワ', givenNameKana: 'サトル', attributes: ['employee'] });
    if (!r.ok) return false;
    const d = await vault.dependents.create({ registrantId: r.value.id, relationship: 'child', familyName: '中川', givenName: '陽葵', familyNameKana: 'ナカガワ', givenNameKana: 'ヒマリ', birthDate: '2015-05-05' });
    return d.ok;
  });
  expect(seeded).toBe(true);

  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: /^登録者/ }).click();
  await page.getByRole('table', { name: '登録者一覧' }).locator('tbody tr').first().click();
  const drawer = page.getByRole('dialog', { name: '登録者の詳細' });
  const section = drawer.getByTestId('disposal-section');
  await expect(section).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await snapshot(page, testInfo, 'disposal-drawer-section');
  await section.getByRole('button', { name: 'この扶養親族を廃棄：中川 陽葵' }).click();

  const dialog = page.getByTestId('dispose-dialog');
  await expect(dialog).toContainText('対象：中川 陽葵');
  // Numbers and images only: the child has neither, so nothing is left to dispose of.
  await field(dialog, '廃棄の理由').fill('扶養から外れたため');
  await dialog.getByRole('checkbox', { name: '元に戻せないことを理解しました' }).check();
  await dialog.getByRole('button', { name: '完全に削除する' }).click();
  await field(reauthDialog(page), 'パスワード').fill(E2E_ADMIN.password);
  await reauthDialog(page).getByRole('button', { name: '確認して続ける' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: '廃棄するデータが残っていません' })).toBeVisible();

  await dialog.getByRole('radio', { name: '記録全体' }).check();
  await dialog.getByRole('button', { name: '完全に削除する' }).click();
  await expect(dialog).toBeHidden();
  await expect(drawer.getByTestId('notice')).toContainText('1人のデータを廃棄しました。');
  await expect(drawer.getByTestId('dependents-section')).not.toContainText('陽葵');
  await expect(section).not.toContainText('陽葵');
  await snapshot(page, testInfo, 'disposal-drawer-after');

  // The same pages in English.
  await drawer.getByRole('button', { name: '閉じる' }).first().click();
  await page.getByText('English', { exact: true }).click();
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: /^Retention & disposal/ }).click();
  await expect(page.getByRole('heading', { name: 'Retention and disposal' })).toBeVisible();
  await page.getByRole('tab', { name: 'Disposal records' }).click();
  await expect(page.getByRole('table', { name: 'Disposal records' })).toContainText('Dependent (中川 悟)');
  await expect(page.getByRole('table', { name: 'Disposal records' })).toContainText('Dependents: 1');
  await snapshot(page, testInfo, 'disposal-records-en');
  await page.getByRole('tab', { name: 'Retention rules' }).click();
  await expect(page.getByRole('table', { name: 'Retention per attribute' })).toContainText('7 years from 11 January after the year of leaving');
  await snapshot(page, testInfo, 'disposal-rules-en');
  expectNoProblems(problems);
});
