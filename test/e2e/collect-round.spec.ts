// The whole collection round end to end, on the real HTTPS listener and a real SMTP server on
// 127.0.0.1: HR mails an invitation; the registrant opens the link from the mail on a phone,
// is refused a wrong passcode, passes the right one, lets the form read their number from the
// QR code on a photo of their card's back (a JPEG), sends the front as a HEIC (made with
// heif-enc, as an iPhone takes it), adds a child, and hands it in. HR opens it in 審査, sees the
// photos and "写真の番号と一致" beside it, and sends it back with a reason; the registrant opens
// the same link again, reads the reason, takes the photos again and hands it in once more; HR
// approves, and the link no longer opens. Screenshots of the phone and of the review; numbers
// and card backs masked. No CSP violation, console error or exception on either side.
import type { Locator, Page } from '@playwright/test';
import { formatMessage } from '../../src-shared/messages';
import type { VaultApi } from '../../src-shared/vault-api';
import { cardBackPhoto } from '../support/card-images';
import { heicPicture } from '../support/images';
import { generateMyNumber } from '../support/numbers';
import { decodeBody, startSmtp, type TestSmtp } from '../support/smtp';
import { E2E_ADMIN, signInFirstAdmin } from './support/admin';
import { expect, snapshot, tallSnapshot, test, watchProblems } from './support/harness';
import { freePort } from '../support/free-port';
import { phoneContext, unexpected } from './support/phone';

test.use({ harnessLan: true });

type PageWindow = { vault: VaultApi };

const PASSCODE = 'sakura-2026-round';
const NUMBER = generateMyNumber(4201);
const CHILD_NUMBER = generateMyNumber(4202);
const EMAIL = 'kobayashi.yui@example.jp';
const RETURN_REASON = '表面の写真が暗くて読めません。明るい場所で撮り直してください';

let smtp: TestSmtp;
test.beforeAll(async () => {
  smtp = await startSmtp();
});
test.afterAll(async () => {
  await smtp.close();
});

const masks = (phone: Page) => [phone.getByTestId('my-number-input'), phone.getByTestId('dependent-number-input'), phone.locator('img[data-kind="card_back"]')];

