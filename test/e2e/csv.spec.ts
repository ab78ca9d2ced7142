// CSV end to end: the import wizard reads a CP932 file made here (髙, 﨑, half-width kana, 和暦
// dates, a header of another system mapped by hand and saved by name); a file with one bad
// row shows its problem by row and column and imports nothing; the corrected file, read with
// the saved mapping, asks to create its unknown group and imports with the summary. The
// export dialog writes a CP932 CSV (the download's bytes decode to the rows) and, with
// numbers, an AES zip that opens with the password typed. Screenshots of each step.
import fs from 'node:fs';
import type { Download, Locator, Page } from '@playwright/test';
import { TextWriter, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, type FileEntry } from '@zip.js/zip.js';
import iconv from 'iconv-lite';
import { generateMyNumber } from '../support/numbers';
import { E2E_ADMIN, signInFirstAdmin } from './support/admin';
import { expect, expectNoProblems, field, snapshot, tallSnapshot, test } from './support/harness';

const PURPOSE = '給与所得・退職所得の源泉徴収票作成事務';
const ZIP_PASSWORD = 'kyuyo-2026-zip';
const numbers = { takahashi: generateMyNumber(9101), yamazaki: generateMyNumber(9102) };

/** A CSV file as the personnel system writes it: CP932, CRLF. */
function cp932File(name: string, lines: string[]) {
  return { name, mimeType: 'text/csv', buffer: iconv.encode(lines.join('\r\n') + '\r\n', 'cp932') };
}

const HEADER = ['従業員CD', '姓', '名', 'セイ', 'メイ', '生年月日'];
const BAD_FILE = cp932File('shain_meibo.csv', [
  [...HEADER, '個人番号'].join(','),
  `E001,髙橋,一郎,ﾀｶﾊｼ,ｲﾁﾛｳ,S60.4.1,${numbers.takahashi}`,
  `E002,山﨑,花子,ﾔﾏｻﾞｷ,ﾊﾅｺ,1990/2/30,${numbers.yamazaki}`,
  'E003,佐藤,健,ｻﾄｳ,ｹﾝ,平成2年5月10日,',
]);
const FIXED_FILE = cp932File('shain_meibo_fixed.csv', [
  [...HEADER, 'グループ', '個人番号'].join(','),
  `E001,髙橋,一郎,ﾀｶﾊｼ,ｲﾁﾛｳ,S60.4.1,東京本社,${numbers.takahashi}`,
  `E002,山﨑,花子,ﾔﾏｻﾞｷ,ﾊﾅｺ,1990/2/3,東京本社,${numbers.yamazaki}`,
  'E003,佐藤,健,ｻﾄｳ,ｹﾝ,平成2年5月10日,東京本社,',
]);

