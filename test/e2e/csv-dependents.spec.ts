// CSV import of dependents end to end: the wizard's first step chooses 扶養家族; the mapping
// step offers the dependents' fields (a recognised 続き柄 chosen already, an unknown header
// mapped by hand, and says such a mapping is not saved); a file with an unknown 続柄 shows its
// problem by row and column and imports nothing; the corrected file imports with its summary.
// Screenshots of each step, and of the first step in English.
import type { Locator, Page } from '@playwright/test';
import iconv from 'iconv-lite';
import { generateMyNumber } from '../support/numbers';
import { signInFirstAdmin } from './support/admin';
import { expect, expectNoProblems, snapshot, tallSnapshot, test } from './support/harness';

function cp932File(name: string, lines: string[]) {
  return { name, mimeType: 'text/csv', buffer: iconv.encode(lines.join('\r\n') + '\r\n', 'cp932') };
}

const REGISTRANTS = cp932File('shain.csv', ['社員番号,姓,名,セイ,メイ', 'E101,髙橋,一郎,ﾀｶﾊｼ,ｲﾁﾛｳ', 'E102,山﨑,花子,ﾔﾏｻﾞｷ,ﾊﾅｺ']);
const spouseNumber = generateMyNumber(9301);
const DEPENDENTS_HEADER = '社員番号,続き柄,姓,名,セイ,メイ,生年月日,扶養区分,個人番号';
const BAD_DEPENDENTS = cp932File('fuyou.csv', [DEPENDENTS_HEADER, `E101,配偶者,髙橋,幸子,ﾀｶﾊｼ,ｻﾁｺ,S62.5.3,○,${spouseNumber}`, 'E102,いとこ,山﨑,翔,ﾔﾏｻﾞｷ,ｼｮｳ,H27.4.1,,']);
const DEPENDENTS = cp932File('fuyou_fixed.csv', [DEPENDENTS_HEADER, `E101,配偶者,髙橋,幸子,ﾀｶﾊｼ,ｻﾁｺ,S62.5.3,○,${spouseNumber}`, 'E102,子,山﨑,翔,ﾔﾏｻﾞｷ,ｼｮｳ,H27.4.1,,']);

async function choose(select: Locator, page: Page, option: string) {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('the import wizard imports a dependents file, with the dependents fields in the mapping step', async ({ page, problems, harness }, testInfo) => {
  test.setTimeout(180_000);
  await signInFirstAdmin(page, harness.url);
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'CSV' }).click();
  await expect(page.getByText('登録者・扶養家族の取り込み')).toBeVisible();
  const wizard = page.getByTestId('csv-import');
  const mappingRows = wizard.getByTestId('csv-mapping-row');

  // The registrants first, as a personnel system's file.
  await wizard.locator('input[type="file"]').setInputFiles(REGISTRANTS);
  await wizard.getByRole('button', { name: 'この割り当てで確認する' }).click();
  await wizard.getByTestId('csv-commit').click();
  await expect(wizard.getByTestId('csv-summary-created')).toContainText('2 件');
  await wizard.getByRole('button', { name: '別のファイルを取り込む' }).click();

  // 1. 扶養家族 chosen: the hint names the columns.
  await wizard.getByTestId('csv-import-kind').getByText('扶養家族').click();
  await expect(wizard.getByTestId('csv-import-kind-hint')).toContainText('社員番号・続柄・姓・名で扶養家族を特定し');
  await snapshot(page, testInfo, 'csv-dependents-1-file');

  // 2. The mapping step offers the dependents' fields; 扶養区分 is mapped by hand to 税扶養.
  await wizard.locator('input[type="file"]').setInputFiles(BAD_DEPENDENTS);
  await expect(wizard.getByTestId('csv-import-kind-chosen')).toHaveText('取り込むもの：扶養家族');
  await expect(mappingRows).toHaveCount(9);
  await expect(mappingRows.nth(1).getByRole('combobox')).toHaveValue('続柄');
  await expect(mappingRows.nth(7).getByRole('combobox')).toHaveValue('');
  await expect(mappingRows.nth(8)).toContainText('••••••••••••');
  await expect(wizard).not.toContainText(spouseNumber);
  await choose(mappingRows.nth(7).getByRole('combobox'), page, '税扶養');
  await expect(wizard.getByTestId('csv-mapping-not-saved')).toHaveText('扶養家族のファイルの列の割り当ては保存できません。ファイルごとに選んでください。');
  await expect(wizard.getByRole('checkbox', { name: 'この割り当てを名前を付けて保存する' })).toHaveCount(0);
  await tallSnapshot(page, testInfo, 'csv-dependents-2-columns', 1300);
  await wizard.getByRole('button', { name: 'この割り当てで確認する' }).click();

  // 3. The unknown 続柄 by row and column, nothing to import.
  const problemRows = wizard.getByTestId('csv-problem');
  await expect(problemRows).toHaveCount(1);
  await expect(problemRows.nth(0).locator('td')).toHaveText(['3', '続き柄', '続柄「いとこ」が分かりません。配偶者・子・父・母・その他のどれかにしてください']);
  await expect(wizard.getByTestId('csv-commit')).toBeDisabled();
  await tallSnapshot(page, testInfo, 'csv-dependents-3-problems', 1000);

  // 4. The corrected file: the hand mapping is asked again, then the preview and the commit.
  await wizard.getByRole('button', { name: '別のファイルを選ぶ' }).click();
  await expect(wizard.getByTestId('csv-import-kind').getByRole('radio', { name: '扶養家族' })).toBeChecked();
  await wizard.locator('input[type="file"]').setInputFiles(DEPENDENTS);
  await choose(mappingRows.nth(7).getByRole('combobox'), page, '税扶養');
  await wizard.getByRole('button', { name: 'この割り当てで確認する' }).click();
  await expect(wizard.getByTestId('csv-preview-counts')).toHaveText('新規 2 件・変更 0 件・変更なし 0 件・マイナンバー 1 件');
  await tallSnapshot(page, testInfo, 'csv-dependents-4-preview', 1000);
  await wizard.getByTestId('csv-commit').click();
  await expect(wizard.getByTestId('csv-summary-created')).toContainText('2 件');
  await expect(wizard.getByTestId('csv-summary-numbers')).toContainText('1 件');
  await expect(wizard.getByTestId('csv-summary-groupsCreated')).toHaveCount(0);
  await snapshot(page, testInfo, 'csv-dependents-5-summary');

  // In English: the kinds and their hint.
  await wizard.getByRole('button', { name: '別のファイルを取り込む' }).click();
  await page.getByText('English', { exact: true }).click();
  await expect(wizard.getByTestId('csv-import-kind').getByRole('radio', { name: 'Dependents' })).toBeChecked();
  await expect(wizard.getByTestId('csv-import-kind-hint')).toContainText('Dependents are matched by employee code, relationship and name');
  await snapshot(page, testInfo, 'csv-dependents-6-file-en');
  await page.getByText('日本語', { exact: true }).click();
  expectNoProblems(problems);
});