/** The phone's part, from the link to 提出する; the first round tries a wrong passcode first. */
async function handIn(phone: Page, link: string, shot: (name: string) => Promise<void>, round: 1 | 2) {
  await phone.goto(link);
  await expect(phone.getByRole('heading', { name: '本人確認', level: 1 })).toBeVisible();
  if (round === 1) {
    await phone.getByLabel('会社パスコード').fill('not-our-passcode');
    await phone.getByRole('button', { name: '確認する' }).click();
    await expect(phone.getByRole('alert')).toHaveText(formatMessage('ja', 'errors.collection.linkRefused'));
    await shot('round-01-passcode-refused');
  }
  await phone.getByLabel('会社パスコード').fill(PASSCODE);
  await phone.getByRole('button', { name: '確認する' }).click();
  await expect(phone.getByTestId('confirm-name')).toHaveText('小林 結衣 さんですね?');
  await phone.getByRole('button', { name: 'はい、本人です' }).click();
  if (round === 2) {
    await expect(phone.getByTestId('returned-reason')).toContainText(RETURN_REASON);
    await shot('round-05-returned');
  }

  // The number from the card: nothing typed, the back photographed, its QR code read in the browser.
  await phone.getByRole('button', { name: 'カードの裏面から読み取る' }).click();
  await expect(phone.getByRole('heading', { name: '本人確認書類', level: 1 })).toBeVisible();
  const front = phone.getByTestId('photo-card_front');
  const back = phone.getByTestId('photo-card_back');
  await back.getByTestId('camera-input').setInputFiles({ name: 'IMG_0102.JPG', mimeType: 'image/jpeg', buffer: await cardBackPhoto(NUMBER, { angle: 2, seed: round }) });
  await expect(phone.getByTestId('qr-check')).toHaveText('カードのQRコードから読み取りました。確認してください');
  await expect(phone.getByTestId('my-number-input')).toHaveValue(`${NUMBER.slice(0, 4)} ${NUMBER.slice(4, 8)} ${NUMBER.slice(8)}`);
  // The front as the iPhone takes it: HEIC (the phone cannot preview it; the vault converts it).
  await front.getByTestId('library-input').setInputFiles({ name: 'IMG_0101.HEIC', mimeType: 'image/heic', buffer: await heicPicture(1200, 760) });
  await expect(front.getByTestId('photo-status')).toHaveText('✓ 送信しました');
  await expect(back.getByTestId('photo-status')).toHaveText('✓ 送信しました');
  await shot(`round-0${round === 1 ? 2 : 6}-documents`);
  await phone.getByRole('button', { name: '次へ' }).click();

  // The child (the form starts afresh after a return: nothing of the first round is kept on the phone).
  await expect(phone.getByRole('heading', { name: '扶養親族', level: 1 })).toBeVisible();
  {
    await phone.getByRole('button', { name: '扶養親族を追加' }).click();
    await phone.getByRole('radio', { name: '子' }).check();
    await phone.getByLabel('姓', { exact: true }).fill('小林');
    await phone.getByLabel('名', { exact: true }).fill('蒼');
    await phone.getByLabel('セイ（フリガナ）').fill('こばやし');
    await phone.getByLabel('メイ（フリガナ）').fill('アオイ');
    await phone.getByLabel(/^生年月日/).fill('R2.5.5');
    await phone.getByTestId('dependent-number-input').fill(CHILD_NUMBER);
    await phone.getByRole('button', { name: 'この内容で保存' }).click();
  }
  await expect(phone.getByTestId('dependent-card')).toHaveCount(1);
  await phone.getByRole('button', { name: '次へ' }).click();
  await expect(phone.getByRole('heading', { name: '提出内容の確認', level: 1 })).toBeVisible();
  await shot(`round-0${round === 1 ? 3 : 7}-review`);
  await phone.getByRole('button', { name: '提出する' }).click();
  await expect(phone.getByTestId('submitted-screen').getByTestId('message-body')).toHaveText('提出しました。担当者の確認をお待ちください');
  if (round === 1) await shot('round-04-submitted');
}

