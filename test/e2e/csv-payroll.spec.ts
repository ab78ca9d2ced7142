// The export dialog's payroll software layouts: 弥生給与用, freee 人事労務用 and マネーフォワード
// クラウド給与用 listed beside the generic one, each with its note on how far its import format
// is published; choosing freee's chooses UTF-8 (BOM). In the browser the file is a download
// (the desktop app's save dialog: csv-save-dialog.spec.ts).
import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import iconv from 'iconv-lite';
import type { VaultApi } from '../../src-shared/vault-api';
import { E2E_ADMIN, signInFirstAdmin } from './support/admin';
import { expect, expectNoProblems, field, tallSnapshot, test } from './support/harness';

type PageWindow = { vault: VaultApi };

async function choose(select: Locator, page: Page, option: string) {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** csv.export asks for the password again (the access table), as it does before any export. */
async function reenterPassword(page: Page) {
  const reauth = page.getByRole('dialog', { name: 'パスワードの再入力' });
  await field(reauth, 'パスワード').fill(E2E_ADMIN.password);
  await reauth.getByRole('button', { name: '確認して続ける' }).click();
}

async function addRegistrant(page: Page) {
  const created = await page.evaluate(() =>
    (globalThis as unknown as PageWindow).vault.registrants.create({ employeeCode: 'E001', familyName: '髙橋', givenName: '一郎', familyNameKana: 'タカハシ', givenNameKana: 'イチロウ', birthDate: '1985-04-01', attributes: ['employee'] }),
  );
  expect(created).toMatchObject({ ok: true });
}

test('the export dialog lists the payroll software layouts, notes each, and picks UTF-8 for freee', async ({ page, problems, harness }, testInfo) => {
  await signInFirstAdmin(page, harness.url);
  await addRegistrant(page);
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'CSV' }).click();
  await page.getByTestId('csv-open-export').click();
  const dialog = page.getByRole('dialog', { name: 'CSV の書き出し' });

  await dialog.getByTestId('csv-export-preset').click();
  const options = page.getByRole('listbox').getByRole('option');
  await expect(options).toHaveText([
    '登録者（取り込みと同じ形式）',
    '扶養親族',
    '給与ソフト向け（本人と扶養親族）',
    '弥生給与用（マイナンバーのインポート形式）',
    'freee 人事労務用（UTF-8）',
    'マネーフォワード クラウド給与用',
    '提出状況（未提出者の確認用）',
  ]);
  await tallSnapshot(page, testInfo, 'csv-export-payroll-presets', 1000);
  await page.getByRole('option', { name: 'freee 人事労務用（UTF-8）', exact: true }).click();
  await expect(dialog.getByTestId('csv-export-encoding')).toHaveValue('UTF-8（BOM 付き）');
  await expect(dialog.getByTestId('csv-export-preset-note')).toContainText('freee 人事労務の取り込みは UTF-8 です');
  await tallSnapshot(page, testInfo, 'csv-export-payroll-freee', 1000);

  await choose(dialog.getByTestId('csv-export-preset'), page, '弥生給与用（マイナンバーのインポート形式）');
  await expect(dialog.getByTestId('csv-export-encoding')).toHaveValue('Shift_JIS（CP932）');
  await expect(dialog.getByTestId('csv-export-preset-note')).toContainText('マイナンバーのインポート');
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: '書き出す' }).click();
  await reenterPassword(page);
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^payroll-yayoi_\d{8}\.csv$/);
  expect(iconv.decode(fs.readFileSync((await file.path())!), 'cp932')).toBe('従業員名,扶養親族等名,所得金額調整名,退職手当等を有する配偶者扶養親族名\r\n髙橋一郎,,,\r\n');
  await expect(page.getByTestId('notice')).toContainText('1 行を「payroll-yayoi_');
  expectNoProblems(problems);
});
