// 登録者 end to end: the admin adds a registrant through the form (フリガナ typed in hiragana
// comes back in katakana), finds it by search and filters, registers a generated My Number
// (a wrong check digit is refused as it is typed), shows it for a stated purpose of use after
// re-entering the password, and sees it hide itself: on 隠す, after 60 seconds, and when the
// drawer closes. The audit trail holds the reveal with its purpose and never the number.
// The page must raise no CSP violation, console error or uncaught exception.
import type { Locator, Page } from '@playwright/test';
import type { VaultApi } from '../../src-shared/vault-api';
import { generateMyNumber } from '../support/numbers';
import { E2E_ADMIN, signInFirstAdmin } from './support/admin';
import { expect, expectNoProblems, field, snapshot, tallSnapshot, test } from './support/harness';

const admin = E2E_ADMIN;
const PURPOSE = '給与所得・退職所得の源泉徴収票作成事務';

/** The page's window, as seen from code compiled without DOM types. */
type PageWindow = { vault: VaultApi };

function table(page: Page) {
  return page.getByRole('table', { name: '登録者一覧' });
}

function rows(page: Page) {
  return table(page).locator('tbody tr');
}

function drawer(page: Page) {
  return page.getByRole('dialog', { name: '登録者の詳細' });
}

function reauthDialog(page: Page) {
  return page.getByRole('dialog', { name: 'パスワードの再入力' });
}