/** Opens the registrant's submission in 審査, waiting (reopening) until the cross-check's verdict is in. */
async function openInReview(page: Page): Promise<Locator> {
  const drawer = page.getByRole('dialog', { name: '提出の内容' });
  await expect(async () => {
    // A drawer still open from the last try (the check still running) is closed first: it covers the page.
    if (await drawer.isVisible()) {
      await page.keyboard.press('Escape');
      await expect(drawer).toBeHidden();
    }
    // Away and back: the queue is read again (it does not poll).
    const menu = page.getByRole('navigation', { name: 'メインメニュー' });
    await menu.getByRole('button', { name: /^ダッシュボード/ }).click();
    await menu.getByRole('button', { name: /^審査/ }).click();
    await page.getByRole('table', { name: '提出一覧' }).getByRole('button', { name: '小林 結衣 さんの提出を開く' }).click();
    await expect(drawer.getByTestId('cross-check').first()).toHaveAttribute('data-verdict', 'match', { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  return drawer;
}

test('a registrant invited by mail hands in from a phone; HR sends it back, the registrant fixes it, HR approves and the link locks', async ({ page, browser, harness, problems }, testInfo) => {
  test.setTimeout(300_000);
  await signInFirstAdmin(page, harness.url);
  const port = await freePort();
  const setUp = await page.evaluate(
    async (arg) => {
      const { vault } = globalThis as unknown as PageWindow;
      const steps = [
        await vault.auth.reauth({ password: arg.password }),
        await vault.settings.setSmtp({ host: '127.0.0.1', port: arg.smtpPort, security: 'none', username: '', from: 'jinji@example.co.jp' }),
        await vault.collection.configure({ companyName: '株式会社さくら商事', passcode: arg.passcode, requireBirthDate: false, linkValidDays: 14 }),
        await vault.lan.configure({ enabled: true, host: '127.0.0.1', port: arg.port }),
      ];
      const failed = steps.find((s) => !s.ok);
      if (failed) return failed;
      const created = await vault.registrants.create({ familyName: '小林', givenName: '結衣', familyNameKana: 'コバヤシ', givenNameKana: 'ユイ', employeeCode: 'E4201', email: arg.email, attributes: ['employee'] });
      if (!created.ok) return created;
      const sent = await vault.collection.sendMail({ kind: 'invitation', target: { by: 'ids', registrantIds: [created.value.id] } });
      return sent.ok ? { ok: true as const, value: created.value.id } : sent;
    },
    { password: E2E_ADMIN.password, smtpPort: smtp.port, passcode: PASSCODE, port, email: EMAIL },
  );
  if (!setUp.ok) throw new Error(setUp.error.code);
  const registrantId = setUp.value;

  // The invitation as it arrived: the link is the one thing HR did not have to copy by hand.
  const mail = decodeBody((await smtp.waitForMail(EMAIL)).raw);
  expect(mail).toContain('小林 結衣');
  const link = /https:\/\/127\.0\.0\.1:\d+\/c\/#[A-Za-z0-9_-]+/.exec(mail)?.[0];
  expect(link).toBeTruthy();

  const context = await phoneContext(browser);
  try {
    const phone = await context.newPage();
    const phoneProblems = await watchProblems(phone);
    const shot = async (name: string) => {
      await phone.evaluate('window.scrollTo(0, 0)');
      await snapshot(phone, testInfo, `collect-${name}`, { mask: masks(phone) });
    };
    await handIn(phone, link!, shot, 1);

    // HR: the photos beside the submission, the verdict, and back to the registrant with a reason.
    let drawer = await openInReview(page);
    await expect(drawer.getByTestId('cross-check').first()).toHaveText('写真の番号と一致');
    await expect(drawer.getByTestId('document-tile')).toHaveCount(2);
    await expect(drawer.getByTestId('document-thumbnail')).toHaveCount(2);
    await expect(drawer).toContainText('マイナンバーカード（表・裏）');
    await expect(drawer).toContainText('小林 蒼');
    await tallSnapshot(page, testInfo, 'review-with-documents', 1500, { mask: [drawer.locator('[data-kind="card_back"] img')] });
    await drawer.getByRole('button', { name: '差戻す' }).click();
    const reasonDialog = page.getByRole('dialog', { name: '提出の差戻し' });
    await reasonDialog.getByLabel('差戻しの理由').fill(RETURN_REASON);
    await reasonDialog.getByRole('button', { name: '差戻す' }).click();
    await expect(page.getByTestId('notice')).toContainText('小林 結衣 さんの提出を差し戻しました。');

    // The registrant: the same link, HR's reason, new photos, handed in again.
    await handIn(phone, link!, shot, 2);

    // HR approves; the link is locked from then on.
    drawer = await openInReview(page);
    await drawer.getByRole('button', { name: '承認する' }).click();
    const approve = page.getByRole('dialog', { name: '提出の承認' });
    await approve.getByRole('button', { name: '承認する' }).click();
    await expect(page.getByTestId('notice')).toContainText('小林 結衣 さんの提出を承認しました。');
    const record = await page.evaluate((id) => (globalThis as unknown as PageWindow).vault.registrants.get({ id }), registrantId);
    expect(record).toMatchObject({ ok: true, value: { registrant: { status: 'completed', hasMyNumber: true } } });

    await phone.goto(link!);
    await phone.getByLabel('会社パスコード').fill(PASSCODE);
    await phone.getByRole('button', { name: '確認する' }).click();
    await expect(phone.getByRole('alert')).toHaveText(formatMessage('ja', 'errors.collection.linkRefused'));
    await shot('round-08-locked');
    expect(unexpected(phoneProblems)).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [] });
  } finally {
    await context.close();
  }
  expect(problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [] });
});
