// Login users in the browser: a manager who signs in with a code sent by e-mail (read from a
// real SMTP server) and must change the temporary password; a viewer who enrols an
// authenticator app at first login; the reminder (forgot password); the idle lock with an
// advanced clock (the page's and the core's) and unlocking. Users and SMTP are set up through
// the harness bridge as the administrator. Every screen of these flows is photographed.
import type { Page } from '@playwright/test';
import { HarnessClient } from '../harness/support/client';
import { freshCode } from '../harness/support/totp';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { E2E_ADMIN } from './support/admin';
import { expect, expectNoProblems, field, snapshot, test } from './support/harness';

const admin = E2E_ADMIN;
const manager = {
  loginId: 'tanaka',
  displayName: '総務部 田中',
  email: 'tanaka@example.co.jp',
  temporary: 'temporary walnut ladder 4821',
  password: 'violet harbour kettle drumming',
  afterReset: 'seven quiet otters under moonlight',
};
const viewer = {
  loginId: 'sato-zeirishi',
  displayName: '佐藤税理士事務所',
  email: 'sato@example.jp',
  temporary: 'granite pelican souvenir 7735',
  password: 'orange tundra whistle caravan',
};

interface World {
  smtp: TestSmtp;
  api: HarnessClient;
}

// The tests of this file share one harness (see support/harness.ts) and run in order.
let world: Promise<World> | null = null;

/** The administrator (set up and signed in through the bridge), SMTP, and the two users. */
async function setUp(url: string): Promise<World> {
  const smtp = await startSmtp();
  const api = new HarnessClient(url);
  await api.value('setup.createAdmin', admin);
  // Setup's confirmation step is skipped, so this first login enrols a new authenticator.
  const challenge = await api.value('auth.login', { loginId: admin.loginId, password: admin.password });
  expect(challenge.enrolment).toBeDefined();
  const { code } = await freshCode(challenge.enrolment!.secret);
  await api.value('auth.verify', { challengeId: challenge.challengeId, code });
  await api.value('auth.reauth', { password: admin.password });
  await api.value('settings.setSmtp', { host: '127.0.0.1', port: smtp.port, security: 'none', username: '', from: 'vault@example.co.jp' });
  await api.value('users.create', {
    loginId: manager.loginId,
    displayName: manager.displayName,
    email: manager.email,
    role: 'manager',
    secondFactor: 'email',
    initialPassword: manager.temporary,
  });
  await api.value('users.create', {
    loginId: viewer.loginId,
    displayName: viewer.displayName,
    email: viewer.email,
    role: 'viewer',
    secondFactor: 'totp',
    initialPassword: viewer.temporary,
  });
  return { smtp, api };
}

function getWorld(url: string): Promise<World> {
  world ??= setUp(url);
  return world;
}

test.afterAll(async () => {
  if (world) await (await world).smtp.close();
});

