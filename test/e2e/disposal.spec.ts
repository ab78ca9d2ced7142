// Retention and physical disposal, end to end: the dashboard warns of the one registrant past
// their disposal due date; the 廃棄予定 list shows them (and, with the filter off, the one still
// retained); the admin ticks them, chooses the whole record, gives a reason, is told plainly that
// it cannot be undone, ticks that they understand, re-enters the password; the record is gone
// from the list, the 廃棄記録 shows it (employee code and name, what went, why) and its
// CSV downloads and its 個人番号削除証明書 opens print-ready. No CSP violation, console error or exception.
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { VaultApi } from '../../src-shared/vault-api';
import { generateMyNumber } from '../support/numbers';
import { E2E_ADMIN, signInFirstAdmin } from './support/admin';
import { expect, expectNoProblems, field, snapshot, tallSnapshot, test } from './support/harness';

type PageWindow = { vault: VaultApi };

const reauthDialog = (page: Page) => page.getByTestId('reauth-dialog');

test('an admin disposes of a registrant past their due date and prints the certificate', async ({ page, problems, harness }, testInfo) => {
  test.setTimeout(120_000);
  await signInFirstAdmin(page, harness.url);
  const seeded = await page.evaluate(async (number) => {
    const { vault } = globalThis as unknown as PageWindow;
    const left = await vault.registrants.create({
      employeeCode: 'E0815', familyName: '桐谷', givenName: '澄香', familyNameKana: 'キリタニ', givenNameKana: 'スミカ',
      birthDate: '1980-07-15', address: '東京都港区芝公園四丁目2番8号', leaveDate: '2018-03-31', attributes: ['employee'],
    });
    const recent = await vault.registrants.create({ employeeCode: 'E0900', familyName: '山田', givenName: '太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', leaveDate: '2025-12-31', attributes: ['employee'] });
    if (!left.ok || !recent.ok) return null;
    const set = await vault.mynumber.set({ subject: { registrantId: left.value.id }, myNumber: number });
    return set.ok;
  }, generateMyNumber(815));
  expect(seeded).toBe(true);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'ダッシュボード' })).toBeVisible();
  const alert = page.getByTestId('disposal-due-alert');
  await expect(alert).toContainText('廃棄予定日を過ぎた登録者');
  await expect(alert.getByTestId('disposal-due-count')).toHaveText('1');
  await snapshot(page, testInfo, 'disposal-dashboard-alert');
  await alert.getByRole('button', { name: '廃棄予定を開く' }).click();

  await expect(page.getByRole('heading', { name: '保存期間・廃棄' })).toBeVisible();
  const table = page.getByRole('table', { name: '廃棄予定の一覧' });
  await expect(table.getByTestId('due-row')).toHaveCount(1);
  await page.getByRole('switch', { name: '廃棄予定日を過ぎた人だけを表示' }).click({ force: true });
  await expect(table.getByTestId('due-row')).toHaveCount(2);
  await expect(table.getByTestId('due-row').nth(0)).toContainText('E0815');
  await expect(table.getByTestId('due-row').nth(0)).toContainText('期限到来');
  await expect(table.getByTestId('due-row').nth(1)).toContainText('保存期間中');
  await table.getByRole('checkbox', { name: '桐谷 澄香を選択' }).check();
  await snapshot(page, testInfo, 'disposal-due-list');

  await page.getByRole('button', { name: '選択した1人を廃棄' }).click();
  const dialog = page.getByTestId('dispose-dialog');
  await expect(dialog).toContainText('対象：桐谷 澄香');
  await expect(dialog.getByRole('alert')).toContainText('この操作は元に戻せません');
  const confirm = dialog.getByRole('button', { name: '完全に削除する' });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('radio', { name: '記録全体' }).check();
  await field(dialog, '廃棄の理由').fill('保存期間（退職後7年）の経過による廃棄');
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('checkbox', { name: '元に戻せないことを理解しました' }).check();
  await expect(confirm).toBeEnabled();
  await tallSnapshot(page, testInfo, 'disposal-dialog', 1000);
  await confirm.click();

  await expect(reauthDialog(page)).toBeVisible();
  await field(reauthDialog(page), 'パスワード').fill(E2E_ADMIN.password);
  await reauthDialog(page).getByRole('button', { name: '確認して続ける' }).click();
  await expect(reauthDialog(page)).toBeHidden();

  // The record: on the 廃棄記録 tab, where the page goes once the disposal is done.
  const records = page.getByRole('table', { name: '廃棄記録の一覧' });
  await expect(records.getByTestId('record-row')).toHaveCount(1);
  const row = records.getByTestId('record-row').first();
  await expect(row).toContainText('E0815');
  await expect(row).toContainText('桐谷 澄香');
  await expect(row).toContainText('記録全体');
  await expect(row).toContainText('個人番号 1件');
  await expect(row).toContainText('保存期間（退職後7年）の経過による廃棄');
  await expect(row).toContainText('残っているバックアップは確認されていません');
  await snapshot(page, testInfo, 'disposal-records');
  // The CSV, within the 5 minutes of the password re-entered for the disposal.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSVをダウンロード' }).click();
  const csv = await downloading;
  expect(csv.suggestedFilename()).toMatch(/^disposal-records-\d{8}\.csv$/);
  const text = fs.readFileSync(await csv.path(), 'utf8');
  expect(text).toContain('E0815,桐谷 澄香');
  expect(text).not.toContain('東京都港区');

  await row.getByRole('button', { name: '削除証明書' }).click();
  const certificate = page.getByTestId('certificate-page');
  await expect(certificate).toContainText('個人番号削除証明書');
  await expect(certificate).toContainText('E0815');
  await expect(certificate).toContainText('桐谷 澄香');
  await expect(certificate).toContainText('人事部 山田（hr-admin）');
  await expect(certificate).toContainText('この証明書に個人番号は記載していません。');
  await expect(certificate).not.toContainText(generateMyNumber(815));
  await expect(certificate).not.toContainText('東京都港区');
  await snapshot(page, testInfo, 'disposal-certificate');
  await page.emulateMedia({ media: 'print' });
  await snapshot(page, testInfo, 'disposal-certificate-print');
  await page.emulateMedia({ media: 'screen' });
  await page.getByTestId('certificate').getByRole('button', { name: '閉じる' }).click();

  // Gone from the list; the one still retained stays.
  await page.getByRole('tab', { name: '廃棄予定' }).click();
  await page.getByRole('switch', { name: '廃棄予定日を過ぎた人だけを表示' }).click({ force: true });
  await expect(page.getByRole('table', { name: '廃棄予定の一覧' }).getByTestId('due-row')).toHaveCount(1);
  await expect(page.getByRole('table', { name: '廃棄予定の一覧' })).toContainText('E0900');

  const verified = await page.evaluate(async () => {
    const r = await (globalThis as unknown as PageWindow).vault.audit.verify({});
    return r.ok ? r.value.ok : null;
  });
  expect(verified).toBe(true);
  expectNoProblems(problems);
});