/** Chooses an option of a Mantine Select. */
async function choose(scope: Page | Locator, page: Page, label: string, option: string) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('the admin adds a registrant, registers a My Number and shows it for a purpose', async ({ page, problems, harness }, testInfo) => {
  test.setTimeout(180_000);
  // A fake clock that runs in real time, so the 60-second auto-hide can be skipped to.
  await page.clock.install();

  await signInFirstAdmin(page, harness.url);

  // 登録者: nothing yet.
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('button', { name: '登録者' }).click();
  await expect(page.getByRole('heading', { name: '登録者', level: 1 })).toBeVisible();
  await expect(page.getByTestId('registrants-empty')).toContainText('まだ登録者がいません。');

  // The form: client-side checks first, then hiragana フリガナ shown back in katakana.
  await page.getByRole('button', { name: '登録者を追加' }).click();
  const form = page.getByRole('dialog', { name: '登録者の追加' });
  await form.getByRole('checkbox', { name: '従業員' }).uncheck();
  await field(form, 'メールアドレス').fill('not-an-address');
  await form.getByRole('button', { name: '追加する' }).click();
  await expect(form.getByText('属性を1つ以上選んでください')).toBeVisible();
  await expect(form.getByText('メールアドレスの形式が正しくありません')).toBeVisible();
  await expect(form.getByText('姓を入力してください', { exact: true })).toBeVisible();
  await field(form, '姓').fill('山田');
  await field(form, '名').fill('太郎');
  await field(form, 'セイ').fill('やまだ');
  await field(form, 'メイ').fill('たろう');
  await field(form, '従業員番号').click();
  await expect(field(form, 'セイ')).toHaveValue('ヤマダ');
  await expect(field(form, 'メイ')).toHaveValue('タロウ');
  await field(form, '従業員番号').fill('E0001');
  await field(form, 'メールアドレス').fill('yamada.taro@example.co.jp');
  await field(form, '生年月日').fill('1985-04-01');
  await form.getByRole('checkbox', { name: '従業員' }).check();
  await expect(form.getByText('属性を1つ以上選んでください')).toBeHidden();
  await tallSnapshot(page, testInfo, 'registrants-form', 1000);
  await form.getByRole('button', { name: '追加する' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('notice')).toContainText('登録者「山田 太郎」を追加しました。');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('ヤマダ タロウ');
  await expect(rows(page).first()).toContainText('E0001');
  await expect(rows(page).first()).toContainText('未登録');

  // The core's refusal is shown as it is: the employee number is taken.
  await page.getByRole('button', { name: '登録者を追加' }).click();
  await field(form, '姓').fill('山田');
  await field(form, '名').fill('花子');
  await field(form, 'セイ').fill('ヤマダ');
  await field(form, 'メイ').fill('ハナコ');
  await field(form, '従業員番号').fill('E0001');
  await form.getByRole('button', { name: '追加する' }).click();
  await expect(form.getByRole('alert')).toContainText('この従業員番号は別の登録者に使われています');
  await form.getByRole('button', { name: 'キャンセル' }).click();
  await expect(form).toBeHidden();

  // More registrants, straight through the page's vault.
  const more = await page.evaluate(async () => {
    const { vault } = globalThis as unknown as PageWindow;
    const a = await vault.registrants.create({ familyName: '佐藤', givenName: '花子', familyNameKana: 'サトウ', givenNameKana: 'ハナコ', employeeCode: 'E0002', attributes: ['employee', 'category3_insured'] });
    const b = await vault.registrants.create({ familyName: '鈴木', givenName: '一郎', familyNameKana: 'すずき', givenNameKana: 'いちろう', attributes: ['shareholder'] });
    return [a, b];
  });
  expect(more).toMatchObject([{ ok: true }, { ok: true }]);

  // Search (by hiragana reading, by employee number) and the filters.
  const search = field(page, '検索');
  await search.fill('すずき');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('鈴木 一郎');
  await expect(rows(page).first()).toContainText('スズキ イチロウ');
  await search.fill('E000');
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByTestId('registrants-total')).toHaveText('全 2 件');
  await search.fill('該当なしの名前');
  await expect(page.getByTestId('registrants-empty')).toContainText('条件に一致する登録者はいません。');
  await search.fill('');
  await expect(rows(page)).toHaveCount(3);
  await expect(page.getByTestId('registrants-total')).toHaveText('全 3 件');
  // フリガナ order: サトウ, スズキ, ヤマダ; reversed on a second click.
  await expect(rows(page).nth(0)).toContainText('サトウ');
  await expect(rows(page).nth(2)).toContainText('ヤマダ');
  await table(page).getByRole('button', { name: '氏名' }).click();
  await expect(rows(page).nth(0)).toContainText('ヤマダ');
  await table(page).getByRole('button', { name: '氏名' }).click();
  await expect(rows(page).nth(0)).toContainText('サトウ');
  await choose(page, page, '属性', '株主');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('鈴木 一郎');
  await choose(page, page, '属性', '第3号被保険者');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('佐藤 花子');
  await choose(page, page, '属性', 'すべての属性');
  await expect(rows(page)).toHaveCount(3);
  await choose(page, page, 'ステータス', '完了');
  await expect(page.getByTestId('registrants-empty')).toContainText('条件に一致する登録者はいません。');
  await choose(page, page, 'ステータス', '未登録');
  await expect(rows(page)).toHaveCount(3);
  await snapshot(page, testInfo, 'registrants-list');
  await choose(page, page, 'ステータス', 'すべてのステータス');

  // Find 山田 by search, open the detail drawer with the keyboard-accessible 詳細 button.
  await search.fill('やまだ');
  await expect(rows(page)).toHaveCount(1);
  await table(page).getByRole('button', { name: '山田 太郎 さんの詳細' }).click();
  const detail = drawer(page);
  await expect(detail.getByTestId('detail-name')).toHaveText('山田 太郎');
  await expect(detail.getByTestId('detail-kana')).toHaveText('ヤマダ タロウ');
  await expect(detail).toContainText('yamada.taro@example.co.jp');
  await expect(detail).toContainText('1985年4月1日');
  await expect(detail).toContainText('従業員');
  const section = detail.getByTestId('mynumber-section');
  await expect(section).toContainText('未登録');
  await expect(section.getByRole('button', { name: 'マイナンバーを表示' })).toHaveCount(0);

  // Register the number: a wrong check digit and too few digits are refused as typed.
  const myNumber = generateMyNumber(20260101);
  const wrongCheck = myNumber.slice(0, 11) + String((Number(myNumber[11]) + 1) % 10);
  await section.getByRole('button', { name: 'マイナンバーを登録' }).click();
  const numberForm = page.getByRole('dialog', { name: 'マイナンバーの登録' });
  const input = field(numberForm, 'マイナンバー（12桁）');
  await expect(input).toHaveAttribute('autocomplete', 'off');
  await expect(input).toHaveAttribute('inputmode', 'numeric');
  await input.fill(wrongCheck);
  await expect(numberForm.getByText('検査用数字（12桁目）が一致しません')).toBeVisible();
  // Eleven digits are only unfinished while typed; leaving the field makes them an error.
  await input.fill(myNumber.slice(0, 11));
  await expect(numberForm.getByText('12桁の数字で入力してください')).toBeHidden();
  await input.blur();
  await expect(numberForm.getByText('12桁の数字で入力してください')).toBeVisible();
  // Typed in groups with a hyphen and full-width digits: accepted.
  const typed = `${myNumber.slice(0, 4)}-${myNumber.slice(4, 8)}-${myNumber.slice(8)}`.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  await input.fill(typed);
  await expect(numberForm.getByText('12桁の数字で入力してください')).toBeHidden();
  await expect(numberForm.getByText('12 / 12桁')).toBeVisible();
  await numberForm.getByRole('button', { name: '登録する' }).click();
  await expect(numberForm).toBeHidden();
  await expect(section.getByTestId('notice')).toContainText('マイナンバーを登録しました。');
  await expect(section).toContainText('登録済み');
  await expect(detail.locator('[data-status="completed"]')).toHaveText('完了');
  // The list behind the drawer was refreshed too.
  await expect(rows(page).first()).toContainText('完了');
  await expect(rows(page).first()).toContainText('登録済み');

  // Show it: the purpose is required; the password is asked again, then the number appears.
  await section.getByRole('button', { name: 'マイナンバーを表示' }).click();
  const reveal = page.getByRole('dialog', { name: 'マイナンバーの表示' });
  await expect(reveal).toContainText('監査ログに記録されます');
  await reveal.getByRole('button', { name: '表示する' }).click();
  await expect(reveal.getByText('利用目的を選んでください', { exact: true })).toBeVisible();
  await choose(reveal, page, '利用目的', PURPOSE);
  await reveal.getByRole('button', { name: '表示する' }).click();
  await expect(reauthDialog(page)).toBeVisible();
  await field(reauthDialog(page), 'パスワード').fill(admin.password);
  await reauthDialog(page).getByRole('button', { name: '確認して続ける' }).click();
  await expect(reauthDialog(page)).toBeHidden();
  await expect(reveal).toBeHidden();
  const formatted = `${myNumber.slice(0, 4)} ${myNumber.slice(4, 8)} ${myNumber.slice(8)}`;
  await expect(section.getByTestId('revealed-number')).toHaveText(formatted);
  await expect(section).toContainText(`利用目的「${PURPOSE}」とともに監査ログに記録されました`);
  await expect(section.getByTestId('reveal-countdown')).toHaveText(/^(60|59|58)秒後に自動的に隠します。$/);
  await snapshot(page, testInfo, 'registrants-revealed');

  // 隠す: gone from the page entirely.
  await section.getByRole('button', { name: '隠す' }).click();
  await expect(section.getByTestId('revealed-number')).toHaveCount(0);
  let html = await page.content();
  expect(html).not.toContain(formatted);
  expect(html).not.toContain(myNumber);

  // Again (within the 5-minute window: no password), then 60 seconds pass.
  await section.getByRole('button', { name: 'マイナンバーを表示' }).click();
  await choose(reveal, page, '利用目的', PURPOSE);
  await reveal.getByRole('button', { name: '表示する' }).click();
  await expect(reauthDialog(page)).toBeHidden();
  await expect(section.getByTestId('revealed-number')).toHaveText(formatted);
  await page.clock.fastForward(61_000);
  await expect(section.getByTestId('revealed-number')).toHaveCount(0);
  await expect(section.getByRole('button', { name: 'マイナンバーを表示' })).toBeVisible();

  // And once more, then the drawer is closed: reopened, the number is not there.
  await section.getByRole('button', { name: 'マイナンバーを表示' }).click();
  await choose(reveal, page, '利用目的', PURPOSE);
  await reveal.getByRole('button', { name: '表示する' }).click();
  await expect(section.getByTestId('revealed-number')).toHaveText(formatted);
  await detail.getByRole('button', { name: '閉じる' }).first().click();
  await expect(detail).toBeHidden();
  html = await page.content();
  expect(html).not.toContain(formatted);
  await rows(page).first().click();
  await expect(drawer(page).getByTestId('mynumber-section')).toContainText('登録済み');
  await expect(drawer(page).getByTestId('revealed-number')).toHaveCount(0);

  // Edit from the drawer: the change shows in the drawer and the list.
  await drawer(page).getByRole('button', { name: '編集' }).click();
  const edit = page.getByRole('dialog', { name: '登録者情報の編集' });
  await expect(field(edit, 'セイ')).toHaveValue('ヤマダ');
  await edit.getByRole('checkbox', { name: '株主' }).check();
  await edit.getByRole('button', { name: '変更を保存' }).click();
  await expect(edit).toBeHidden();
  await expect(drawer(page).getByTestId('notice')).toContainText('登録者「山田 太郎」の情報を更新しました。');
  await expect(drawer(page).locator('[data-attribute="shareholder"]')).toHaveText('株主');
  await expect(rows(page).first().locator('[data-attribute="shareholder"]')).toHaveText('株主');
  await snapshot(page, testInfo, 'registrants-detail');
  await page.keyboard.press('Escape');
  await expect(drawer(page)).toBeHidden();

  // The audit trail: three reveals, each with the purpose; no row holds the number.
  const audit = await page.evaluate(async () => {
    const { vault } = globalThis as unknown as PageWindow;
    return vault.audit.query({ limit: 1000 });
  });
  if (!audit.ok) throw new Error(audit.error.message);
  const reveals = audit.value.rows.filter((row) => row.action === 'mynumber.reveal');
  expect(reveals).toHaveLength(3);
  for (const row of reveals) {
    expect(row.outcome).toBe('success');
    expect(row.targetType).toBe('registrant');
    expect(row.detail).toMatchObject({ purposeId: 'withholding_slip', purpose: PURPOSE });
  }
  expect(audit.value.rows.some((row) => row.action === 'mynumber.set' && row.outcome === 'success')).toBe(true);
  const trail = JSON.stringify(audit.value.rows);
  expect(trail).not.toContain(myNumber);
  expect(trail).not.toContain(formatted);
  expect(trail).not.toContain(myNumber.slice(0, 8));

  // English.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Registrants', level: 1 })).toBeVisible();
  await field(page, 'Search').fill('');
  await expect(page.getByTestId('registrants-total')).toHaveText('3 in total');
  await snapshot(page, testInfo, 'registrants-list-en');
  // The built-in purposes of use read in English too.
  await page.getByRole('table', { name: 'Registrants' }).locator('tbody tr').filter({ hasText: '山田' }).click();
  const detailEn = page.getByRole('dialog', { name: 'Registrant details' });
  await detailEn.getByRole('button', { name: 'Show My Number' }).click();
  const revealEn = page.getByRole('dialog', { name: 'Show My Number' });
  await revealEn.getByRole('combobox', { name: 'Purpose of use' }).click();
  await expect(page.getByRole('option', { name: 'Withholding tax slips for salary and retirement income', exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await revealEn.getByRole('button', { name: 'Cancel' }).click();
  await expect(revealEn).toBeHidden();
  await detailEn.getByRole('button', { name: 'Close' }).first().click();
  await expect(detailEn).toBeHidden();
  await page.getByText('日本語', { exact: true }).click();
  await expect(page.getByRole('heading', { name: '登録者', level: 1 })).toBeVisible();

  // The dashboard counts them by status: counts only, no one named.
  const menu = page.getByRole('navigation', { name: 'メインメニュー' });
  await menu.getByRole('button', { name: /^ダッシュボード/ }).click();
  await expect(page.getByTestId('summary-total-count')).toHaveText('3');
  await expect(page.getByTestId('summary-total')).toContainText('うちマイナンバー登録済み 1 人');
  await expect(page.getByTestId('summary-unregistered-count')).toHaveText('2');
  await expect(page.getByTestId('by-status-pending')).toHaveText('0 人');
  await expect(page.getByTestId('by-status-completed')).toHaveText('1 人');
  await expect(page.getByRole('main')).not.toContainText('太郎');
  await snapshot(page, testInfo, 'dashboard-summary');
  await menu.getByRole('button', { name: /^登録者/ }).click();
  await expect(page.getByRole('heading', { name: '登録者', level: 1 })).toBeVisible();

  // 50 a page: 53 registrants make two pages; a new search starts again from the first.
  const bulk = await page.evaluate(async () => {
    const { vault } = globalThis as unknown as PageWindow;
    let failures = 0;
    for (let i = 1; i <= 50; i += 1) {
      const code = `P${String(i).padStart(3, '0')}`;
      const result = await vault.registrants.create({ familyName: '試験', givenName: `${i}号`, familyNameKana: 'シケン', givenNameKana: 'タロウ', employeeCode: code, attributes: ['other'] });
      if (!result.ok) failures += 1;
    }
    return failures;
  });
  expect(bulk).toBe(0);
  await search.fill('');
  await search.fill('P0');
  await expect(page.getByTestId('registrants-total')).toHaveText('全 50 件');
  await search.fill('');
  await expect(page.getByTestId('registrants-total')).toHaveText('全 53 件');
  await expect(rows(page)).toHaveCount(50);
  await expect(page.getByText('1〜50 件目を表示')).toBeVisible();
  const pager = page.getByRole('navigation', { name: 'ページ' });
  await pager.getByRole('button', { name: '2', exact: true }).click();
  await expect(rows(page)).toHaveCount(3);
  await expect(page.getByText('51〜53 件目を表示')).toBeVisible();
  await table(page).getByRole('button', { name: '従業員番号' }).click();
  await expect(page.getByText('1〜50 件目を表示')).toBeVisible();
  await expect(rows(page).first()).toContainText('E0001');
  await pager.getByRole('button', { name: '2', exact: true }).click();
  await search.fill('やまだ');
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByTestId('registrants-total')).toHaveText('全 1 件');
  await expect(pager).toHaveCount(0);

  expectNoProblems(problems);
});
