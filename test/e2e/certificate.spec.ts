// 証明書 on the collection page: the admin imports the company's certificate as a PFX file
// (made here by openssl) with its password, after re-entering their own; a wrong PFX password
// is refused with a clear message and keeps the certificate; the page then names the imported
// certificate. No CSP violation, console error or exception.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { E2E_ADMIN, signInFirstAdmin } from './support/admin';
import { expect, expectNoProblems, field, snapshot, test } from './support/harness';

test.use({ harnessLan: true });

const PFX_PASSWORD = 'company-ca-export-2026';

function companyPfx(): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnv-e2e-pfx-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '30', '-subj', '/CN=vault.example.internal', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:vault.example.internal');
  run('pkcs12', '-export', '-inkey', 'k.pem', '-in', 'c.pem', '-out', 'company.pfx', '-passout', `pass:${PFX_PASSWORD}`);
  return fs.readFileSync(path.join(dir, 'company.pfx'));
}

async function submitWithReauth(page: Page, section: Locator, expected: Locator) {
  await section.getByRole('button', { name: '証明書を設定' }).click();
  const dialog = page.getByRole('dialog', { name: 'パスワードの再入力' });
  await expect(dialog.or(expected)).toBeVisible();
  if (await dialog.isVisible()) {
    await field(dialog, 'パスワード').fill(E2E_ADMIN.password);
    await dialog.getByRole('button', { name: '確認して続ける' }).click();
  }
  await expect(expected).toBeVisible();
}

test('the admin imports the company certificate as a PFX', async ({ page, problems, harness }, testInfo) => {
  test.setTimeout(120_000);
  await signInFirstAdmin(page, harness.url);
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: /^収集/ }).click();
  const section = page.getByTestId('certificate-settings');
  await expect(section.getByTestId('certificate-current')).toContainText('まだありません');

  const pfx = companyPfx();
  // Nothing chosen: the form says so and sends nothing.
  await section.getByRole('button', { name: '証明書を設定' }).click();
  await expect(section.getByText('ファイルを選んでください')).toBeVisible();

  await section.locator('input[type=file]').setInputFiles({ name: 'company.pfx', mimeType: 'application/x-pkcs12', buffer: pfx });
  await field(section, 'PFXのパスワード').fill('wrong-password');
  await submitWithReauth(page, section, section.getByRole('alert'));
  await expect(section.getByRole('alert')).toContainText('PFXファイルを読み取れないか、パスワードが違います');
  await expect(section.getByTestId('certificate-current')).toContainText('まだありません');

  await field(section, 'PFXのパスワード').fill(PFX_PASSWORD);
  await submitWithReauth(page, section, section.getByTestId('notice'));
  await expect(section.getByTestId('notice')).toContainText('証明書を設定しました');
  await expect(section.getByTestId('certificate-current')).toContainText('取り込んだ証明書');
  await snapshot(page, testInfo, 'certificate-imported');
  expectNoProblems(problems);
});
