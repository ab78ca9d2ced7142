// The phone form end to end, on a phone-sized Chromium against the real HTTPS listener of the
// harness, HR acting through the admin bridge. First what the form shows of a submission HR
// holds: waiting for review (nothing can change), then sent back with HR's reason (open again).
// Then the whole way: the registrant opens their link (the token leaves the address bar at once),
// is refused a wrong passcode with a clear message, passes the right one, confirms their name,
// types their number (a wrong check digit said as they type), photographs both sides of their
// card (the back's QR code read in the browser and matched with the number), adds their spouse
// (whose number comes from their card's QR code), reviews it all with the numbers masked, in
// Japanese and in English, and hands it in. Refusals are shown in the language on screen; a
// reason for not providing the number is checked as the contract checks it. Every step is screenshotted to
// test/artifacts/collect-*.png, the number fields and the photos of a card's back masked.
import type { Page, TestInfo } from '@playwright/test';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { formatMessage } from '../../src-shared/messages';
import { formatMyNumber } from '../../src-shared/text';
import type { VaultApi } from '../../src-shared/vault-api';
import { picture } from '../support/images';
import { generateMyNumber } from '../support/numbers';
import { E2E_ADMIN, signInAdminAgain, signInFirstAdmin } from './support/admin';
import { expect, snapshot, test, watchProblems } from './support/harness';
import { freePort } from '../support/free-port';
import { phoneContext, unexpected } from './support/phone';

test.use({ harnessLan: true });
// The second test uses the admin, the passcode and the listener the first one set up.
test.describe.configure({ mode: 'serial' });

type PageWindow = { vault: VaultApi };

const PASSCODE = 'sakura-2026-phone';
const NUMBER = generateMyNumber(3101);
const SPOUSE_NUMBER = generateMyNumber(3102);
const WRONG_NUMBER = `${NUMBER.slice(0, 11)}${(Number(NUMBER[11]) + 1) % 10}`;
const RETURN_REASON = 'カードの裏面の写真がぼやけています。撮り直してください';

/** What the first test set up for the second: the admin's authenticator, the listener's port. */
const shared: { secret: string; step: number; port: number } = { secret: '', step: 0, port: 0 };

/** A photo of a card's face: a noisy picture, as a JPEG. */
async function cardPhoto(): Promise<Buffer> {
  return (await picture(1280, 800)).jpeg({ quality: 85 }).toBuffer();
}

/** A photo of a card's back: a light card with a QR code holding the number, as a JPEG. */
async function cardBackPhoto(number: string): Promise<Buffer> {
  const qr = await QRCode.toBuffer(number, { type: 'png', margin: 4, scale: 10, errorCorrectionLevel: 'M' });
  return sharp({ create: { width: 1600, height: 1000, channels: 3, background: { r: 236, g: 238, b: 232 } } })
    .composite([{ input: qr, left: 1080, top: 420 }])
    .jpeg({ quality: 88 })
    .toBuffer();
}

/**
 * Never in a screenshot, even generated: the number fields, and the photos of a card's back
 * (its QR code is the number).
 */
const numbersOn = (phone: Page) => [phone.getByTestId('my-number-input'), phone.getByTestId('dependent-number-input'), phone.locator('img[data-kind="card_back"]')];

function shooter(phone: Page, testInfo: TestInfo) {
  return async (name: string) => {
    // From the top: a full-page capture of a scrolled page draws the sticky header mid-page and misplaces the masks.
    await phone.evaluate('window.scrollTo(0, 0)');
    await snapshot(phone, testInfo, `collect-${name}`, { mask: numbersOn(phone) });
  };
}