/** Chooses an option of a Mantine Select. */
async function choose(select: Locator, page: Page, option: string) {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function bytesOf(download: Download): Promise<Buffer> {
  return fs.readFileSync((await download.path())!);
}

test('the import wizard maps, shows the bad row, imports the fixed file; the export dialog writes CP932 and an AES zip', async ({ page, problems, harness }, testInfo) => {
  test.setTimeout(240_000);
  await signInFirstAdmin(page, harness.url);

  // From the registrants page, as HR would look for it.
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: '登録者' }).click();
  await page.getByTestId('registrants-csv').click();
  await page.getByTestId('registrants-csv-import').click();
  await expect(page.getByRole('heading', { name: 'CSV の取り込みと書き出し' })).toBeVisible();
  const wizard = page.getByTestId('csv-import');
  await snapshot(page, testInfo, 'csv-import-1-file');

  // 1. The file with a bad row; its first column's header names no field.
  await wizard.locator('input[type="file"]').setInputFiles(BAD_FILE);
  await expect(wizard.getByTestId('csv-encoding')).toHaveText('文字コード：Shift_JIS（CP932）（自動判定）');
  const mappingRows = wizard.getByTestId('csv-mapping-row');
  await expect(mappingRows).toHaveCount(7);
  await expect(mappingRows.nth(0).getByRole('combobox')).toHaveValue('');
  await expect(mappingRows.nth(1).getByRole('combobox')).toHaveValue('姓');
  await expect(mappingRows.nth(3)).toContainText('ﾀｶﾊｼ');
  // The first row's number is never shown, not even as a sample.
  await expect(mappingRows.nth(6)).toContainText('••••••••••••');
  await expect(wizard).not.toContainText(numbers.takahashi);
  await choose(mappingRows.nth(0).getByRole('combobox'), page, '社員番号');
  await wizard.getByRole('checkbox', { name: 'この割り当てを名前を付けて保存する' }).check();
  await field(wizard, '割り当ての名前').fill('人事システムの社員名簿');
  await tallSnapshot(page, testInfo, 'csv-import-2-columns', 1400);
  await wizard.getByRole('button', { name: 'この割り当てで確認する' }).click();

  // 2. The preview: the one bad row by row and column, and nothing to import.
  await expect(page.getByTestId('notice')).toHaveText('列の割り当て「人事システムの社員名簿」を保存しました。');
  await expect(wizard.getByTestId('csv-preview-problems')).toContainText('誤りが 1 件あります。');
  const problemRows = wizard.getByTestId('csv-problem');
  await expect(problemRows).toHaveCount(1);
  await expect(problemRows.nth(0).locator('td')).toHaveText(['3', '生年月日', '生年月日が正しい日付ではありません']);
  await expect(wizard.getByTestId('csv-commit')).toBeDisabled();
  await tallSnapshot(page, testInfo, 'csv-import-3-problems', 1100);

  // A file with 1,200 problems: the first 1,000 listed, 50 a page, filterable by column.
  await wizard.getByRole('button', { name: '別のファイルを選ぶ' }).click();
  const manyBad = Array.from({ length: 1200 }, (_, i) => `E${String(1000 + i)},佐藤,健,ｻﾄｳ,ｹﾝ,${i % 2 === 0 ? '1990/2/30' : '1990/13/1'},`);
  await wizard.locator('input[type="file"]').setInputFiles(cp932File('many.csv', [[...HEADER, '個人番号'].join(','), ...manyBad]));
  // The mapping just saved is the one used from now on.
  await expect(mappingRows.nth(0).getByRole('combobox')).toHaveValue('社員番号');
  await wizard.getByRole('button', { name: 'この割り当てで確認する' }).click();
  await expect(wizard.getByTestId('csv-preview-problems')).toContainText('誤りが 1200 件あります。');
  await expect(wizard.getByTestId('csv-preview-problems')).toContainText('最初の 1000 件を表示しています（全部で 1200 件）。');
  await expect(problemRows).toHaveCount(50);
  await expect(problemRows.nth(0).locator('td')).toHaveText(['2', '生年月日', '生年月日が正しい日付ではありません']);
  await wizard.getByRole('button', { name: '20' }).click();
  await expect(problemRows.nth(49).locator('td').first()).toHaveText('1001');
  await tallSnapshot(page, testInfo, 'csv-import-3-many-problems', 3000);

  // 3. The corrected file, read with the saved mapping: its new group is confirmed first.
  await wizard.getByRole('button', { name: '別のファイルを選ぶ' }).click();
  await expect(wizard.getByTestId('csv-saved-mapping')).toHaveValue('人事システムの社員名簿');
  // Dropped onto the wizard this time, as from Explorer.
  const dropped = await page.evaluateHandle(
    ({ name, bytes }) => {
      // The page's own constructors (this file is compiled without DOM types).
      const dom = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
      };
      const transfer = new dom.DataTransfer();
      transfer.items.add(new dom.File([new Uint8Array(bytes)], name, { type: 'text/csv' }));
      return transfer;
    },
    { name: FIXED_FILE.name, bytes: [...FIXED_FILE.buffer] },
  );
  await wizard.getByTestId('csv-dropzone').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(mappingRows.nth(0).getByRole('combobox')).toHaveValue('社員番号');
  await expect(mappingRows.nth(6).getByRole('combobox')).toHaveValue('グループ');
  await wizard.getByRole('button', { name: 'この割り当てで確認する' }).click();
  await expect(wizard.getByTestId('csv-unknown-groups')).toContainText('まだないグループがあります');
  await expect(wizard.getByTestId('csv-commit')).toBeDisabled();
  await wizard.getByRole('checkbox', { name: '東京本社' }).check();
  await tallSnapshot(page, testInfo, 'csv-import-3-unknown-group', 1200);
  await wizard.getByRole('button', { name: 'チェックしたグループを作成して確認し直す' }).click();
  await expect(wizard.getByTestId('csv-preview-counts')).toHaveText('新規 3 件・変更 0 件・変更なし 0 件・マイナンバー 2 件');
  await tallSnapshot(page, testInfo, 'csv-import-3-preview', 1100);

  // 4. The commit (no job events in the harness: an indeterminate bar), then the summary.
  // The commit is held back a moment on its way to the core, so its progress step can be seen.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    '**/__ipc/csv.importCommit',
    async (route) => {
      await held;
      await route.continue();
    },
    { times: 1 },
  );
  await wizard.getByTestId('csv-commit').click();
  await expect(wizard.getByTestId('csv-commit-progress')).toContainText('取り込んでいます…');
  await expect(wizard.getByRole('progressbar', { name: '取り込みの進み具合' })).toBeVisible();
  await tallSnapshot(page, testInfo, 'csv-import-4-commit', 1100);
  release();
  await expect(wizard.getByTestId('csv-summary')).toBeVisible();
  await expect(wizard.getByTestId('csv-summary-created')).toContainText('3 件');
  await expect(wizard.getByTestId('csv-summary-updated')).toContainText('0 件');
  await expect(wizard.getByTestId('csv-summary-numbers')).toContainText('2 件');
  await expect(wizard.getByTestId('csv-summary-groupsCreated')).toContainText('1 件');
  await snapshot(page, testInfo, 'csv-import-5-summary');

  // 5. A saved export layout of the office's own: columns, headers, order, 和暦 dates, LF.
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'CSV' }).click();
  await page.getByTestId('csv-preset-add').click();
  const presetForm = page.getByRole('dialog', { name: '書き出しの形式の追加' });
  await field(presetForm, '名前').fill('給与ソフト用');
  const presetColumns = presetForm.getByTestId('csv-preset-column');
  await presetColumns.nth(0).getByRole('textbox', { name: '見出し' }).fill('従業員コード');
  await presetForm.getByRole('button', { name: '列を追加' }).click();
  await choose(presetColumns.nth(1).getByRole('combobox', { name: '項目' }), page, '氏名');
  await presetForm.getByRole('button', { name: '列を追加' }).click();
  await choose(presetColumns.nth(2).getByRole('combobox', { name: '項目' }), page, '生年月日');
  await presetColumns.nth(1).getByRole('button', { name: '上へ' }).click();
  await presetForm.getByText('和暦（昭和60年4月1日）').click();
  await choose(presetForm.getByRole('combobox', { name: '改行' }), page, 'LF');
  await tallSnapshot(page, testInfo, 'csv-preset-form', 1100);
  await presetForm.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('notice')).toHaveText('形式「給与ソフト用」を保存しました。');
  await expect(page.getByTestId('csv-presets')).toContainText('氏名・従業員コード・生年月日');

  // Exported with that layout: the password is asked again first.
  await page.getByTestId('csv-open-export').click();
  const dialog = page.getByRole('dialog', { name: 'CSV の書き出し' });
  await expect(dialog.getByTestId('csv-export-encoding')).toHaveValue('Shift_JIS（CP932）');
  await choose(dialog.getByTestId('csv-export-preset'), page, '給与ソフト用');
  await tallSnapshot(page, testInfo, 'csv-export-dialog', 1100);
  const presetDownload = page.waitForEvent('download');
  await dialog.getByRole('button', { name: '書き出す' }).click();
  const reauth = page.getByRole('dialog', { name: 'パスワードの再入力' });
  await field(reauth, 'パスワード').fill(E2E_ADMIN.password);
  await reauth.getByRole('button', { name: '確認して続ける' }).click();
  const presetCsv = await presetDownload;
  expect(presetCsv.suggestedFilename()).toMatch(/^給与ソフト用_\d{8}\.csv$/);
  expect(iconv.decode(await bytesOf(presetCsv), 'cp932').split('\n').slice(0, 2)).toEqual(['氏名,従業員コード,生年月日', '髙橋\u3000一郎,E001,昭和60年4月1日']);

  // 6. The registrants page's export: CP932 by default.
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: '登録者' }).click();
  await page.getByTestId('registrants-csv').click();
  await page.getByTestId('registrants-csv-export').click();
  await expect(dialog.getByTestId('csv-export-encoding')).toHaveValue('Shift_JIS（CP932）');
  const csvDownload = page.waitForEvent('download');
  await dialog.getByRole('button', { name: '書き出す' }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/^registrants_\d{8}\.csv$/);
  // The registrants are there, readings widened to full-width katakana.
  await expect(page.getByTestId('registrants-total')).toContainText('3');
  await expect(page.getByRole('table', { name: '登録者一覧' })).toContainText('タカハシ');
  const lines = iconv.decode(await bytesOf(csv), 'cp932').split('\r\n');
  expect(lines[0]).toBe('社員番号,姓,名,セイ,メイ,生年月日,メールアドレス,グループ,属性,入社日,退職日,電話番号,郵便番号,住所,備考');
  expect(lines.slice(1, 4).sort()).toEqual([
    'E001,髙橋,一郎,タカハシ,イチロウ,1985-04-01,,東京本社,従業員,,,,,,',
    'E002,山﨑,花子,ヤマザキ,ハナコ,1990-02-03,,東京本社,従業員,,,,,,',
    'E003,佐藤,健,サトウ,ケン,1990-05-10,,東京本社,従業員,,,,,,',
  ]);
  await expect(page.getByTestId('notice')).toContainText('3 行を「registrants_');

  // 7. With numbers: a purpose and a zip password; the zip opens with that password only.
  await page.getByTestId('registrants-csv').click();
  await page.getByTestId('registrants-csv-export').click();
  await choose(dialog.getByTestId('csv-export-preset'), page, '給与ソフト向け（本人と扶養親族）');
  await dialog.getByTestId('csv-export-numbers').check();
  await choose(dialog.getByTestId('csv-export-purpose'), page, PURPOSE);
  await field(dialog, 'ZIP ファイルのパスワード').fill(ZIP_PASSWORD);
  await field(dialog, 'パスワード（確認）').fill('kyuyo-2026-zap');
  await dialog.getByRole('button', { name: '書き出す' }).click();
  await expect(dialog.getByText('パスワードが一致しません')).toBeVisible();
  await field(dialog, 'パスワード（確認）').fill(ZIP_PASSWORD);
  await expect(dialog.getByText('パスワードが一致しません')).toBeHidden();
  await snapshot(page, testInfo, 'csv-export-dialog-numbers');
  const zipDownload = page.waitForEvent('download');
  await dialog.getByRole('button', { name: '書き出す' }).click();
  const zip = await zipDownload;
  expect(zip.suggestedFilename()).toMatch(/^payroll_\d{8}\.zip$/);
  const reader = new ZipReader(new Uint8ArrayReader(new Uint8Array(await bytesOf(zip))));
  const [entry] = (await reader.getEntries()) as FileEntry[];
  expect(entry!.encrypted).toBe(true);
  await expect(entry!.getData(new TextWriter(), { password: 'wrong-password' })).rejects.toThrow();
  const inside = iconv.decode(Buffer.from(await entry!.getData(new Uint8ArrayWriter(), { password: ZIP_PASSWORD })), 'cp932');
  await reader.close();
  expect(inside.split('\r\n')[0]).toBe('社員番号,区分,続柄,氏名,フリガナ,生年月日,個人番号');
  expect(inside).toContain(`E001,本人,,髙橋\u3000一郎,タカハシ\u3000イチロウ,1985-04-01,${numbers.takahashi}`);

  // The plain CSV sits behind its warning.
  await page.getByTestId('registrants-csv').click();
  await page.getByTestId('registrants-csv-export').click();
  await dialog.getByTestId('csv-export-numbers').check();
  await dialog.getByTestId('csv-export-plain').check();
  await expect(dialog.getByTestId('csv-export-plain-warning')).toContainText('マイナンバーがそのまま読めるファイルになります');
  await choose(dialog.getByTestId('csv-export-purpose'), page, PURPOSE);
  await dialog.getByRole('button', { name: '書き出す' }).click();
  await expect(dialog.getByText('暗号化しない CSV で書き出すには、確認にチェックを付けてください')).toBeVisible();
  await tallSnapshot(page, testInfo, 'csv-export-dialog-plain-warning', 1000);
  await dialog.getByRole('button', { name: 'キャンセル' }).click();

  // 8. A UTF-8 file brings a name CP932 cannot hold (𠮷): the CP932 export stops, lists where,
  // and offers UTF-8, whose file holds it.
  await page.getByTestId('registrants-csv').click();
  await page.getByTestId('registrants-csv-import').click();
  await wizard.getByTestId('csv-choose-file').waitFor();
  const utf8File = ['社員番号,姓,名,セイ,メイ,生年月日,グループ', 'E004,𠮷田,笑,よしだ,えみ,2000-01-02,東京本社'].join('\r\n');
  await wizard.locator('input[type="file"]').setInputFiles({ name: 'yoshida.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${utf8File}`, 'utf8') });
  await expect(wizard.getByTestId('csv-encoding')).toHaveText('文字コード：UTF-8（BOM 付き）（自動判定）');
  await wizard.getByRole('button', { name: 'この割り当てで確認する' }).click();
  await wizard.getByTestId('csv-commit').click();
  await expect(wizard.getByTestId('csv-summary-created')).toContainText('1 件');
  await page.getByTestId('csv-open-export').click();
  await dialog.getByRole('button', { name: '書き出す' }).click();
  const stopped = dialog.getByTestId('csv-export-unencodable');
  await expect(stopped).toContainText('Shift_JIS（CP932）では書き出せない文字が1か所あります（5行目「姓」の「𠮷」）');
  await tallSnapshot(page, testInfo, 'csv-export-unencodable', 1100);
  const utf8Download = page.waitForEvent('download');
  await stopped.getByRole('button', { name: 'UTF-8（BOM 付き）で書き出す' }).click();
  const utf8Bytes = await bytesOf(await utf8Download);
  expect([...utf8Bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(utf8Bytes.toString('utf8')).toContain('E004,𠮷田,笑,ヨシダ,エミ,2000-01-02');

  // The page in English.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'CSV import and export' })).toBeVisible();
  await snapshot(page, testInfo, 'csv-page-en');

  expectNoProblems(problems);
});
