// Login users end to end: the admin configures SMTP against a real smtp-server and creates a
// manager (codes by e-mail) and a viewer (authenticator app) through the UI, answering the
// password re-entry dialog; each signs in in a browser of their own and changes the initial
// password; the viewer finds the admin pages absent and refused by the core, reads the
// registrants without any way to show or change a My Number, and enrols a new
// authenticator from the account page; the admin unlocks a locked-out user and disables one.
// Every page must raise no CSP violation, console error or uncaught exception.
import type { Browser, Page } from '@playwright/test';
import type { VaultApi } from '../../src-shared/vault-api';
import { HarnessClient } from '../harness/support/client';
import { freshCode } from '../harness/support/totp';
import { generateMyNumber } from '../support/numbers';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { E2E_ADMIN, signInFirstAdmin } from './support/admin';
import { expect, expectNoProblems, field, type PageProblems, snapshot, tallSnapshot, test, watchProblems } from './support/harness';

const admin = E2E_ADMIN;
const manager = {
  loginId: 'sato.k',
  displayName: '総務部 佐藤',
  email: 'sato@example.co.jp',
  initialPassword: 'maple orchard whistle 1984',
  newPassword: 'quiet river under copper skies',
};
const viewer = {
  loginId: 'tax-office',
  displayName: '税理士 鈴木',
  email: 'suzuki@tax.example.jp',
  initialPassword: 'granite lantern parade 2211',
  newPassword: 'seven paper boats drift north',
};

/** The page's window, as seen from code compiled without DOM types. */
type PageWindow = { vault: VaultApi };

async function newUserPage(browser: Browser, baseURL: string): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ baseURL, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems = await watchProblems(page);
  await page.goto('/');
  return { page, problems };
}

