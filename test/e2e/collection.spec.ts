// 収集 end to end: the admin sets the company name and passcode, turns the LAN listener on at
// 127.0.0.1 on a free port (after re-entering the password) and sees it running with its URL
// and certificate fingerprint; then issues a collection link from a registrant's drawer and
// sees it once; the link's origin answers /c/ over HTTPS. No screenshot shows a link with a
// token (the URL and its QR code are masked), and nothing logs one.
import https from 'node:https';
import type { Locator, Page } from '@playwright/test';
import type { VaultApi } from '../../src-shared/vault-api';
import { E2E_ADMIN, signInFirstAdmin } from './support/admin';
import { expect, expectNoProblems, field, snapshot, tallSnapshot, test } from './support/harness';
import { freePort } from '../support/free-port';

test.use({ harnessLan: true });

/** The page's window, as seen from code compiled without DOM types. */
type PageWindow = { vault: VaultApi };

const PASSCODE = 'sakura-2026-hr';

/**
 * GET of a path on the listener. The certificate is self-signed, and this one check is only
 * whether the origin answers, so it is not verified here (rejectUnauthorized: false); nothing
 * of the link's token is sent (the token lives in the fragment, which never leaves the client).
 */
function getStatus(origin: string, pathname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = https.get(new URL(pathname, origin), { rejectUnauthorized: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('error', reject);
  });
}

function nav(page: Page) {
  return page.getByRole('navigation', { name: 'メインメニュー' });
}

/** Saves a settings form; enters the password again when asked (the core asks once in a while). */
async function saveWithReauth(page: Page, section: Locator) {
  await section.getByRole('button', { name: '保存', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'パスワードの再入力' });
  const saved = section.getByTestId('notice');
  await expect(dialog.or(saved)).toBeVisible();
  if (await dialog.isVisible()) {
    await field(dialog, 'パスワード').fill(E2E_ADMIN.password);
    await dialog.getByRole('button', { name: '確認して続ける' }).click();
  }
  await expect(saved).toBeVisible();
}