async function enterPassword(page: Page, loginId: string, password: string) {
  await field(page, 'ログインID').fill(loginId);
  await field(page, 'パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
}

/** Password, then the e-mail code read from the SMTP server; returns once the code is accepted. */
async function signInByEmail(page: Page, smtp: TestSmtp, password: string) {
  const before = smtp.mails.filter((m) => m.to.includes(manager.email)).length;
  await enterPassword(page, manager.loginId, password);
  await expect(page.getByText('登録されたメールアドレス（ta***@example.co.jp）に送信した6桁のコードを入力してください。')).toBeVisible();
  await smtp.waitForMail(manager.email, before + 1);
  await field(page, '確認コード').fill(smtp.lastCodeFor(manager.email));
  await page.getByRole('button', { name: '確認', exact: true }).click();
}

async function changePassword(page: Page, current: string, next: string, owner: { loginId: string }) {
  await field(page, '現在のパスワード').fill(current);
  // The meter uses the core's rule: the user's own login ID is refused while typing.
  await field(page, '新しいパスワード').fill(`${owner.loginId} password 2024`);
  await expect(page.getByTestId('password-strength')).toContainText('ログインID・氏名・メールアドレスを含むパスワードは使えません');
  await field(page, '新しいパスワード').fill('password');
  await expect(page.getByTestId('password-strength')).toContainText('12文字以上');
  await field(page, '新しいパスワード').fill(next);
  await expect(page.getByTestId('password-strength')).toContainText('このパスワードは使えます');
  await field(page, '新しいパスワード（確認）').fill(next);
}

test('a manager signs in with an e-mail code and must change the temporary password', async ({ page, harness, problems }, testInfo) => {
  const { smtp } = await getWorld(harness.url);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'ログイン' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'パスワードを忘れた場合' })).toBeVisible();
  await snapshot(page, testInfo, 'login-password');

  await enterPassword(page, manager.loginId, manager.temporary);
  await expect(page.getByRole('heading', { name: '確認コードの入力' })).toBeVisible();
  await expect(page.getByText('登録されたメールアドレス（ta***@example.co.jp）に送信した6桁のコードを入力してください。')).toBeVisible();
  await smtp.waitForMail(manager.email, 1);

  // A re-send right away is throttled; the core's message is shown as it is.
  await page.getByRole('button', { name: 'コードを再送信' }).click();
  await expect(page.getByRole('alert')).toContainText('確認コードの再送信は');
  await expect(page.getByRole('alert')).toContainText('秒後にお試しください');
  await snapshot(page, testInfo, 'login-email-code');

  // A wrong code is refused; the mailed one is accepted.
  const code = smtp.lastCodeFor(manager.email);
  await field(page, '確認コード').fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: '確認', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('確認コードが正しくありません');
  await field(page, '確認コード').fill(code);
  await page.getByRole('button', { name: '確認', exact: true }).click();

  // The forced password change: nothing else until it is done.
  await expect(page.getByRole('heading', { name: 'パスワードの変更' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'メインメニュー' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'パスワードの変更' })).toBeVisible();
  await changePassword(page, manager.temporary, manager.password, manager);
  await snapshot(page, testInfo, 'login-change-password');
  await page.getByRole('button', { name: 'パスワードを変更' }).click();

  await expect(page.getByRole('heading', { name: 'ダッシュボード' })).toBeVisible();
  await expect(page.getByTestId('current-user')).toHaveText(manager.displayName);
  await expect(page.getByText('権限：管理担当者')).toBeVisible();
  // Admin-only pages are not offered to a manager.
  const nav = page.getByRole('navigation', { name: 'メインメニュー' });
  await expect(nav.getByRole('button', { name: /^アカウント/ })).toBeVisible();
  await expect(nav.getByRole('button', { name: /^ユーザー管理/ })).toHaveCount(0);
  await expect(nav.getByRole('button', { name: /^設定/ })).toHaveCount(0);

  // The old password no longer works, the new one does.
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await enterPassword(page, manager.loginId, manager.temporary);
  await expect(page.getByRole('alert')).toContainText('ログインIDまたはパスワードが正しくありません');
  await signInByEmail(page, smtp, manager.password);
  await expect(page.getByRole('heading', { name: 'ダッシュボード' })).toBeVisible();

  expectNoProblems(problems);
});

test('a viewer enrols an authenticator app at first login', async ({ page, harness, problems }, testInfo) => {
  await getWorld(harness.url);
  await page.goto('/');
  await enterPassword(page, viewer.loginId, viewer.temporary);

  await expect(page.getByRole('heading', { name: '認証アプリの登録' })).toBeVisible();
  await expect(page.getByRole('img', { name: '認証アプリに登録するためのQRコード' })).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await snapshot(page, testInfo, 'login-totp-enrolment');
  await field(page, '認証アプリに表示された6桁のコード').fill((await freshCode(secret)).code);
  await page.getByRole('button', { name: '登録してログイン' }).click();

  await expect(page.getByRole('heading', { name: 'パスワードの変更' })).toBeVisible();
  await changePassword(page, viewer.temporary, viewer.password, viewer);
  await page.getByRole('button', { name: 'パスワードを変更' }).click();
  await expect(page.getByRole('heading', { name: 'ダッシュボード' })).toBeVisible();
  await expect(page.getByTestId('current-user')).toHaveText(viewer.displayName);
  await expect(page.getByText('権限：閲覧')).toBeVisible();

  // Enrolled: the next login asks for a code only, no QR code.
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await enterPassword(page, viewer.loginId, viewer.password);
  await expect(page.getByRole('heading', { name: '確認コードの入力' })).toBeVisible();
  await expect(page.getByText('認証アプリに表示されている6桁のコードを入力してください。')).toBeVisible();
  await expect(page.getByTestId('totp-secret')).toHaveCount(0);

  expectNoProblems(problems);
});

