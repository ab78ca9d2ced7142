// The first admin of an e2e vault: set up through the harness API (the TOTP confirmation uses
// the previous time step so the current one is still free for the login), then signed in
// through the login page with password and authenticator code.
import type { Page } from '@playwright/test';
import { HarnessClient } from '../../harness/support/client';
import { codeForStep, currentStep, freshCode } from '../../harness/support/totp';
import { expect, field } from './harness';

export const E2E_ADMIN = { loginId: 'hr-admin', displayName: '人事部 山田', email: 'hr-admin@example.co.jp', password: 'correct horse battery staple' };

/**
 * Sets up the vault's first admin and signs in as them on `page`; ends on the dashboard.
 * Resolves to the authenticator's secret and the step of the code used, for later sign-ins.
 */
export async function signInFirstAdmin(page: Page, harnessUrl: string): Promise<{ secret: string; step: number }> {
  const api = new HarnessClient(harnessUrl);
  const created = await api.value('setup.createAdmin', E2E_ADMIN);
  const previous = currentStep() - 1;
  await api.value('setup.confirmTotp', { code: await codeForStep(created.totp.secret, previous) });

  await page.goto('/');
  await field(page, 'ログインID').fill(E2E_ADMIN.loginId);
  await field(page, 'パスワード').fill(E2E_ADMIN.password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  const fresh = await freshCode(created.totp.secret, previous);
  await field(page, '確認コード').fill(fresh.code);
  await page.getByRole('button', { name: '確認', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'ダッシュボード' })).toBeVisible();
  return { secret: created.totp.secret, step: fresh.step };
}

/** Signs the first admin in again on `page` (at the login page) with a code of a step after `afterStep`. */
export async function signInAdminAgain(page: Page, secret: string, afterStep: number | null): Promise<number> {
  await field(page, 'ログインID').fill(E2E_ADMIN.loginId);
  await field(page, 'パスワード').fill(E2E_ADMIN.password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  const fresh = await freshCode(secret, afterStep);
  await field(page, '確認コード').fill(fresh.code);
  await page.getByRole('button', { name: '確認', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'ダッシュボード' })).toBeVisible();
  return fresh.step;
}