test('the admin turns the listener on and issues a collection link from the drawer', async ({ page, problems, harness }, testInfo) => {
  test.setTimeout(180_000);
  await signInFirstAdmin(page, harness.url);

  const created = await page.evaluate(() =>
    (globalThis as unknown as PageWindow).vault.registrants.create({ familyName: '山田', givenName: '花子', familyNameKana: 'ヤマダ', givenNameKana: 'ハナコ', employeeCode: 'E0101', attributes: ['employee'] }),
  );
  expect(created).toMatchObject({ ok: true });

  // 収集: stopped at first; the listener cannot start before the passcode is set.
  await nav(page).getByRole('button', { name: /^収集/ }).click();
  await expect(page.getByRole('heading', { name: '収集', level: 1 })).toBeVisible();
  const card = page.getByTestId('listener-card');
  await expect(card.getByTestId('listener-state')).toHaveText('停止中');
  const lanSettings = page.getByTestId('lan-settings');
  await expect(lanSettings.getByTestId('passcode-first')).toContainText('会社パスコードを設定してください');

  // 収集の設定: company name and passcode (typed twice; a mismatch is refused in the form).
  const collection = page.getByTestId('collection-settings');
  await expect(collection.getByTestId('passcode-state')).toHaveText('未設定');
  await field(collection, '会社名').fill('株式会社さくら商事');
  await field(collection, '会社パスコード').fill(PASSCODE);
  await field(collection, '確認のためもう一度入力').fill(`${PASSCODE}x`);
  await collection.getByRole('button', { name: '保存', exact: true }).click();
  await expect(collection.getByText('会社パスコードが一致しません')).toBeVisible();
  await field(collection, '確認のためもう一度入力').fill(PASSCODE);
  await saveWithReauth(page, collection);
  await expect(collection.getByTestId('passcode-state')).toHaveText('設定済み');
  await expect(field(collection, '新しい会社パスコード')).toHaveValue('');
  await expect(lanSettings.getByTestId('passcode-first')).toBeHidden();

  // 受付の設定: on, 127.0.0.1, a free port.
  const port = await freePort();
  await lanSettings.getByRole('switch', { name: '受付を開始する' }).check();
  await lanSettings.getByRole('combobox', { name: '待ち受けるアドレス' }).click();
  await page.getByRole('option', { name: 'このパソコンだけ（127.0.0.1、動作確認用）', exact: true }).click();
  await field(lanSettings, 'ポート番号').fill(String(port));
  await saveWithReauth(page, lanSettings);

  await expect(card.getByTestId('listener-state')).toHaveText('受付中');
  const listenerUrl = `https://127.0.0.1:${port}/c/`;
  await expect(card.getByTestId('listener-url')).toHaveText(listenerUrl);
  await expect(card.getByTestId('listener-fingerprint')).toHaveText(/^([0-9A-F]{2}:){3}[0-9A-F]{2}( ([0-9A-F]{2}:){3}[0-9A-F]{2}){7}$/);
  await expect(card.getByTestId('listener-qr')).toBeVisible();
  await expect(card.getByTestId('certificate-note')).toContainText('警告が表示されます');
  await expect(card.getByTestId('certificate-note')).toContainText('会社の認証局（CA）');
  // The listener's own address holds no token: nothing to mask on this page.
  await tallSnapshot(page, testInfo, 'collection-page', 1900, { mask: [] });

  // 登録者 → 山田 花子 → 収集リンク: none yet; issued, shown once.
  await nav(page).getByRole('button', { name: /^登録者/ }).click();
  await page.getByRole('button', { name: '山田 花子 さんの詳細' }).click();
  const drawer = page.getByRole('dialog', { name: '登録者の詳細' });
  const section = drawer.getByTestId('invitation-section');
  await expect(section.getByTestId('invitation-state')).toHaveText('未発行');
  await section.getByRole('button', { name: 'リンクを発行' }).click();
  const issued = page.getByRole('dialog', { name: '収集リンクを発行しました' });
  await expect(issued).toContainText('今回だけ表示されます');
  const shownUrl = (await issued.getByTestId('invitation-url').textContent()) ?? '';
  expect(shownUrl.startsWith(`${listenerUrl}#`)).toBe(true);
  expect(shownUrl.length).toBeGreaterThan(listenerUrl.length + 16);
  await expect(issued.getByTestId('invitation-qr')).toBeVisible();
  await snapshot(page, testInfo, 'invitation-issued', { mask: [issued.getByTestId('invitation-url'), issued.getByTestId('invitation-qr')] });

  // The link's origin answers; only the path is requested, never the fragment.
  expect(await getStatus(new URL(shownUrl).origin, '/c/')).toBe(200);

  // Closed, the link is gone from the screen; the section says it is live; re-issuing asks first.
  await issued.getByRole('button', { name: '閉じる' }).click();
  await expect(issued).toBeHidden();
  await expect(page.getByTestId('invitation-url')).toHaveCount(0);
  await expect(section.getByTestId('invitation-state')).toContainText('有効');
  await section.getByRole('button', { name: 'リンクを再発行' }).click();
  const confirm = page.getByRole('dialog', { name: 'リンクの再発行' });
  await expect(confirm).toContainText('今のリンクは使えなくなります');
  await confirm.getByRole('button', { name: 'キャンセル' }).click();

  // Revoked: the state says so, and a new link can be issued.
  await section.getByRole('button', { name: 'リンクを無効にする' }).click();
  await page.getByRole('dialog', { name: 'リンクの無効化' }).getByRole('button', { name: 'リンクを無効にする' }).click();
  await expect(section.getByTestId('invitation-state')).toHaveText('無効化済み');
  await expect(section.getByRole('button', { name: 'リンクを発行' })).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await snapshot(page, testInfo, 'invitation-revoked');

  expectNoProblems(problems);
});