test('the reminder sets a new password, which then signs in', async ({ page, harness, problems }, testInfo) => {
  const { smtp } = await getWorld(harness.url);
  await page.goto('/');
  await page.getByRole('button', { name: 'パスワードを忘れた場合' }).click();
  await expect(page.getByRole('heading', { name: 'パスワードの再設定' })).toBeVisible();
  await snapshot(page, testInfo, 'forgot-password-1-request');

  const before = smtp.mails.filter((m) => m.to.includes(manager.email)).length;
  await field(page, 'ログインID').fill(manager.loginId);
  await page.getByRole('button', { name: '確認コードを送信' }).click();
  await expect(page.getByText('6桁の確認コードを送信しました')).toBeVisible();
  await smtp.waitForMail(manager.email, before + 1);
  await field(page, '確認コード').fill(smtp.lastCodeFor(manager.email));
  await field(page, '新しいパスワード').fill(manager.afterReset);
  await field(page, '新しいパスワード（確認）').fill(manager.afterReset);
  await expect(page.getByTestId('password-strength')).toContainText('このパスワードは使えます');
  await snapshot(page, testInfo, 'forgot-password-2-reset');
  await page.getByRole('button', { name: 'パスワードを再設定' }).click();

  await expect(page.getByRole('heading', { name: 'ログイン' })).toBeVisible();
  await expect(page.getByText('パスワードを再設定しました。')).toBeVisible();
  await enterPassword(page, manager.loginId, manager.password);
  await expect(page.getByRole('alert')).toContainText('ログインIDまたはパスワードが正しくありません');
  await signInByEmail(page, smtp, manager.afterReset);
  await expect(page.getByRole('heading', { name: 'ダッシュボード' })).toBeVisible();
  await expect(page.getByTestId('current-user')).toHaveText(manager.displayName);

  expectNoProblems(problems);
});

async function unlock(page: Page, smtp: TestSmtp) {
  const before = smtp.mails.filter((m) => m.to.includes(manager.email)).length;
  await field(page, 'パスワード').fill(manager.afterReset);
  await page.getByRole('button', { name: 'ロックを解除' }).click();
  await smtp.waitForMail(manager.email, before + 1);
  await field(page, '確認コード').fill(smtp.lastCodeFor(manager.email));
  await page.getByRole('button', { name: '確認', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'ダッシュボード' })).toBeVisible();
  await expect(page.getByTestId('current-user')).toHaveText(manager.displayName);
}

test('the idle lock warns, locks, and unlocks with the password and second factor', async ({ page, harness, problems }, testInfo) => {
  const { smtp } = await getWorld(harness.url);
  await page.clock.install();
  await page.goto('/');
  await signInByEmail(page, smtp, manager.afterReset);
  await expect(page.getByRole('heading', { name: 'ダッシュボード' })).toBeVisible();

  // Typed but unsaved input: the warning says it would be lost.
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: /^アカウント/ }).click();
  const input = page.locator('[data-mnv-main] input[type="password"]').first();
  await input.fill('half-typed');

  // A minute before the limit (10 minutes by default), the warning; 続ける keeps the session.
  await page.clock.fastForward('09:05');
  const warning = page.getByRole('dialog', { name: 'まもなくロックします' });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('入力中の内容は保存されていません');
  await snapshot(page, testInfo, 'idle-warning');
  await warning.getByRole('button', { name: '続ける' }).click();
  await expect(warning).toBeHidden();
  await expect(input).toHaveValue('half-typed');

  // No activity for the whole period: the lock screen.
  await input.fill('');
  await page.clock.fastForward('09:05');
  await expect(warning).toBeVisible();
  await expect(warning).not.toContainText('入力中の内容は保存されていません');
  await page.clock.fastForward('01:00');
  await expect(page.getByRole('heading', { name: '画面ロック中' })).toBeVisible();
  await expect(page.getByTestId('locked-user')).toContainText(manager.displayName);
  await expect(field(page, 'ログインID')).toHaveValue(manager.loginId);
  await expect(field(page, 'ログインID')).toHaveAttribute('readonly', '');
  await snapshot(page, testInfo, 'lock-screen');
  // The core agrees: a reload still shows the lock screen, not the app.
  await page.reload();
  await expect(page.getByRole('heading', { name: '画面ロック中' })).toBeVisible();

  // Unlock: password, then a fresh e-mail code.
  await unlock(page, smtp);

  // The OS lock screen (the harness bridge stands in for the desktop shell's event) locks too.
  // (As text: this file is compiled without DOM types.)
  await page.evaluate(`window.dispatchEvent(new Event('mnv-harness:os-lock'))`);
  await expect(page.getByRole('heading', { name: '画面ロック中' })).toBeVisible();
  await unlock(page, smtp);

  // The core's own clock passes the idle limit while the page still counts: the next call
  // (the keep-alive on activity) is refused as LOCKED and the page shows the lock screen.
  const clock = await new HarnessClient(harness.url).post('/__test/clock', { advanceMs: 11 * 60_000 });
  expect(clock.status).toBe(200);
  await page.clock.fastForward('01:30');
  await page.mouse.move(200, 300);
  await page.mouse.move(420, 360);
  await expect(page.getByRole('heading', { name: '画面ロック中' })).toBeVisible();

  // Someone else may sign in instead.
  await page.getByRole('button', { name: '別のユーザーでログイン' }).click();
  await expect(page.getByRole('heading', { name: 'ログイン' })).toBeVisible();
  await expect(field(page, 'ログインID')).toHaveValue('');

  expectNoProblems(problems);
});
