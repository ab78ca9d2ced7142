// The English UI speaks English whoever wrote the message: a bad e-mail address typed into a
// form is caught by the form (the contract's own field schema, read in English), and the same
// mistake refused by the core (the request rewritten on its way, past the form's check) shows
// in English too, from the message key beside the core's Japanese text; so does a password
// problem only the core sees. The login page shows the core's keyed refusals in English: a
// locked-out login ID, and a temporary password past its 72 hours.
// No page may raise a CSP violation, console error or uncaught exception.
import type { Page, Route } from '@playwright/test';
import type { VaultApi } from '../../src-shared/vault-api';
import { HarnessClient } from '../harness/support/client';
import { E2E_ADMIN, signInFirstAdmin } from './support/admin';
import { expect, expectNoProblems, field, snapshot, tallSnapshot, test, watchProblems } from './support/harness';

const admin = E2E_ADMIN;
const lockedUser = { loginId: 'kimura', displayName: '経理部 木村', email: 'kimura@example.co.jp', password: 'lantern meadow copper 5530' };
const lateUser = { loginId: 'mori', displayName: '総務部 森', email: 'mori@example.co.jp', password: 'harbour pebble violin 7042' };

/** The page's window, as seen from code compiled without DOM types. */
type PageWindow = { vault: VaultApi };

/** Lets the page's call of `channel` through with `rewrite` applied to its input; resolves to the core's answer. */
function rewriteCall(page: Page, channel: string, rewrite: (input: Record<string, unknown>) => Record<string, unknown>) {
  return new Promise<Record<string, unknown>>((resolve) => {
    void page.route(`**/__ipc/${channel}`, async (route: Route) => {
      const input = route.request().postDataJSON() as Record<string, unknown>;
      const response = await route.fetch({ postData: JSON.stringify(rewrite(input)) });
      resolve((await response.json()) as Record<string, unknown>);
      await route.fulfill({ response });
      await page.unroute(`**/__ipc/${channel}`);
    });
  });
}

async function signInAttempt(page: Page, loginId: string, password: string) {
  await field(page, 'Login ID').fill(loginId);
  await field(page, 'Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test('the English UI shows form and core messages in English, login refusals included', async ({ page, problems, harness, browser }, testInfo) => {
  test.setTimeout(180_000);
  await signInFirstAdmin(page, harness.url);
  await page.getByText('English', { exact: true }).click();
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: /^Account/ }).click();
  await expect(page.getByRole('heading', { name: 'Account', level: 1 })).toBeVisible();
  // Open the re-auth window, so the core's answer below is about the input alone.
  expect(await page.evaluate((password) => (globalThis as unknown as PageWindow).vault.auth.reauth({ password }), admin.password)).toMatchObject({ ok: true });

  // The form's own check: no call is made, the field says what is wrong, in English.
  const emailSection = page.getByTestId('account-email');
  const calls: string[] = [];
  page.on('request', (request) => request.url().endsWith('/__ipc/account.changeEmail') && calls.push(request.url()));
  await field(emailSection, 'New e-mail address').fill('not-an-address');
  await emailSection.getByRole('button', { name: 'Change e-mail' }).click();
  await expect(emailSection.getByText('Enter a valid e-mail address', { exact: true })).toBeVisible();
  await expect(emailSection.getByRole('alert')).toHaveCount(0);
  expect(calls).toEqual([]);
  await tallSnapshot(page, testInfo, 'english-form-validation', 1350);

  // The same mistake refused by the core: a valid address typed, a bad one sent. The core
  // answers in Japanese with the message key; the page shows the English text of that key.
  const emailAnswer = rewriteCall(page, 'account.changeEmail', (input) => ({ ...input, email: 'still not an address' }));
  await field(emailSection, 'New e-mail address').fill('kept.valid@example.co.jp');
  await emailSection.getByRole('button', { name: 'Change e-mail' }).click();
  expect(await emailAnswer).toEqual({
    ok: false,
    error: {
      code: 'VALIDATION',
      message: 'メールアドレスの形式が正しくありません',
      messageKey: 'validation.email',
      params: { field: 'email' },
      issues: [{ path: 'email', key: 'validation.email', params: { field: 'email' } }],
    },
  });
  await expect(emailSection.getByRole('alert')).toHaveText('Enter a valid e-mail address');
  await expect(page.getByTestId('current-email')).toHaveValue(admin.email);
  await tallSnapshot(page, testInfo, 'english-core-validation', 1350);

  // A password problem only the core sees (the form was given a good one): the shared
  // catalogue's English text.
  const passwordSection = page.getByTestId('account-password');
  const passwordAnswer = rewriteCall(page, 'account.changePassword', (input) => ({ ...input, newPassword: 'too short' }));
  await field(passwordSection, 'Current password').fill(admin.password);
  await field(passwordSection, 'New password').fill('seven amber kites over the harbour');
  await field(passwordSection, 'New password (again)').fill('seven amber kites over the harbour');
  await passwordSection.getByRole('button', { name: 'Change password' }).click();
  expect(await passwordAnswer).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.password.too_short' } });
  await expect(passwordSection.getByRole('alert')).toHaveText('Use at least 12 characters');

  // Two more users; one is locked out by ten wrong passwords (the harness clock skips the delays).
  const created = await page.evaluate(
    async ({ users }) => {
      const { vault } = globalThis as unknown as PageWindow;
      const results = [];
      for (const u of users) {
        results.push(await vault.users.create({ loginId: u.loginId, displayName: u.displayName, email: u.email, role: 'viewer', secondFactor: 'totp', initialPassword: u.password }));
      }
      return results.map((r) => r.ok);
    },
    { users: [lockedUser, lateUser] },
  );
  expect(created).toEqual([true, true]);
  const stranger = new HarnessClient(harness.url);
  for (let failure = 1; failure <= 10; failure += 1) {
    expect(await stranger.call('auth.login', { loginId: lockedUser.loginId, password: 'a wrong password entirely' })).toMatchObject({ ok: false });
    if (failure >= 3) await stranger.post('/__test/clock', { advanceMs: 1000 * 2 ** (failure - 3) + 200 });
  }

  // The login page in English, in a browser of its own: the right password of the locked-out
  // ID is refused with the core's keyed message.
  const context = await browser.newContext({ baseURL: harness.url, locale: 'en-GB', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 800 } });
  const other = await context.newPage();
  const otherProblems = await watchProblems(other);
  await other.goto('/');
  await other.getByText('English', { exact: true }).click();
  await expect(other.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await signInAttempt(other, lockedUser.loginId, lockedUser.password);
  await expect(other.getByRole('alert')).toHaveText(
    'This login ID is locked for now after repeated failed sign-ins. Try again in an hour, or ask an administrator to unlock it',
  );
  await snapshot(other, testInfo, 'english-login-locked-out');

  // Three days on, the other user's temporary password has expired.
  expect((await stranger.post('/__test/clock', { advanceMs: 73 * 3600 * 1000 })).status).toBe(200);
  await signInAttempt(other, lateUser.loginId, lateUser.password);
  await expect(other.getByRole('alert')).toHaveText('The temporary password has expired (72 hours). Ask an administrator for a new one');
  await snapshot(other, testInfo, 'english-login-temporary-password-expired');

  expectNoProblems(otherProblems);
  await context.close();
  expectNoProblems(problems);
});
