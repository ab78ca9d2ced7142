// The desktop app's save dialog as the export dialog uses it: where window.vault has
// files.saveExport (the preload's, which has main write the file where the user chooses,
// owner-only), the exported file goes there instead of to a download, and the page says where
// it went. Electron cannot run in these tests: a stand-in for the preload's function, named as
// such, records the request and answers with a chosen path (main's side is unit-tested in
// test/unit/electron-save-export.test.ts).
import type { Locator, Page } from '@playwright/test';
import iconv from 'iconv-lite';
import type { VaultApi } from '../../src-shared/vault-api';
import { E2E_ADMIN, signInFirstAdmin } from './support/admin';
import { expect, expectNoProblems, field, tallSnapshot, test } from './support/harness';

type PageWindow = { vault: VaultApi; savedByFakeSaveDialog?: { fileName: string; contentBase64: string } };

async function choose(select: Locator, page: Page, option: string) {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('where the desktop app saves the file through its save dialog, the page says where it went (and that nothing was saved when the dialog was cancelled)', async ({ page, problems, harness }, testInfo) => {
  // The stand-in for the preload's vault.files.saveExport, added to window.vault as the harness
  // bridge freezes it: the first time, as if the user cancelled the dialog; then, saved.
  await page.addInitScript(() => {
    const freeze = Object.freeze;
    Object.freeze = (<T>(value: T): Readonly<T> => {
      const api = value as Record<string, unknown> | null;
      if (api && typeof api === 'object' && 'auth' in api && 'jobs' in api && !('files' in api)) {
        let asked = 0;
        api.files = {
          saveExport: async (request: { fileName: string; contentBase64: string }) => {
            asked += 1;
            if (asked === 1) return { saved: false, reason: 'cancelled' };
            (globalThis as unknown as PageWindow).savedByFakeSaveDialog = request;
            return { saved: true, path: `C:\\Users\\hr\\Documents\\${request.fileName}` };
          },
        };
      }
      return freeze(value);
    }) as typeof Object.freeze;
  });
  await signInFirstAdmin(page, harness.url);
  const created = await page.evaluate(() =>
    (globalThis as unknown as PageWindow).vault.registrants.create({ employeeCode: 'E001', familyName: '髙橋', givenName: '一郎', familyNameKana: 'タカハシ', givenNameKana: 'イチロウ', birthDate: '1985-04-01', attributes: ['employee'] }),
  );
  expect(created).toMatchObject({ ok: true });
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: 'CSV' }).click();
  await page.getByTestId('csv-open-export').click();
  const dialog = page.getByRole('dialog', { name: 'CSV の書き出し' });
  await choose(dialog.getByTestId('csv-export-preset'), page, 'マネーフォワード クラウド給与用');
  await dialog.getByRole('button', { name: '書き出す' }).click();
  const reauth = page.getByRole('dialog', { name: 'パスワードの再入力' });
  await field(reauth, 'パスワード').fill(E2E_ADMIN.password);
  await reauth.getByRole('button', { name: '確認して続ける' }).click();
  await expect(dialog.getByTestId('csv-export-not-saved')).toHaveText(
    '保存を取りやめたため、ファイルは作られていません（書き出しの操作は監査ログに記録されています）。もう一度「書き出す」を押すと保存先を選び直せます。',
  );
  await tallSnapshot(page, testInfo, 'csv-export-save-cancelled', 900);
  await dialog.getByRole('button', { name: '書き出す' }).click();
  await expect(page.getByTestId('notice')).toHaveText(/^1 行を「C:\\Users\\hr\\Documents\\payroll-mf_\d{8}\.csv」に保存しました。$/);
  const saved = await page.evaluate(() => (globalThis as unknown as PageWindow).savedByFakeSaveDialog!);
  expect(saved.fileName).toMatch(/^payroll-mf_\d{8}\.csv$/);
  expect(iconv.decode(Buffer.from(saved.contentBase64, 'base64'), 'cp932')).toBe('従業員番号,続柄,姓,名,姓（フリガナ）,名（フリガナ）,生年月日\r\nE001,本人,髙橋,一郎,タカハシ,イチロウ,1985/04/01\r\n');
  await tallSnapshot(page, testInfo, 'csv-export-saved-notice', 800);
  expectNoProblems(problems);
});
