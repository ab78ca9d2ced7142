// 収集メール end to end, with a real SMTP server on 127.0.0.1: the admin edits the invitation's
// template (an unknown placeholder is refused as typed, the preview fills in sample values,
// saving asks for the password again), sends it to a filter (未登録 of 大阪支店) and sees the
// progress complete and who had no address; prints QR sheets for the same filter (one page
// each, printed alone); then sends a reminder to two registrants chosen in the list. No
// screenshot shows a link with a token: QR codes and sheet URLs are masked.
import type { Locator, Page } from '@playwright/test';
import { decodeBody, decodeSubject, startSmtp, type TestSmtp } from '../support/smtp';
import type { VaultApi } from '../../src-shared/vault-api';
import { E2E_ADMIN, signInFirstAdmin } from './support/admin';
import fs from 'node:fs';
import path from 'node:path';
import type { TestInfo } from '@playwright/test';
import { ARTIFACTS_DIR, expect, expectNoProblems, field, secretsOn, snapshot, tallSnapshot, test } from './support/harness';

type PageWindow = { vault: VaultApi; __printed?: number };

let smtp: TestSmtp;
test.beforeAll(async () => {
  smtp = await startSmtp();
});
test.afterAll(async () => {
  await smtp.close();
});

function nav(page: Page) {
  return page.getByRole('navigation', { name: 'メインメニュー' });
}

/** The whole page in one image, however long it has grown. */
async function wholePage(page: Page, testInfo: TestInfo, name: string) {
  await tallSnapshot(page, testInfo, name, await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } }).document.documentElement.scrollHeight));
}

/** What is on screen (the sheets cover the app: a full-page capture would show the app beneath). */
async function screen(page: Page, testInfo: TestInfo, name: string, mask: Locator[]) {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const body = await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), mask });
  await testInfo.attach(name, { body, contentType: 'image/png' });
}

/** Confirms in the dialog; enters the password again when asked. */
async function withReauth(page: Page, done: Locator) {
  const dialog = page.getByRole('dialog', { name: 'パスワードの再入力' });
  await expect(dialog.or(done)).toBeVisible();
  if (await dialog.isVisible()) {
    await field(dialog, 'パスワード').fill(E2E_ADMIN.password);
    await dialog.getByRole('button', { name: '確認して続ける' }).click();
  }
  await expect(done).toBeVisible();
}

