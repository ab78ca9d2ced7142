// 本人確認書類 in the registrant drawer, end to end: HR attaches a photo of a registrant's ID
// (a JPEG with GPS in its EXIF, picked as a file) and sees it as a thumbnail labelled with its
// kind and who attached it; opening it shows the image large, which can be rotated; a text
// file named .jpg is refused with a clear message and adds nothing. Each opening is in the
// audit trail as a use for the identity check. No CSP violation, console error or exception.
import type { Page } from '@playwright/test';
import type { VaultApi } from '../../src-shared/vault-api';
import { jpegWithGps } from '../support/images';
import { signInFirstAdmin } from './support/admin';
import { expect, expectNoProblems, snapshot, test } from './support/harness';

type PageWindow = { vault: VaultApi };

function drawer(page: Page) {
  return page.getByRole('dialog', { name: '登録者の詳細' });
}

test('HR attaches an ID photo and opens it for the identity check', async ({ page, problems, harness }, testInfo) => {
  test.setTimeout(120_000);
  await signInFirstAdmin(page, harness.url);
  const created = await page.evaluate(() =>
    (globalThis as unknown as PageWindow).vault.registrants.create({ familyName: '中川', givenName: '悟', familyNameKana: 'ナカガワ', givenNameKana: 'サトル', attributes: ['employee'] }),
  );
  expect(created.ok).toBe(true);

  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: /^登録者/ }).click();
  await page.getByRole('table', { name: '登録者一覧' }).locator('tbody tr').first().click();
  const section = drawer(page).getByTestId('documents-section');
  await expect(section).toContainText('本人確認書類の画像はありません。');

  // A text file named like a photo: refused by its content, nothing added.
  await page.getByRole('combobox', { name: '書類の種類' }).click();
  await page.getByRole('option', { name: '本人確認書類（顔写真付き）', exact: true }).click();
  await section.locator('input[type=file]').setInputFiles({ name: 'license.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not an image at all') });
  await expect(section.getByRole('alert')).toContainText('この形式のファイルは受け付けていません');
  await expect(section.getByTestId('document-tile')).toHaveCount(0);

  await section.locator('input[type=file]').setInputFiles({ name: 'license.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps(1200, 800) });
  await expect(section.getByTestId('notice')).toContainText('本人確認書類の画像を添付しました。');
  const tile = section.getByTestId('document-tile');
  await expect(tile).toHaveCount(1);
  await expect(tile).toContainText('本人確認書類（顔写真付き）');
  await expect(tile).toContainText('hr-admin が添付');
  await expect(tile.getByTestId('document-thumbnail')).toBeVisible();
  await snapshot(page, testInfo, 'documents-attached');

  await tile.click();
  const viewer = page.getByRole('dialog', { name: '本人確認書類（顔写真付き）（本人）' });
  await expect(viewer.getByTestId('document-image')).toBeVisible();
  await viewer.getByRole('button', { name: '回転' }).click();
  await expect(viewer.getByTestId('document-image')).toHaveClass(/mnv-doc-rot-90/);
  await snapshot(page, testInfo, 'documents-viewer');
  await viewer.getByRole('button', { name: '閉じる' }).click();

  const trail = await page.evaluate(async () => {
    const r = await (globalThis as unknown as PageWindow).vault.audit.query({ filter: { action: 'documents.view' }, limit: 10 });
    return r.ok ? r.value.rows.map((row) => [row.detail?.part, row.detail?.purpose]) : null;
  });
  expect(trail).toEqual([
    ['image', 'identity_check'],
    ['thumbnail', 'identity_check'],
  ]);
  expectNoProblems(problems);
});