/** A result of the admin bridge: its value, or a throw. */
async function must<T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): Promise<T> {
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

test('a submission waiting for review shows as handed in; sent back, the form opens again with the reason', async ({ page, browser, harness, problems }, testInfo) => {
  test.setTimeout(180_000);
  const admin = await signInFirstAdmin(page, harness.url);
  shared.port = await freePort();

  // HR: the passcode, proxy entries waiting for a second approval, the listener; a registrant
  // whose number HR entered (承認待ち), and their link.
  const { link, submissionId } = await page.evaluate(
    async ({ passcode, port, password, number }) => {
      const { vault } = globalThis as unknown as PageWindow;
      const must = async <T,>(call: Promise<{ ok: true; value: T } | { ok: false; error: { code: string } }>): Promise<T> => {
        const result = await call;
        if (!result.ok) throw new Error(result.error.code);
        return result.value;
      };
      await must(vault.auth.reauth({ password }));
      await must(vault.collection.configure({ companyName: '株式会社さくら商事', passcode, requireBirthDate: false, linkValidDays: 14 }));
      await must(vault.submissions.configure({ proxyApproval: 'required' }));
      await must(vault.lan.configure({ enabled: true, host: '127.0.0.1', port }));
      const { id } = await must(vault.registrants.create({ familyName: '佐藤', givenName: '次郎', familyNameKana: 'サトウ', givenNameKana: 'ジロウ', employeeCode: 'E3100', attributes: ['employee'] }));
      const proxy = await must(vault.submissions.createProxy({ registrantId: id, myNumber: number }));
      const { links } = await must(vault.invitations.issue({ registrantIds: [id] }));
      return { link: links[0]!.url, submissionId: proxy.id };
    },
    { passcode: PASSCODE, port: shared.port, password: E2E_ADMIN.password, number: generateMyNumber(3100) },
  );

  const context = await phoneContext(browser);
  try {
    const phone = await context.newPage();
    const phoneProblems = await watchProblems(phone);
    const shot = shooter(phone, testInfo);

    // The listener's refusal, in the language on screen.
    await phone.goto(link);
    await phone.getByRole('button', { name: 'Switch to English' }).click();
    await phone.getByLabel('Company passcode').fill('wrong-passcode');
    await phone.getByRole('button', { name: 'Check' }).click();
    await expect(phone.getByRole('alert')).toHaveText(formatMessage('en', 'errors.collection.linkRefused'));
    await shot('19-passcode-refused-en');
    await phone.getByRole('button', { name: '日本語に切り替える' }).click();

    // Waiting for review: it says so, and offers nothing to change.
    await phone.getByLabel('会社パスコード').fill(PASSCODE);
    await phone.getByRole('button', { name: '確認する' }).click();
    await expect(phone.getByTestId('submitted-screen').getByTestId('message-body')).toHaveText('提出しました。担当者の確認をお待ちください');
    await expect(phone.getByRole('button')).toHaveText(['English']);
    await shot('20-waiting-for-review');

    // HR sends it back with a reason; the link, opened again in the same tab, starts afresh.
    await must(await page.evaluate(({ id, reason }) => (globalThis as unknown as PageWindow).vault.submissions.return({ id, reason }), { id: submissionId, reason: RETURN_REASON }));
    await phone.goto(link);
    expect(phone.url()).toBe(`https://127.0.0.1:${shared.port}/c/`);
    await phone.getByLabel('会社パスコード').fill(PASSCODE);
    await phone.getByRole('button', { name: '確認する' }).click();
    await expect(phone.getByTestId('confirm-name')).toHaveText('佐藤 次郎 さんですね?');
    await phone.getByRole('button', { name: 'はい、本人です' }).click();
    const returned = phone.getByTestId('returned-reason');
    await expect(returned).toContainText('人事担当者から修正の依頼があります');
    await expect(returned).toContainText(RETURN_REASON);
    await shot('21-returned');

    // Not providing the number: a reason is needed, and it must not hold a number.
    await phone.getByRole('button', { name: 'マイナンバーを提供しない場合' }).click();
    await expect(phone.getByRole('heading', { name: 'マイナンバーを提供しない', level: 1 })).toBeVisible();
    await phone.getByRole('button', { name: '提供しないと回答する' }).click();
    await expect(phone.getByRole('alert')).toHaveText('理由を入力してください');
    await phone.getByLabel('理由').fill(`番号 ${formatMyNumber(NUMBER)} は教えたくありません`);
    await expect(phone.getByRole('alert')).toHaveText('理由にマイナンバー（12桁の番号）を書かないでください');
    await phone.getByLabel('理由').fill('家族と相談してから提出します');
    await expect(phone.getByRole('alert')).toHaveCount(0);
    await shot('22-decline');
    await phone.getByRole('button', { name: '番号の入力に戻る' }).click();
    await expect(phone.getByTestId('returned-reason')).toBeVisible();

    expect(unexpected(phoneProblems)).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [] });
  } finally {
    await context.close();
  }
  shared.secret = admin.secret;
  shared.step = admin.step;
  expect(problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [] });
});

