// 監査ログ's filters by registrant and purpose, its CSV download and 改ざんチェック, and the
// 取扱状況報告 page with its print layout and CSV, end to end: the admin stores and shows a
// number for a purpose, finds that entry by purpose and by registrant, downloads the filtered
// entries (Shift_JIS, itself recorded), checks the chain, then reads the month's report.
// No page may raise a CSP violation, console error or uncaught exception.
import fs from 'node:fs';
import iconv from 'iconv-lite';
import type { Page } from '@playwright/test';
import type { VaultApi } from '../../src-shared/vault-api';
import { E2E_ADMIN, signInFirstAdmin } from './support/admin';
import { expect, expectNoProblems, snapshot, tallSnapshot, test } from './support/harness';
import { generateMyNumber } from '../support/numbers';

const admin = E2E_ADMIN;
type PageWindow = { vault: VaultApi };

function nav(page: Page) {
  return page.getByRole('navigation', { name: 'メインメニュー' });
}

function rows(page: Page) {
  return page.getByRole('table', { name: '監査ログ' }).locator('tbody tr');
}

async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('the audit log filtered by registrant and purpose, downloaded and checked; the handling report printed and downloaded', async ({ page, problems, harness }, testInfo) => {
  test.setTimeout(180_000);
  await signInFirstAdmin(page, harness.url);

  // A number stored for one registrant and shown for a purpose; another registrant to leave out.
  const myNumber = generateMyNumber(7310);
  const done = await page.evaluate(
    async ({ password, myNumber }) => {
      const { vault } = globalThis as unknown as PageWindow;
      const yamada = await vault.registrants.create({ familyName: '山田', givenName: '太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', employeeCode: 'E0001', attributes: ['employee'] });
      const kimura = await vault.registrants.create({ familyName: '木村', givenName: '花子', familyNameKana: 'キムラ', givenNameKana: 'ハナコ', employeeCode: 'E0002', attributes: ['employee'] });
      if (!yamada.ok || !kimura.ok) return null;
      await vault.auth.reauth({ password });
      const set = await vault.mynumber.set({ subject: { registrantId: yamada.value.id }, myNumber });
      const shown = await vault.mynumber.reveal({ subject: { registrantId: yamada.value.id }, purposeId: 'withholding_slip' });
      await vault.registrants.update({ id: kimura.value.id, familyName: '木村', givenName: '花子', familyNameKana: 'キムラ', givenNameKana: 'ハナコ', employeeCode: 'E0002', attributes: ['employee'], address: '大阪府大阪市北区1-1' });
      return { set: set.ok, shown: shown.ok };
    },
    { password: admin.password, myNumber },
  );
  expect(done).toEqual({ set: true, shown: true });

  await nav(page).getByRole('button', { name: /^監査ログ/ }).click();
  await expect(page.getByRole('heading', { name: '監査ログ', level: 1 })).toBeVisible();

  // By purpose: the one reveal.
  await choose(page, '利用目的', '給与所得・退職所得の源泉徴収票作成事務');
  await expect(page.getByTestId('audit-total')).toHaveText('全 1 件');
  await expect(rows(page).first()).toContainText('マイナンバーの表示');
  await expect(rows(page).first()).toContainText('山田 太郎');

  // By registrant as well as purpose: still the one; the other registrant's edit is left out.
  await choose(page, '利用目的', 'すべての目的');
  await page.getByRole('combobox', { name: '対象の登録者', exact: true }).fill('山田');
  await page.getByRole('option', { name: '山田 太郎（E0001）', exact: true }).click();
  await expect(rows(page).filter({ hasText: '木村 花子' })).toHaveCount(0);
  await expect(rows(page).filter({ hasText: 'マイナンバーの表示' })).toHaveCount(1);
  const shownTotal = Number(((await page.getByTestId('audit-total').innerText()).match(/\d+/) ?? ['0'])[0]);
  expect(shownTotal).toBeGreaterThanOrEqual(3);
  await snapshot(page, testInfo, 'audit-filter-registrant');

  // The filtered entries as CSV (Shift_JIS): the password was re-entered just now, so no dialog.
  await page.evaluate(async (password) => (globalThis as unknown as PageWindow).vault.auth.reauth({ password }), admin.password);
  await page.getByTestId('audit-export').click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Shift_JIS（Excel向け）' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^audit_log_\d{8}\.csv$/);
  const lines = iconv.decode(fs.readFileSync((await download.path())!), 'cp932').trimEnd().split('\r\n');
  expect(lines[0]).toBe('番号,日時,操作者ID,操作者,操作,結果,対象の種類,対象ID,対象,詳細');
  expect(lines).toHaveLength(shownTotal + 1);
  expect(lines.some((l) => l.includes(',mynumber.reveal,success,registrant,') && l.includes('山田 太郎'))).toBe(true);
  expect(lines.join('\n')).not.toContain(myNumber);

  // The download itself is in the trail.
  await page.getByRole('button', { name: 'リセット' }).click();
  await choose(page, '操作', '監査ログのCSVダウンロード');
  await expect(page.getByTestId('audit-total')).toHaveText('全 1 件');

  // 改ざんチェック: intact, said plainly.
  await page.getByRole('button', { name: '改ざんチェック' }).click();
  await expect(page.getByTestId('notice')).toContainText(/^\d+ 件の記録を検証しました。改ざんは見つかりませんでした。$/);
  await snapshot(page, testInfo, 'audit-export-verified');

  // 取扱状況報告: this month's counts.
  await nav(page).getByRole('button', { name: /^取扱状況報告/ }).click();
  await expect(page.getByRole('heading', { name: '取扱状況報告', level: 1 })).toBeVisible();
  const report = page.getByTestId('handling-report');
  await expect(report.getByRole('heading', { name: /^特定個人情報の取扱状況報告（\d{4}年\d{2}月）$/ })).toBeVisible();
  await expect(page.getByTestId('report-reveals')).toContainText('合計 1 件');
  await expect(page.getByTestId('report-reveals-purpose')).toContainText('給与所得・退職所得の源泉徴収票作成事務');
  await expect(page.getByTestId('report-reveals-user')).toContainText(admin.loginId);
  await expect(page.getByTestId('report-exports')).toContainText('合計 1 件');
  await expect(page.getByTestId('report-held')).toContainText('登録者 2（個人番号あり 1）');
  await expect(page.getByTestId('report-chain-head')).toContainText(/No\.\d+（.+）ハッシュ先頭 [0-9a-f]{16}/);
  await expect(report).not.toContainText(myNumber);
  await tallSnapshot(page, testInfo, 'handling-report', 1500);

  // As printed (the desktop shell prints this to PDF): the report alone, no menu or controls.
  await page.emulateMedia({ media: 'print' });
  await expect(nav(page)).toBeHidden();
  await expect(page.getByRole('button', { name: '印刷・PDF保存' })).toBeHidden();
  await tallSnapshot(page, testInfo, 'handling-report-print', 1500);
  await page.emulateMedia({ media: 'screen' });

  // And as CSV.
  const csvDownloading = page.waitForEvent('download');
  await page.getByTestId('report-csv').click();
  const csv = await csvDownloading;
  expect(csv.suggestedFilename()).toMatch(/^handling_report_\d{4}-\d{2}\.csv$/);
  const csvLines = iconv.decode(fs.readFileSync((await csv.path())!), 'cp932').split('\r\n');
  expect(csvLines[0]).toBe('項目,内訳,件数');
  expect(csvLines).toContain('個人番号の表示,合計,1');

  expectNoProblems(problems);
});