test('the admin edits a template, mails a filter, sees it sent, prints QR sheets, and reminds two chosen registrants', async ({ page, problems, harness }, testInfo) => {
  test.setTimeout(180_000);
  await signInFirstAdmin(page, harness.url);

  // Set up through the page's own session: SMTP, the collection settings, a group and registrants.
  const setUp = await page.evaluate(
    async ({ password, port }) => {
      const { vault } = globalThis as unknown as PageWindow;
      const must = async <T,>(r: Promise<{ ok: boolean; value?: T; error?: unknown }>) => {
        const answer = await r;
        if (!answer.ok) throw new Error(JSON.stringify(answer.error));
        return answer.value as T;
      };
      await must(vault.auth.reauth({ password }));
      await must(vault.settings.setSmtp({ host: '127.0.0.1', port, security: 'none', username: '', from: 'jinji@example.co.jp' }));
      await must(vault.collection.configure({ companyName: '株式会社さくら商事', passcode: 'sakura-2026-hr', requireBirthDate: false, linkValidDays: 14 }));
      const osaka = await must<{ id: string }>(vault.groups.create({ name: '大阪支店' }));
      const tokyo = await must<{ id: string }>(vault.groups.create({ name: '東京本社' }));
      const people = [
        { familyName: '大阪', givenName: '一郎', familyNameKana: 'オオサカ', givenNameKana: 'イチロウ', email: 'ichiro@example.jp', groupId: osaka.id },
        { familyName: '難波', givenName: '次郎', familyNameKana: 'ナンバ', givenNameKana: 'ジロウ', email: 'jiro@example.jp', groupId: osaka.id },
        { familyName: '梅田', givenName: '三子', familyNameKana: 'ウメダ', givenNameKana: 'ミツコ', groupId: osaka.id },
        { familyName: '銀座', givenName: '四郎', familyNameKana: 'ギンザ', givenNameKana: 'シロウ', email: 'shiro@example.jp', groupId: tokyo.id },
      ];
      for (const p of people) await must(vault.registrants.create({ ...p, attributes: ['employee'] }));
      return { osaka: osaka.id };
    },
    { password: E2E_ADMIN.password, port: smtp.port },
  );
  expect(setUp.osaka).toBeTruthy();

  await nav(page).getByRole('button', { name: /^収集/ }).click();
  await expect(page.getByRole('heading', { name: '収集メール', level: 2 })).toBeVisible();

  // The template: an unknown placeholder is refused as it is typed, naming it.
  const templates = page.getByTestId('mail-templates');
  const subject = field(templates, '件名');
  await expect(subject).toHaveValue('【{会社名}】マイナンバー提出のお願い');
  await subject.fill('【{会社名}】{部署}の皆さまへ: マイナンバー提出のお願い');
  await expect(templates.getByText('案内メールの件名に使えない差し込み項目 {部署} があります')).toBeVisible();
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await testInfo.attach('collection-mail-template-refused', { body: await templates.screenshot({ path: path.join(ARTIFACTS_DIR, 'collection-mail-template-refused.png') }), contentType: 'image/png' });
  await subject.fill('【{会社名}】{氏名}様 マイナンバー提出のお願い');
  await expect(templates.getByText('使えない差し込み項目')).toBeHidden();
  // The preview fills the placeholders in with sample values.
  await expect(templates.getByTestId('mail-preview-subject')).toHaveText('件名: 【株式会社さくら商事】山田 花子様 マイナンバー提出のお願い');
  await expect(templates.getByTestId('mail-preview-body')).toContainText('山田 花子 様');
  await expect(templates.getByTestId('mail-preview-body')).toContainText(/リンクの有効期限: \d{4}年\d{1,2}月\d{1,2}日（.）\d{2}:\d{2}/);
  await expect(templates.getByTestId('mail-preview-body')).not.toContainText('{URL}');
  await templates.getByRole('button', { name: '保存', exact: true }).click();
  await withReauth(page, templates.getByTestId('notice'));
  await expect(templates.getByTestId('notice')).toHaveText('メールのひな形を保存しました。');
  await wholePage(page, testInfo, 'collection-mail-templates');

  // Send to a filter: 未登録 of 大阪支店 (three; one has no address).
  const send = page.getByTestId('mail-send');
  await send.getByRole('combobox', { name: '店舗・支店', exact: true }).click();
  await page.getByRole('option', { name: '大阪支店', exact: true }).click();
  await expect(send.getByTestId('mail-send-found')).toHaveText('この条件に当てはまる登録者: 3人');
  await expect(send.getByTestId('mail-send-note')).toContainText('新しいリンクを発行します');
  await send.getByRole('button', { name: '送信する' }).click();
  const confirm = page.getByRole('dialog', { name: '案内メールの送信' });
  await expect(confirm).toContainText('それまでのリンクは使えなくなります');
  await confirm.getByRole('button', { name: '送信する' }).click();
  await expect(send.getByTestId('notice')).toHaveText('2件のメールを送信待ちにしました。');
  await expect(send.getByTestId('mail-no-email')).toContainText('梅田 三子');

  const outbox = page.getByTestId('mail-outbox');
  const batch = outbox.getByTestId('mail-batch').first();
  await expect(batch.getByTestId('mail-batch-state')).toHaveText('送信が終わりました');
  await expect(batch.getByTestId('mail-batch-counts')).toHaveText('送信済み 2 ／ 失敗 0 ／ 送信待ち 0（全2件）');
  await expect(batch.getByRole('progressbar', { name: '送信の進み具合' })).toHaveAttribute('aria-valuenow', '2');
  await wholePage(page, testInfo, 'collection-mail-sent');

  await smtp.waitForMail('ichiro@example.jp');
  await smtp.waitForMail('jiro@example.jp');
  const mail = smtp.mails.find((m) => m.to.includes('ichiro@example.jp'))!;
  expect(decodeSubject(mail.raw)).toBe('【株式会社さくら商事】大阪 一郎様 マイナンバー提出のお願い');
  expect(decodeBody(mail.raw)).toMatch(/https:\/\/[^\s]+\/c\/#[A-Za-z0-9_-]{22}/);
  expect(smtp.mails.filter((m) => m.to.includes('shiro@example.jp'))).toEqual([]);

  // QR sheets for the same filter: a page each, printed alone.
  await page.evaluate(() => {
    const w = globalThis as unknown as PageWindow & { print: () => void };
    w.__printed = 0;
    w.print = () => void (w.__printed = (w.__printed ?? 0) + 1);
  });
  await send.getByRole('button', { name: 'QRシートを印刷' }).click();
  await page.getByRole('dialog', { name: 'QRシートの印刷' }).getByRole('button', { name: '発行して表示' }).click();
  const sheets = page.getByTestId('qr-sheets');
  await expect(sheets.getByRole('heading', { name: 'QRシート（3人分）' })).toBeVisible();
  const pages = sheets.getByTestId('qr-sheet-page');
  await expect(pages).toHaveCount(3);
  await expect(pages.first()).toContainText('株式会社さくら商事');
  await expect(pages.first()).toContainText('会社パスコード');
  await expect(pages.first()).toContainText(/リンクの有効期限: \d{4}年/);
  await expect(pages.first().getByTestId('qr-sheet-code')).toBeVisible();
  const sheetMask = [...secretsOn(page), page.getByTestId('qr-sheet-url')];
  await screen(page, testInfo, 'collection-qr-sheets', sheetMask);
  await sheets.getByRole('button', { name: '印刷' }).click();
  expect(await page.evaluate(() => (globalThis as unknown as PageWindow).__printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'メインメニュー' })).toBeHidden();
  await expect(sheets.getByRole('button', { name: '印刷' })).toBeHidden();
  await snapshot(page, testInfo, 'collection-qr-sheets-print', { mask: sheetMask });
  await page.emulateMedia({ media: 'screen' });
  await sheets.getByRole('button', { name: '閉じる' }).click();
  await page.getByRole('dialog', { name: 'QRシートを閉じる' }).getByRole('button', { name: '閉じる' }).click();
  await expect(sheets).toBeHidden();
  await expect(page.getByTestId('qr-sheet-url')).toHaveCount(0);

  // From the list: two chosen registrants get a reminder, with its progress shown there.
  await nav(page).getByRole('button', { name: /^登録者/ }).click();
  await page.getByRole('checkbox', { name: '大阪 一郎 を選択' }).check();
  await page.getByRole('checkbox', { name: '銀座 四郎 を選択' }).check();
  const bar = page.getByTestId('selection-bar');
  await expect(bar.getByTestId('selection-count')).toHaveText('2人を選択中');
  await bar.getByRole('button', { name: 'リマインドを送る' }).click();
  const remind = page.getByRole('dialog', { name: 'リマインドメールの送信' });
  await expect(remind).toContainText('選んだ2人');
  await remind.getByRole('button', { name: '送信する' }).click();
  const result = page.getByTestId('mail-send-result');
  await expect(result.getByTestId('mail-batch-state')).toHaveText('送信が終わりました');
  await expect(result.getByTestId('mail-batch-counts')).toHaveText('送信済み 2 ／ 失敗 0 ／ 送信待ち 0（全2件）');
  await snapshot(page, testInfo, 'registrants-selection-reminder');
  await smtp.waitForMail('shiro@example.jp');
  await smtp.waitForMail('ichiro@example.jp', 2);
  expect(decodeSubject(smtp.mails.find((m) => m.to.includes('shiro@example.jp'))!.raw)).toBe('【株式会社さくら商事】マイナンバー提出のお願い（再送）');

  expectNoProblems(problems);
});