test('a registrant hands in their number, card photos and a dependent from a phone', async ({ page, browser, problems }, testInfo) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await signInAdminAgain(page, shared.secret, shared.step);

  // HR: a registrant and their link (the passcode and the listener are set up already).
  const link = await page.evaluate(async () => {
    const { vault } = globalThis as unknown as PageWindow;
    const created = await vault.registrants.create({ familyName: '山田', givenName: '花子', familyNameKana: 'ヤマダ', givenNameKana: 'ハナコ', employeeCode: 'E3101', attributes: ['employee'] });
    if (!created.ok) throw new Error(created.error.code);
    const issued = await vault.invitations.issue({ registrantIds: [created.value.id] });
    if (!issued.ok) throw new Error(issued.error.code);
    return issued.value.links[0]!.url;
  });
  const formUrl = `https://127.0.0.1:${shared.port}/c/`;
  expect(link.startsWith(`${formUrl}#`)).toBe(true);

  const context = await phoneContext(browser);
  try {
    const phone = await context.newPage();
    const phoneProblems = await watchProblems(phone);
    const shot = shooter(phone, testInfo);

    // The link opens the passcode step; its token is gone from the address bar at once.
    await phone.goto(link);
    await expect(phone.getByRole('heading', { name: '本人確認', level: 1 })).toBeVisible();
    expect(phone.url()).toBe(formUrl);
    await shot('01-passcode');

    // A wrong passcode: refused with the link's one message, in Japanese.
    await phone.getByLabel('会社パスコード').fill('not-the-passcode');
    await phone.getByRole('button', { name: '確認する' }).click();
    await expect(phone.getByRole('alert')).toHaveText(formatMessage('ja', 'errors.collection.linkRefused'));
    await shot('02-passcode-refused');

    // The right one: "山田 花子 さんですね?"
    await phone.getByLabel('会社パスコード').fill(PASSCODE);
    await phone.getByRole('button', { name: '確認する' }).click();
    await expect(phone.getByTestId('confirm-name')).toHaveText('山田 花子 さんですね?');
    await shot('03-confirm-name');
    await phone.getByRole('button', { name: 'はい、本人です' }).click();

    // The number: grouped as typed, a wrong check digit said at once, then the right one.
    await expect(phone.getByRole('heading', { name: 'マイナンバー（個人番号）', level: 1 })).toBeVisible();
    const number = phone.getByTestId('my-number-input');
    await expect(number).toHaveAttribute('inputmode', 'numeric');
    await expect(number).toHaveAttribute('autocomplete', 'off');
    await number.pressSequentially(WRONG_NUMBER);
    await expect(number).toHaveValue(formatMyNumber(WRONG_NUMBER));
    await expect(phone.getByRole('alert')).toHaveText(formatMessage('ja', 'validation.checkDigit'));
    await shot('04-number-check-digit');
    await number.fill(NUMBER);
    await expect(number).toHaveValue(formatMyNumber(NUMBER));
    await expect(phone.getByText('番号の形式は正しいです')).toBeVisible();
    await phone.getByRole('button', { name: '次へ' }).click();

    // The card, both sides; the back's QR code is read in the browser and agrees with the number.
    await expect(phone.getByRole('heading', { name: '本人確認書類', level: 1 })).toBeVisible();
    await phone.getByRole('radio', { name: 'マイナンバーカード（表面・裏面）' }).check();
    await shot('05-documents');
    const front = phone.getByTestId('photo-card_front');
    const back = phone.getByTestId('photo-card_back');
    await front.getByTestId('camera-input').setInputFiles({ name: 'IMG_0001.JPG', mimeType: 'image/jpeg', buffer: await cardPhoto() });
    await back.getByTestId('library-input').setInputFiles({ name: 'IMG_0002.JPG', mimeType: 'image/jpeg', buffer: await cardBackPhoto(NUMBER) });
    await expect(front.getByTestId('photo-status')).toHaveText('✓ 送信しました');
    await expect(back.getByTestId('photo-status')).toHaveText('✓ 送信しました');
    await expect(phone.getByTestId('qr-check')).toHaveText('✓ カードのQRコードの番号と一致しました');
    await expect(front.getByRole('img')).toBeVisible();
    await expect(front.getByText('撮り直す')).toBeVisible();
    await shot('06-documents-sent');
    await phone.getByRole('button', { name: '次へ' }).click();

    // A dependent: the spouse, whose number is read from their card's back.
    await expect(phone.getByRole('heading', { name: '扶養親族', level: 1 })).toBeVisible();
    await shot('07-dependents-empty');
    await phone.getByRole('button', { name: '扶養親族を追加' }).click();
    await expect(phone.getByRole('heading', { name: '扶養親族の追加', level: 1 })).toBeVisible();
    // Saved blank: every missing field is said.
    await phone.getByRole('button', { name: 'この内容で保存' }).click();
    await expect(phone.getByText('続柄を入力してください')).toBeVisible();
    await expect(phone.getByText('姓を入力してください')).toBeVisible();
    await shot('08-dependent-problems');
    await phone.getByRole('radio', { name: '配偶者' }).check();
    await phone.getByLabel('姓', { exact: true }).fill('山田');
    await phone.getByLabel('名', { exact: true }).fill('太郎');
    await phone.getByLabel('セイ（フリガナ）').fill('やまだ');
    await phone.getByLabel('メイ（フリガナ）').fill('タロウ');
    await phone.getByLabel(/^生年月日/).fill('S58.2.3');
    await phone.getByLabel('税法上の扶養（税扶養）に入っている').check();
    await phone.getByTestId('document-set').getByRole('radio', { name: 'マイナンバーカード（表面・裏面）' }).check();
    await phone.getByTestId('photo-card_front').getByTestId('library-input').setInputFiles({ name: 'spouse-front.jpg', mimeType: 'image/jpeg', buffer: await cardPhoto() });
    await phone.getByTestId('photo-card_back').getByTestId('camera-input').setInputFiles({ name: 'spouse-back.jpg', mimeType: 'image/jpeg', buffer: await cardBackPhoto(SPOUSE_NUMBER) });
    await expect(phone.getByTestId('qr-check')).toHaveText('カードのQRコードから読み取りました。確認してください');
    await expect(phone.getByTestId('dependent-number-input')).toHaveValue(formatMyNumber(SPOUSE_NUMBER));
    await expect(phone.getByTestId('photo-card_back').getByTestId('photo-status')).toHaveText('✓ 送信しました');
    await expect(phone.getByTestId('photo-card_front').getByTestId('photo-status')).toHaveText('✓ 送信しました');
    await shot('09-dependent-filled');
    await phone.getByRole('button', { name: 'この内容で保存' }).click();
    await expect(phone.getByTestId('dependent-card')).toHaveCount(1);
    await expect(phone.getByTestId('dependent-card')).toContainText('山田 太郎配偶者');
    await expect(phone.getByTestId('dependent-card')).toContainText('ヤマダ タロウ');
    await shot('10-dependents-list');
    await phone.getByRole('button', { name: '次へ' }).click();

    // The review: everything, the numbers masked but for their last four digits.
    await expect(phone.getByRole('heading', { name: '提出内容の確認', level: 1 })).toBeVisible();
    await expect(phone.getByTestId('review-name')).toHaveText('山田 花子');
    await expect(phone.getByTestId('review-number')).toContainText(`•••• •••• ${NUMBER.slice(-4)}`);
    await expect(phone.getByTestId('review-documents')).toContainText('マイナンバーカード（表面・裏面）');
    await expect(phone.getByTestId('review-documents').getByRole('img')).toHaveCount(2);
    const spouse = phone.getByTestId('review-dependent');
    await expect(spouse).toContainText('山田 太郎配偶者');
    await expect(spouse).toContainText('生年月日: 1983-02-03（昭和58年2月3日）');
    await expect(spouse).toContainText(`マイナンバー: •••• •••• ${SPOUSE_NUMBER.slice(-4)}`);
    await expect(spouse).toContainText('✓ 税法上の扶養（税扶養）に入っている');
    await expect(phone.locator('body')).not.toContainText(NUMBER);
    await expect(phone.locator('body')).not.toContainText(formatMyNumber(NUMBER));
    await shot('11-review');

    // The same page in English, and back.
    await phone.getByRole('button', { name: 'Switch to English' }).click();
    await expect(phone.getByRole('heading', { name: 'Review', level: 1 })).toBeVisible();
    await expect(spouse).toContainText('Spouse');
    await expect(phone.locator('html')).toHaveAttribute('lang', 'en');
    await shot('12-review-en');
    await phone.getByRole('button', { name: '日本語に切り替える' }).click();
    await expect(phone.getByRole('heading', { name: '提出内容の確認', level: 1 })).toBeVisible();

    // Nothing of it is kept in the phone's storage.
    const stored = await phone.evaluate('({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie })');
    expect(stored).toEqual({ local: 0, session: 0, cookie: '' });

    // Handed in (POST /c/api/submit, the listener's side of it written separately): nothing can be changed from here.
    await phone.getByRole('button', { name: '提出する' }).click();
    await expect(phone.getByTestId('submitted-screen').getByTestId('message-body')).toHaveText('提出しました。担当者の確認をお待ちください');
    await expect(phone.getByRole('button')).toHaveText(['English']);
    await shot('13-submitted');

    // Reloaded, the page holds nothing: the token was never kept.
    await phone.reload();
    await expect(phone.getByRole('heading', { name: 'リンクから開いてください', level: 1 })).toBeVisible();
    await shot('14-reloaded');

    expect(unexpected(phoneProblems)).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [] });
  } finally {
    await context.close();
  }
  expect(problems).toEqual({ cspViolations: [], consoleErrors: [], pageErrors: [] });
});
