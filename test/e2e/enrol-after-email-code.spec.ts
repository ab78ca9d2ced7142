// An existing account that signs in with e-mail codes, after the administrator has required an
// authenticator app for everyone: the login asks for the e-mailed code first, then (and only
// then) shows the QR code to enrol, with a lead that says so, and signs in with the app's code.
// Once in Japanese, once in English (two such users). Users and settings are set up through the
// harness bridge; codes are read from a real SMTP server.
// No page may raise a CSP violation, console error or uncaught exception.
import type { Page } from '@playwright/test';
import { HarnessClient } from '../harness/support/client';
import { freshCode } from '../harness/support/totp';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { E2E_ADMIN } from './support/admin';
import { expect, expectNoProblems, field, snapshot, test } from './support/harness';

const users = [
  { loginId: 'ogawa', displayName: '総務部 小川', email: 'ogawa@example.co.jp', temporary: 'pelican harvest marble 3391', password: 'slow rivers carry old songs' },
  { loginId: 'hayashi', displayName: '人事部 林', email: 'hayashi@example.co.jp', temporary: 'thistle beacon orchard 8824', password: 'paper lanterns over still water' },
];

let smtp: TestSmtp;
test.beforeAll(async () => {
  smtp = await startSmtp();
});
test.afterAll(async () => {
  await smtp.close();
});

/** The admin, SMTP, the two users each signed in once by e-mail code, then TOTP required for all. */
async function setUp(url: string) {
  const api = new HarnessClient(url);
  await api.value('setup.createAdmin', E2E_ADMIN);
  const challenge = await api.value('auth.login', { loginId: E2E_ADMIN.loginId, password: E2E_ADMIN.password });
  await api.value('auth.verify', { challengeId: challenge.challengeId, code: (await freshCode(challenge.enrolment!.secret)).code });
  await api.value('auth.reauth', { password: E2E_ADMIN.password });
  await api.value('settings.setSmtp', { host: '127.0.0.1', port: smtp.port, security: 'none', username: '', from: 'vault@example.co.jp' });
  for (const user of users) {
    await api.value('users.create', { loginId: user.loginId, displayName: user.displayName, email: user.email, role: 'manager', secondFactor: 'email', initialPassword: user.temporary });
    const own = new HarnessClient(url);
    const first = await own.value('auth.login', { loginId: user.loginId, password: user.temporary });
    await smtp.waitForMail(user.email, 1);
    await own.value('auth.verify', { challengeId: first.challengeId, code: smtp.lastCodeFor(user.email) });
    await own.value('account.changePassword', { currentPassword: user.temporary, newPassword: user.password });
  }
  await api.value('settings.setSecurity', { requireTotpForAll: true, idleLockMinutes: 10 });
}

async function signIn(page: Page, user: (typeof users)[number], labels: { loginId: string; password: string; submit: string }) {
  await field(page, labels.loginId).fill(user.loginId);
  await field(page, labels.password).fill(user.password);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
}

test('the e-mail code comes first, then the authenticator is enrolled', async ({ page, harness, problems }, testInfo) => {
  await setUp(harness.url);

  // Japanese.
  const [ja, en] = users as [(typeof users)[number], (typeof users)[number]];
  await page.goto('/');
  let mails = smtp.mails.filter((m) => m.to.includes(ja.email)).length;
  await signIn(page, ja, { loginId: 'ログインID', password: 'パスワード', submit: 'ログイン' });
  await expect(page.getByRole('heading', { name: '確認コードの入力' })).toBeVisible();
  // Told before the code that an authenticator will be set up after it.
  await expect(
    page.getByText('登録されたメールアドレス（og***@example.co.jp）に送信した6桁のコードを入力してください。管理者の設定により、このアカウントでは認証アプリが必要です。コードを確認したあと、認証アプリを登録します。', { exact: true }),
  ).toBeVisible();
  await expect(page.getByTestId('totp-secret')).toHaveCount(0);
  await smtp.waitForMail(ja.email, mails + 1);
  await field(page, '確認コード').fill(smtp.lastCodeFor(ja.email));
  await page.getByRole('button', { name: '確認', exact: true }).click();
  await expect(page.getByRole('heading', { name: '認証アプリの登録' })).toBeVisible();
  await expect(
    page.getByText('メールの確認コードを確認しました。管理者の設定により、このアカウントでは認証アプリ（Google Authenticator など）が必要です。', { exact: false }),
  ).toBeVisible();
  await expect(page.getByRole('img', { name: '認証アプリに登録するためのQRコード' })).toBeVisible();
  // A fresh form for the app's code: the e-mail code is not left in it, and no re-send is offered.
  await expect(field(page, '認証アプリに表示された6桁のコード')).toHaveValue('');
  await expect(page.getByRole('button', { name: 'コードを再送信' })).toHaveCount(0);
  await snapshot(page, testInfo, 'login-enrol-after-email-code');
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  await field(page, '認証アプリに表示された6桁のコード').fill((await freshCode(secret)).code);
  await page.getByRole('button', { name: '登録してログイン' }).click();
  await expect(page.getByRole('heading', { name: 'ダッシュボード' })).toBeVisible();
  await expect(page.getByTestId('current-user')).toHaveText(ja.displayName);
  await page.getByRole('button', { name: 'ログアウト' }).click();

  // English.
  await expect(page.getByRole('heading', { name: 'ログイン' })).toBeVisible();
  await page.getByText('English', { exact: true }).click();
  mails = smtp.mails.filter((m) => m.to.includes(en.email)).length;
  await signIn(page, en, { loginId: 'Login ID', password: 'Password', submit: 'Sign in' });
  await expect(page.getByRole('heading', { name: 'Verification code' })).toBeVisible();
  await expect(page.getByText('once the code is accepted, you will set it up.', { exact: false })).toBeVisible();
  await smtp.waitForMail(en.email, mails + 1);
  await field(page, 'Code').fill(smtp.lastCodeFor(en.email));
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Set up your authenticator app' })).toBeVisible();
  await expect(page.getByText('The e-mail code was accepted. Your administrator requires an authenticator app', { exact: false })).toBeVisible();
  await snapshot(page, testInfo, 'login-enrol-after-email-code-en');
  const secretEn = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  await field(page, 'The 6-digit code shown in the app').fill((await freshCode(secretEn)).code);
  await page.getByRole('button', { name: 'Register and sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('current-user')).toHaveText(en.displayName);

  expectNoProblems(problems);
});