async function passwordStep(page: Page, loginId: string, password: string) {
  await expect(page.getByRole('heading', { name: 'ログイン' })).toBeVisible();
  await field(page, 'ログインID').fill(loginId);
  await field(page, 'パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
}

async function changeInitialPassword(page: Page, current: string, next: string) {
  await expect(page.getByRole('heading', { name: 'パスワードの変更' })).toBeVisible();
  await field(page, '現在のパスワード').fill(current);
  await field(page, '新しいパスワード').fill(next);
  await field(page, '新しいパスワード（確認）').fill(next);
  await page.getByRole('button', { name: 'パスワードを変更' }).click();
  await expect(page.getByRole('heading', { name: 'ダッシュボード' })).toBeVisible();
}

function nav(page: Page) {
  return page.getByRole('navigation', { name: 'メインメニュー' });
}

async function openPage(page: Page, name: string, heading = name) {
  await nav(page).getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
}

function userRow(page: Page, loginId: string) {
  return page.getByRole('table', { name: 'ユーザー一覧' }).locator(`tr[data-login-id="${loginId}"]`);
}

async function rowAction(page: Page, displayName: string, action: string) {
  await page.getByRole('button', { name: `${displayName} の操作` }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

function reauthDialog(page: Page) {
  return page.getByRole('dialog', { name: 'パスワードの再入力' });
}

/** Fills the user form (the create-user dialog must be open). */
async function fillNewUser(page: Page, user: typeof manager, role: string, factor: string) {
  const form = page.getByRole('dialog', { name: 'ユーザーの追加' });
  await field(form, 'ログインID').fill(user.loginId);
  await field(form, '表示名').fill(user.displayName);
  await field(form, 'メールアドレス').fill(user.email);
  await form.getByRole('radio', { name: role, exact: true }).check();
  await form.getByRole('radio', { name: factor, exact: true }).check();
  await field(form, '初期パスワード').fill(user.initialPassword);
  await expect(form.getByTestId('password-strength')).toContainText('このパスワードは使えます');
  return form;
}

test.describe.configure({ mode: 'serial' });

let smtp: TestSmtp;
test.beforeAll(async () => {
  smtp = await startSmtp();
});
test.afterAll(async () => {
  await smtp.close();
});

test('the admin manages users and settings; each role signs in with its own factor', async ({ page, problems, harness, browser }, testInfo) => {
  test.setTimeout(300_000);

  await signInFirstAdmin(page, harness.url);

  // ユーザー管理: the admin alone so far.
  await openPage(page, 'ユーザー管理');
  await expect(userRow(page, admin.loginId)).toContainText('最高権限');
  await expect(userRow(page, admin.loginId)).toContainText('（自分）');

  // Create the manager: the re-auth dialog appears; cancel keeps the form quietly, a wrong
  // password shows the core's message, the right one retries the creation.
  await page.getByRole('button', { name: 'ユーザーを追加' }).click();
  let form = await fillNewUser(page, manager, '管理担当者', 'メール');
  await expect(form.getByText('初回ログイン時に、パスワードの変更を求められます')).toBeVisible();
  await tallSnapshot(page, testInfo, 'users-create-form', 1150);
  await form.getByRole('button', { name: '追加する' }).click();
  await expect(reauthDialog(page)).toBeVisible();
  await reauthDialog(page).getByRole('button', { name: 'キャンセル' }).click();
  await expect(reauthDialog(page)).toBeHidden();
  await expect(form).toBeVisible();
  await expect(form.getByRole('alert')).toHaveCount(0);
  await form.getByRole('button', { name: '追加する' }).click();
  await field(reauthDialog(page), 'パスワード').fill('not my password at all');
  await reauthDialog(page).getByRole('button', { name: '確認して続ける' }).click();
  await expect(reauthDialog(page).getByRole('alert')).toContainText('パスワードが正しくありません');
  await field(reauthDialog(page), 'パスワード').fill(admin.password);
  await snapshot(page, testInfo, 'users-reauth-dialog');
  await reauthDialog(page).getByRole('button', { name: '確認して続ける' }).click();
  await expect(reauthDialog(page)).toBeHidden();
  await expect(page.getByTestId('notice')).toContainText(`ユーザー「${manager.displayName}」を追加しました。`);
  await expect(userRow(page, manager.loginId)).toContainText('管理担当者');
  await expect(userRow(page, manager.loginId)).toContainText('メール');
  await expect(userRow(page, manager.loginId)).toContainText('要パスワード変更');
  await expect(userRow(page, manager.loginId)).toContainText('未ログイン');

  // The viewer: within the 5-minute window, no dialog.
  await page.getByRole('button', { name: 'ユーザーを追加' }).click();
  form = await fillNewUser(page, viewer, '閲覧', '認証アプリ');
  await form.getByRole('button', { name: '追加する' }).click();
  await expect(page.getByTestId('notice')).toContainText(`ユーザー「${viewer.displayName}」を追加しました。`);
  await expect(reauthDialog(page)).toBeHidden();
  await expect(userRow(page, viewer.loginId)).toContainText('閲覧');
  await expect(userRow(page, viewer.loginId)).toContainText('認証アプリ');
  await expect(userRow(page, viewer.loginId)).toContainText('未登録');

  // The core's refusal is shown as it is: the last admin cannot be demoted.
  await rowAction(page, admin.displayName, '編集');
  const edit = page.getByRole('dialog', { name: 'ユーザーの編集' });
  await edit.getByRole('radio', { name: '管理担当者', exact: true }).check();
  await edit.getByRole('button', { name: '変更を保存' }).click();
  await expect(edit.getByRole('alert')).toContainText('有効な最高権限ユーザーが他にいないため、この変更はできません');
  await edit.getByRole('button', { name: 'キャンセル' }).click();
  await expect(edit).toBeHidden();

  // 設定: SMTP pointing at the test server, then the test mail reports the server's 250.
  await openPage(page, '設定');
  const smtpSection = page.getByTestId('smtp-settings');
  await expect(smtpSection.getByText('SMTPサーバーがまだ設定されていません')).toBeVisible();
  await field(smtpSection, 'SMTPサーバー').fill('127.0.0.1');
  await smtpSection.getByRole('radio', { name: 'なし', exact: true }).check();
  await field(smtpSection, 'ポート').fill(String(smtp.port));
  await field(smtpSection, '送信元アドレス').fill('vault@example.co.jp');
  await smtpSection.getByRole('button', { name: '保存' }).click();
  await expect(smtpSection.getByTestId('notice')).toContainText('SMTP設定を保存しました。');
  const stored = await page.evaluate(() => (globalThis as unknown as PageWindow).vault.settings.getSmtp({}));
  expect(stored).toMatchObject({ ok: true, value: { smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', from: 'vault@example.co.jp', hasPassword: false } } });
  await field(smtpSection, '送信先').fill(admin.email);
  await smtpSection.getByRole('button', { name: 'テストメール送信' }).click();
  await expect(smtpSection.getByTestId('smtp-test-result')).toContainText('送信できました');
  await expect(smtpSection.getByTestId('smtp-test-result')).toContainText('250');
  await smtp.waitForMail(admin.email);
  await tallSnapshot(page, testInfo, 'settings', 1500);

  // A new recovery code, shown once with the warning; closing needs the acknowledgement.
  await page.getByRole('button', { name: '回復コードを再発行' }).click();
  await page.getByRole('dialog', { name: '回復コードを再発行しますか？' }).getByRole('button', { name: '再発行する' }).click();
  const recovery = page.getByRole('dialog', { name: '新しい回復コード' });
  await expect(recovery.getByTestId('new-recovery-code')).not.toBeEmpty();
  await expect(recovery.getByText('これまでの回復コードは、もう使えません')).toBeVisible();
  await expect(recovery.getByText('回復コードの両方を失うと')).toBeVisible();
  await expect(recovery.getByRole('button', { name: '閉じる' })).toBeDisabled();
  await recovery.getByLabel('新しい回復コードを書き写し、安全な場所に保管しました').check();
  await recovery.getByRole('button', { name: '閉じる' }).click();
  await expect(recovery).toBeHidden();

  // The manager signs in with a code read from the SMTP server, then must change the password.
  const m = await newUserPage(browser, harness.url);
  await passwordStep(m.page, manager.loginId, manager.initialPassword);
  await expect(m.page.getByRole('heading', { name: '確認コードの入力' })).toBeVisible();
  await smtp.waitForMail(manager.email);
  await field(m.page, '確認コード').fill(smtp.lastCodeFor(manager.email));
  await m.page.getByRole('button', { name: '確認', exact: true }).click();
  await changeInitialPassword(m.page, manager.initialPassword, manager.newPassword);
  await expect(m.page.getByTestId('current-user')).toHaveText(manager.displayName);
  await expect(nav(m.page).getByRole('button', { name: 'ユーザー管理' })).toHaveCount(0);
  await expect(nav(m.page).getByRole('button', { name: '設定' })).toHaveCount(0);

  // The viewer enrols the authenticator at the first sign-in from the key shown, then changes
  // the password; the admin pages are absent and refused by the core.
  const v = await newUserPage(browser, harness.url);
  await passwordStep(v.page, viewer.loginId, viewer.initialPassword);
  await expect(v.page.getByRole('heading', { name: '認証アプリの登録' })).toBeVisible();
  const viewerSecret = (await v.page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  expect(viewerSecret).toMatch(/^[A-Z2-7]{16,}$/);
  await field(v.page, '認証アプリに表示された6桁のコード').fill((await freshCode(viewerSecret)).code);
  await v.page.getByRole('button', { name: '登録してログイン' }).click();
  await changeInitialPassword(v.page, viewer.initialPassword, viewer.newPassword);
  await expect(v.page.getByTestId('current-user')).toHaveText(viewer.displayName);
  await expect(nav(v.page).getByRole('button', { name: 'アカウント' })).toBeVisible();
  await expect(nav(v.page).getByRole('button', { name: 'ユーザー管理' })).toHaveCount(0);
  await expect(nav(v.page).getByRole('button', { name: '設定' })).toHaveCount(0);
  const refused = await v.page.evaluate(() => (globalThis as unknown as PageWindow).vault.users.list({}));
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'この操作を行う権限がありません' } });

  // 登録者: the viewer reads the list and a registrant's detail (a registrant with a number,
  // added by the admin), finds no way to add, edit, register, correct or show a number, and
  // the core refuses the number channels to the viewer.
  const registrantNumber = generateMyNumber(271828);
  const seeded = await page.evaluate(async () => {
    const { vault } = globalThis as unknown as PageWindow;
    return vault.registrants.create({ familyName: '高橋', givenName: '美咲', familyNameKana: 'たかはし', givenNameKana: 'みさき', employeeCode: 'E1001', attributes: ['employee'] });
  });
  if (!seeded.ok) throw new Error(seeded.error.message);
  const registrantId = seeded.value.id;
  // With two admins/managers a number goes in by proxy entry and a second user's approval:
  // the admin enters it, the manager approves it.
  const entered = await page.evaluate(
    async ({ id, myNumber }) => (globalThis as unknown as PageWindow).vault.submissions.createProxy({ registrantId: id, myNumber }),
    { id: registrantId, myNumber: registrantNumber },
  );
  if (!entered.ok) throw new Error(entered.error.message);
  expect(entered.value.status).toBe('pending');
  const approved = await m.page.evaluate(async (id) => (globalThis as unknown as PageWindow).vault.submissions.approve({ id }), entered.value.id);
  expect(approved).toMatchObject({ ok: true });
  await openPage(v.page, '登録者');
  const registrantRows = v.page.getByRole('table', { name: '登録者一覧' }).locator('tbody tr');
  await expect(registrantRows).toHaveCount(1);
  await expect(registrantRows.first()).toContainText('高橋 美咲');
  await expect(registrantRows.first()).toContainText('タカハシ ミサキ');
  await expect(registrantRows.first()).toContainText('完了');
  await expect(registrantRows.first()).toContainText('登録済み');
  const forbiddenButtons = /表示|登録|訂正|追加|編集/;
  await expect(v.page.getByRole('main').getByRole('button', { name: forbiddenButtons })).toHaveCount(0);
  await registrantRows.first().getByRole('button', { name: '高橋 美咲 さんの詳細' }).click();
  const viewerDrawer = v.page.getByRole('dialog', { name: '登録者の詳細' });
  await expect(viewerDrawer.getByTestId('detail-name')).toHaveText('高橋 美咲');
  const viewerSection = viewerDrawer.getByTestId('mynumber-section');
  await expect(viewerSection).toContainText('登録済み');
  await expect(viewerSection).toContainText('閲覧権限ではマイナンバーを表示できません');
  await expect(viewerDrawer.getByRole('button', { name: forbiddenButtons })).toHaveCount(0);
  // The drawer slides in: photograph it once its transition has ended.
  await viewerDrawer.evaluate((el: any) => Promise.all(el.getAnimations({ subtree: true }).map((a: any) => a.finished)));
  await snapshot(v.page, testInfo, 'registrants-viewer-detail');
  const numberCalls = await v.page.evaluate(
    async ({ id, myNumber }) => {
      const { vault } = globalThis as unknown as PageWindow;
      return [
        await vault.mynumber.reveal({ subject: { registrantId: id }, purposeId: 'withholding_slip' }),
        await vault.mynumber.set({ subject: { registrantId: id }, myNumber }),
      ];
    },
    { id: registrantId, myNumber: registrantNumber },
  );
  expect(numberCalls).toMatchObject([
    { ok: false, error: { code: 'FORBIDDEN' } },
    { ok: false, error: { code: 'FORBIDDEN' } },
  ]);
  expect(JSON.stringify(numberCalls)).not.toContain(registrantNumber);
  await viewerDrawer.getByRole('button', { name: '閉じる' }).click();
  await expect(viewerDrawer).toBeHidden();

  // The admin requires the authenticator app for everyone.
  const security = page.getByTestId('security-settings');
  await security.getByRole('switch', { name: '全員に認証アプリを必須にする' }).check();
  await security.getByRole('button', { name: '保存' }).click();
  await expect(security.getByTestId('notice')).toContainText('セキュリティ設定を保存しました。');
  expect(await page.evaluate(() => (globalThis as unknown as PageWindow).vault.settings.getSecurity({}))).toMatchObject({ ok: true, value: { requireTotpForAll: true, idleLockMinutes: 10 } });

  // アカウント: the viewer enrols a new authenticator by QR code (after re-entering the password)
  // and may not switch to e-mail codes while the admin requires the app.
  await openPage(v.page, 'アカウント');
  await expect(v.page.getByTestId('current-email')).toHaveValue(viewer.email);
  await expect(v.page.getByTestId('current-factor')).toHaveText(/認証アプリ\s*登録済み/);
  await v.page.getByRole('button', { name: '認証アプリを登録する' }).click();
  await field(reauthDialog(v.page), 'パスワード').fill(viewer.newPassword);
  await reauthDialog(v.page).getByRole('button', { name: '確認して続ける' }).click();
  const enrolment = v.page.getByTestId('totp-enrolment');
  await expect(enrolment.getByRole('img', { name: '認証アプリに登録するためのQRコード' })).toBeVisible();
  const newSecret = (await enrolment.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  expect(newSecret).toMatch(/^[A-Z2-7]{16,}$/);
  expect(newSecret).not.toBe(viewerSecret);
  await expect(reauthDialog(v.page)).toBeHidden();
  await tallSnapshot(v.page, testInfo, 'account-totp-qr', 1500);
  await field(enrolment, '認証アプリに表示された6桁のコード').fill((await freshCode(newSecret)).code);
  await enrolment.getByRole('button', { name: '登録する' }).click();
  await expect(v.page.getByTestId('notice')).toContainText('認証アプリを登録しました。');
  await v.page.getByRole('button', { name: 'メールでのコードに切り替える' }).click();
  const switchDialog = v.page.getByRole('dialog', { name: 'メールでのコードに切り替えますか？' });
  await switchDialog.getByRole('button', { name: 'メールでのコードに切り替える' }).click();
  await expect(switchDialog.getByRole('alert')).toContainText('管理者の設定により、認証アプリ（TOTP）による確認が必須です');
  await switchDialog.getByRole('button', { name: 'キャンセル' }).click();
  await expect(v.page.getByTestId('current-factor')).toHaveText(/認証アプリ\s*登録済み/);

  // The viewer changes the e-mail address (still within the re-auth window); the page shows the new one.
  const emailSection = v.page.getByTestId('account-email');
  await field(emailSection, '新しいメールアドレス').fill('suzuki.new@tax.example.jp');
  await emailSection.getByRole('button', { name: 'メールアドレスを変更' }).click();
  await expect(emailSection.getByTestId('notice')).toContainText('メールアドレスを変更しました。');
  await expect(v.page.getByTestId('current-email')).toHaveValue('suzuki.new@tax.example.jp');
  await expect(field(emailSection, '新しいメールアドレス')).toHaveValue('');

  // The manager is locked out after 10 wrong passwords (the harness clock skips the delays).
  const stranger = new HarnessClient(harness.url);
  for (let failure = 1; failure <= 10; failure += 1) {
    const attempt = await stranger.call('auth.login', { loginId: manager.loginId, password: 'a wrong password entirely' });
    expect(attempt).toMatchObject({ ok: false });
    if (failure >= 3) await stranger.post('/__test/clock', { advanceMs: 1000 * 2 ** (failure - 3) + 200 });
  }
  expect(await stranger.call('auth.login', { loginId: manager.loginId, password: manager.newPassword })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });

  // The admin sees the lock and lifts it.
  await openPage(page, 'ダッシュボード');
  await openPage(page, 'ユーザー管理');
  await expect(userRow(page, manager.loginId).locator('[data-status="locked"]')).toHaveText('ロック中');
  await expect(userRow(page, viewer.loginId)).not.toContainText('要パスワード変更');
  await snapshot(page, testInfo, 'users-list');
  await rowAction(page, manager.displayName, 'ロックを解除');
  await expect(page.getByTestId('notice')).toContainText(`「${manager.displayName}」のロックを解除しました。`);
  await expect(userRow(page, manager.loginId).locator('[data-status="locked"]')).toHaveCount(0);
  expect(await stranger.call('auth.login', { loginId: manager.loginId, password: manager.newPassword })).toMatchObject({ ok: true });

  // The admin disables the viewer (confirming, and re-entering the password if the window closed).
  await rowAction(page, viewer.displayName, '無効にする');
  const confirm = page.getByRole('dialog', { name: 'ユーザーを無効にする' });
  await confirm.getByRole('button', { name: '無効にする' }).click();
  await expect(page.getByTestId('notice').or(reauthDialog(page))).toBeVisible();
  if (await reauthDialog(page).isVisible()) {
    await field(reauthDialog(page), 'パスワード').fill(admin.password);
    await reauthDialog(page).getByRole('button', { name: '確認して続ける' }).click();
  }
  await expect(page.getByTestId('notice')).toContainText(`「${viewer.displayName}」を無効にしました。`);
  await expect(userRow(page, viewer.loginId).locator('[data-status="disabled"]')).toHaveText('無効');
  // The viewer's session ended with it.
  expect(await v.page.evaluate(() => (globalThis as unknown as PageWindow).vault.auth.me({}))).toMatchObject({ ok: true, value: { user: null } });
  await snapshot(page, testInfo, 'users-list-final');

  // English is one click away on these pages too.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Users' }).locator(`tr[data-login-id="${viewer.loginId}"] [data-status="disabled"]`)).toHaveText('Disabled');
  await snapshot(page, testInfo, 'users-list-en');
  await page.getByText('日本語', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'ユーザー管理', level: 1 })).toBeVisible();

  expectNoProblems(problems);
  expectNoProblems(m.problems);
  expectNoProblems(v.problems);
  await m.page.context().close();
  await v.page.context().close();
});
