// 登録者の詳細 end to end, in a vault with one admin (so no second approval is needed and
// numbers are entered directly): the admin adds a registrant with the whole record (a 和暦
// hire date typed, a group, an admin-defined attribute), adds two dependents in the drawer,
// registers generated numbers for them and for the registrant (who becomes 完了 and locked),
// finds them by partial kana typed in hiragana and by the list's filters, shows a dependent's
// number for a purpose after re-entering the password, unlocks the completed record with a
// reason, declines another registrant with a reason, and reads the status history and the
// audit excerpt in the drawer. The dashboard shows the counts by status and by group, the
// disposal candidates and the system facts. Screenshots never show a number.
// The page must raise no CSP violation, console error or uncaught exception.
import type { Locator, Page } from '@playwright/test';
import type { VaultApi } from '../../src-shared/vault-api';
import { generateMyNumber } from '../support/numbers';
import { E2E_ADMIN, signInFirstAdmin } from './support/admin';
import { expect, expectNoProblems, field, snapshot, tallSnapshot, test } from './support/harness';

const DEPENDENT_PURPOSE = '扶養控除等（異動）申告書・保険料控除申告書等の作成事務';

/** The page's window, as seen from code compiled without DOM types. */
type PageWindow = { vault: VaultApi };

function rows(page: Page) {
  return page.getByRole('table', { name: '登録者一覧' }).locator('tbody tr');
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

/** Types a date into a DateField and leaves it: the field shows it as YYYY-MM-DD. */
async function typeDate(scope: Page | Locator, label: string, typed: string) {
  const input = field(scope, label);
  await input.fill(typed);
  await input.press('Tab');
}

function formatted(digits: string): string {
  return `${digits.slice(0, 4)} ${digits.slice(4, 8)} ${digits.slice(8)}`;
}

test('a registrant with two dependents: the record, numbers, search, reveal, history and audit excerpt', async ({ page, problems, harness }, testInfo) => {
  test.setTimeout(240_000);
  await signInFirstAdmin(page, harness.url);

  // Two groups and an attribute of the admin's own, then four more people, straight through the page's vault.
  const seeded = await page.evaluate(async () => {
    const { vault } = globalThis as unknown as PageWindow;
    const shinjuku = await vault.groups.create({ name: '新宿店' });
    const osaka = await vault.groups.create({ name: '大阪支店' });
    const partTime = await vault.attributes.create({ label: 'パート・アルバイト' });
    if (!shinjuku.ok || !osaka.ok || !partTime.ok) return { ok: false as const };
    const people = [
      { familyName: '田辺', givenName: '美咲', familyNameKana: 'タナベ', givenNameKana: 'ミサキ', groupId: osaka.value.id, hireDate: '2019-04-01', leaveDate: '2024-03-31', attributes: ['employee' as const] },
      { familyName: '佐藤', givenName: '花子', familyNameKana: 'サトウ', givenNameKana: 'ハナコ', groupId: shinjuku.value.id, attributes: ['employee' as const] },
      { familyName: '鈴木', givenName: '一郎', familyNameKana: 'スズキ', givenNameKana: 'イチロウ', attributes: ['shareholder' as const] },
      { familyName: '高橋', givenName: '直樹', familyNameKana: 'タカハシ', givenNameKana: 'ナオキ', groupId: osaka.value.id, leaveDate: '2030-03-31', attributes: ['employee' as const] },
    ];
    for (const person of people) if (!(await vault.registrants.create(person)).ok) return { ok: false as const };
    return { ok: true as const };
  });
  expect(seeded.ok).toBe(true);

  const menu = page.getByRole('navigation', { name: 'メインメニュー' });
  await menu.getByRole('button', { name: /^登録者/ }).click();
  await expect(page.getByRole('heading', { name: '登録者', level: 1 })).toBeVisible();
  await expect(page.getByTestId('registrants-total')).toHaveText('全 4 件');

  // The whole record through the form: a 和暦 hire date, the 昭和 birth date short, a postal code without its hyphen.
  await page.getByRole('button', { name: '登録者を追加' }).click();
  const form = page.getByRole('dialog', { name: '登録者の追加' });
  await field(form, '姓').fill('渡辺');
  await field(form, '名').fill('健二');
  await field(form, 'セイ').fill('わたなべ');
  await field(form, 'メイ').fill('けんじ');
  await field(form, '従業員番号').fill('E1001');
  await typeDate(form, '生年月日', 'S60.4.1');
  await expect(field(form, '生年月日')).toHaveValue('1985-04-01');
  await expect(form).toContainText('昭和60年4月1日');
  await field(form, 'メールアドレス').fill('watanabe.kenji@example.co.jp');
  await field(form, '電話番号').fill('090-1234-5678');
  await field(form, '郵便番号').fill('1500001');
  await field(form, '住所').fill('東京都渋谷区神宮前1-2-3');
  await typeDate(form, '入社日', '令和2年4月1日');
  await expect(field(form, '入社日')).toHaveValue('2020-04-01');
  await expect(form).toContainText('令和2年4月1日');
  // A leave date before the hire date is refused by the contract's own rule.
  await typeDate(form, '退職日', 'H31.4.30');
  await expect(field(form, '退職日')).toHaveValue('2019-04-30');
  await choose(form, page, '店舗・支店', '新宿店');
  await form.getByRole('checkbox', { name: 'パート・アルバイト' }).check();
  await field(form, '備考').fill('扶養親族の届出あり');
  await form.getByRole('button', { name: '追加する' }).click();
  await expect(form.getByText('退職日は入社日以降の日付にしてください')).toBeVisible();
  await field(form, '退職日').fill('');
  await field(form, '退職日').press('Tab');
  await expect(form.getByText('退職日は入社日以降の日付にしてください')).toBeHidden();
  await form.getByRole('button', { name: '追加する' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('notice')).toContainText('登録者「渡辺 健二」を追加しました。');
  await expect(page.getByTestId('registrants-total')).toHaveText('全 5 件');

  // Partial kana typed in hiragana finds katakana readings: たなべ is in タナベ and ワタナベ.
  const search = field(page, '検索');
  await search.fill('たなべ');
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).nth(0)).toContainText('タナベ ミサキ');
  await expect(rows(page).nth(1)).toContainText('ワタナベ ケンジ');
  await search.fill('わたな');
  await expect(rows(page)).toHaveCount(1);
  const watanabe = rows(page).first();
  await expect(watanabe).toContainText('渡辺 健二');
  await expect(watanabe.locator('[data-column="group"]')).toHaveText('新宿店');
  await expect(watanabe).toContainText('未登録');
  await expect(watanabe).toContainText('パート・アルバイト');
  await expect(watanabe.locator('[data-column="hireDate"]')).toHaveText('2020/04/01');

  // The drawer: the record as entered.
  await watanabe.click();
  const detail = drawer(page);
  await expect(detail.getByTestId('detail-name')).toHaveText('渡辺 健二');
  const record = detail.getByTestId('registrant-record');
  await expect(record.locator('[data-field="group"]')).toContainText('新宿店');
  await expect(record.locator('[data-field="address"]')).toContainText('〒150-0001 東京都渋谷区神宮前1-2-3');
  await expect(record.locator('[data-field="phone"]')).toContainText('090-1234-5678');
  await expect(record.locator('[data-field="birthDate"]')).toContainText('1985年4月1日');
  await expect(record.locator('[data-field="hireDate"]')).toContainText('2020年4月1日');
  await expect(record.locator('[data-field="leaveDate"]')).toContainText('未設定');
  await expect(record.locator('[data-field="notes"]')).toContainText('扶養親族の届出あり');
  const dependentsSection = detail.getByTestId('dependents-section');
  await expect(dependentsSection).toContainText('まだ扶養親族は登録されていません。');

  // Two dependents: a spouse (第3号被保険者, a 平成 birth date) and a child (税扶養).
  await dependentsSection.getByRole('button', { name: '扶養親族を追加' }).click();
  const dependentForm = page.getByRole('dialog', { name: '扶養親族の追加' });
  await expect(dependentForm.getByRole('combobox', { name: '続柄' })).toHaveValue('配偶者');
  await field(dependentForm, '姓').fill('渡辺');
  await field(dependentForm, '名').fill('由美');
  await field(dependentForm, 'セイ').fill('わたなべ');
  await field(dependentForm, 'メイ').fill('ゆみ');
  await typeDate(dependentForm, '生年月日', 'H2.5.3');
  await expect(field(dependentForm, '生年月日')).toHaveValue('1990-05-03');
  await dependentForm.getByRole('checkbox', { name: '第3号被保険者' }).check();
  await snapshot(page, testInfo, 'registrant-dependent-form');
  await dependentForm.getByRole('button', { name: '追加する' }).click();
  await expect(dependentForm).toBeHidden();
  await expect(dependentsSection.getByTestId('notice')).toContainText('扶養親族「渡辺 由美」を追加しました。');

  await dependentsSection.getByRole('button', { name: '扶養親族を追加' }).click();
  await choose(dependentForm, page, '続柄', '子');
  // 第3号被保険者 is a spouse's status only.
  await expect(dependentForm.getByRole('checkbox', { name: '第3号被保険者' })).toBeDisabled();
  await field(dependentForm, '姓').fill('渡辺');
  await field(dependentForm, '名').fill('翔太');
  await field(dependentForm, 'セイ').fill('わたなべ');
  await field(dependentForm, 'メイ').fill('しょうた');
  await typeDate(dependentForm, '生年月日', '2018/7/7');
  await dependentForm.getByRole('checkbox', { name: '税扶養' }).check();
  await dependentForm.getByRole('button', { name: '追加する' }).click();
  await expect(dependentForm).toBeHidden();

  const dependents = dependentsSection.getByTestId('dependent');
  await expect(dependents).toHaveCount(2);
  await expect(dependentsSection.getByTestId('dependents-count')).toHaveText('2 人');
  const spouse = dependents.filter({ hasText: '渡辺 由美' });
  const child = dependents.filter({ hasText: '渡辺 翔太' });
  await expect(spouse).toContainText('配偶者');
  await expect(spouse).toContainText('ワタナベ ユミ');
  await expect(spouse).toContainText('1990年5月3日 生まれ');
  await expect(spouse.locator('[data-flag="category3"]')).toHaveText('第3号被保険者');
  await expect(child).toContainText('子');
  await expect(child.locator('[data-flag="taxDependent"]')).toHaveText('税扶養');
  await expect(spouse).toContainText('未登録');

  // Numbers: the dependents' first (the completed record locks them), then the registrant's own.
  const numbers = { spouse: generateMyNumber(880101), child: generateMyNumber(880102), own: generateMyNumber(880103) };
  const registerNumber = async (button: Locator, digits: string) => {
    await button.click();
    const numberForm = page.getByRole('dialog', { name: 'マイナンバーの登録' });
    await field(numberForm, 'マイナンバー（12桁）').fill(digits);
    await numberForm.getByRole('button', { name: '登録する' }).click();
    await expect(numberForm).toBeHidden();
  };
  await registerNumber(spouse.getByRole('button', { name: '渡辺 由美 さんの番号を登録' }), numbers.spouse);
  await expect(dependentsSection.getByTestId('notice')).toContainText('マイナンバーを登録しました。');
  await expect(spouse.locator('[data-mynumber="held"]')).toHaveText('登録済み');
  await registerNumber(child.getByRole('button', { name: '渡辺 翔太 さんの番号を登録' }), numbers.child);
  await expect(child.locator('[data-mynumber="held"]')).toHaveText('登録済み');
  // The same number for someone else is refused (blind index), and said so.
  await spouse.getByRole('button', { name: '渡辺 由美 さんの番号を訂正' }).click();
  const correction = page.getByRole('dialog', { name: 'マイナンバーの訂正' });
  await field(correction, 'マイナンバー（12桁）').fill(numbers.child);
  await correction.getByRole('button', { name: '訂正する' }).click();
  await expect(correction.getByRole('alert')).toBeVisible();
  await correction.getByRole('button', { name: 'キャンセル' }).click();
  await expect(correction).toBeHidden();

  const own = detail.getByTestId('mynumber-section');
  await registerNumber(own.getByRole('button', { name: 'マイナンバーを登録' }), numbers.own);
  await expect(own.getByTestId('notice')).toContainText('マイナンバーを登録しました。');
  // 完了, and locked: no more dependents, no number changes.
  await expect(detail.locator('[data-status="completed"]')).toHaveText('完了');
  await expect(detail.getByTestId('lock-badge')).toHaveText('ロック中');
  await expect(detail.getByTestId('locked-note')).toBeVisible();
  await expect(dependentsSection.getByRole('button', { name: '扶養親族を追加' })).toHaveCount(0);
  await expect(dependentsSection.getByTestId('dependents-locked')).toBeVisible();
  await expect(spouse.getByRole('button', { name: '渡辺 由美 さんの番号を訂正' })).toHaveCount(0);
  const history = detail.getByTestId('status-history');
  await expect(history.getByTestId('history-change').first()).toHaveText('未登録 → 完了');
  await expect(history).toContainText('担当者が番号を登録');
  await expect(history).toContainText(E2E_ADMIN.loginId);

  // Show the spouse's number for a purpose: the password is asked again, then it appears on her row.
  await spouse.getByRole('button', { name: '渡辺 由美 さんの番号を表示' }).click();
  const reveal = page.getByRole('dialog', { name: 'マイナンバーの表示' });
  await expect(reveal).toContainText('扶養親族 渡辺 由美 さんのマイナンバーを表示します。');
  await choose(reveal, page, '利用目的', DEPENDENT_PURPOSE);
  await reveal.getByRole('button', { name: '表示する' }).click();
  await expect(reauthDialog(page)).toBeVisible();
  await field(reauthDialog(page), 'パスワード').fill(E2E_ADMIN.password);
  await reauthDialog(page).getByRole('button', { name: '確認して続ける' }).click();
  await expect(reveal).toBeHidden();
  await expect(spouse.getByTestId('revealed-number')).toHaveText(formatted(numbers.spouse));
  await expect(spouse).toContainText(`利用目的「${DEPENDENT_PURPOSE}」とともに監査ログに記録されました`);
  await expect(child.getByTestId('revealed-number')).toHaveCount(0);
  await spouse.getByRole('button', { name: '隠す' }).click();
  await expect(detail.getByTestId('revealed-number')).toHaveCount(0);
  expect(await page.content()).not.toContain(formatted(numbers.spouse));

  // The audit excerpt holds the reveal, named and with its purpose; never a number.
  const excerpt = detail.getByTestId('audit-excerpt');
  const revealEntry = excerpt.locator('li[data-action="mynumber.reveal"]');
  await expect(revealEntry).toHaveCount(1);
  await expect(revealEntry).toContainText('マイナンバーの表示');
  await expect(revealEntry).toContainText('渡辺 由美');
  await expect(revealEntry).toContainText(DEPENDENT_PURPOSE);
  await expect(excerpt.locator('li[data-action="dependents.create"]')).toHaveCount(2);
  await expect(excerpt.locator('li[data-action="registrants.create"]')).toContainText('渡辺 健二');
  for (const digits of Object.values(numbers)) await expect(excerpt).not.toContainText(digits);

  // The admin unlocks the completed record with a reason (within the password window: not asked again).
  await detail.getByRole('button', { name: 'ロックを解除' }).click();
  const unlock = page.getByRole('dialog', { name: 'ロックの解除' });
  await unlock.getByRole('button', { name: 'ロックを解除する' }).click();
  await expect(unlock.getByText('理由を入力してください', { exact: true })).toBeVisible();
  await field(unlock, '解除する理由').fill('本人から住所変更の届出があったため');
  await unlock.getByRole('button', { name: 'ロックを解除する' }).click();
  await expect(unlock).toBeHidden();
  await expect(detail.getByTestId('notice').first()).toContainText('ロックを解除しました。');
  await expect(detail.getByTestId('lock-badge')).toHaveText('ロック解除中');
  await expect(detail.getByTestId('unlocked-note')).toBeVisible();
  await expect(dependentsSection.getByRole('button', { name: '扶養親族を追加' })).toBeVisible();
  await expect(history.getByTestId('history-change').first()).toHaveText('ロック解除');
  await expect(history).toContainText('理由：本人から住所変更の届出があったため');
  await expect(excerpt.locator('li[data-action="registrants.unlock"]')).toHaveCount(1);
  await tallSnapshot(page, testInfo, 'registrant-detail-dependents-history', 2800);
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();

  // The same drawer in English.
  await page.getByText('English', { exact: true }).click();
  await page.getByRole('table', { name: 'Registrants' }).locator('tbody tr').first().click();
  const detailEn = page.getByRole('dialog', { name: 'Registrant details' });
  await expect(detailEn.getByTestId('dependents-section')).toContainText('Dependants');
  await expect(detailEn.getByTestId('status-history')).toContainText('Not registered → Complete');
  await expect(detailEn.getByTestId('audit-excerpt')).toContainText('Declarations for dependants');
  await tallSnapshot(page, testInfo, 'registrant-detail-en', 2800);
  await page.keyboard.press('Escape');
  await expect(detailEn).toBeHidden();
  await page.getByText('日本語', { exact: true }).click();
  await expect(page.getByRole('heading', { name: '登録者', level: 1 })).toBeVisible();

  // Another registrant declined by hand: the reason is required and kept in the history.
  await search.fill('たなべ み');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('田辺 美咲');
  await rows(page).first().click();
  await expect(detail.getByTestId('detail-name')).toHaveText('田辺 美咲');
  await detail.getByRole('button', { name: '「拒否」にする' }).click();
  const decline = page.getByRole('dialog', { name: 'ステータスの変更' });
  await expect(decline).toContainText('田辺 美咲 さんのステータスを「未登録」から「拒否」に変更します。');
  await decline.getByRole('button', { name: '変更する' }).click();
  await expect(decline.getByText('理由を入力してください', { exact: true })).toBeVisible();
  await field(decline, '理由').fill('退職済みで提出の意思がないため');
  await decline.getByRole('button', { name: '変更する' }).click();
  await expect(decline).toBeHidden();
  await expect(detail.getByTestId('notice')).toContainText('ステータスを「拒否」に変更しました。');
  await expect(detail.locator('[data-status="declined"]')).toHaveText('拒否');
  await expect(history.getByTestId('history-change').first()).toHaveText('未登録 → 拒否');
  await expect(history).toContainText('理由：退職済みで提出の意思がないため');
  await expect(detail.getByRole('button', { name: '「未登録」に戻す' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();

  // The filters: group, number held, leave-date range (typed in 和暦).
  await search.fill('');
  await expect(page.getByTestId('registrants-total')).toHaveText('全 5 件');
  await choose(page, page, '店舗・支店', '新宿店');
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByTestId('registrants-total')).toHaveText('全 2 件');
  await choose(page, page, 'マイナンバー', '登録済み');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('渡辺 健二');
  await choose(page, page, 'マイナンバー', '未登録');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('佐藤 花子');
  await choose(page, page, 'マイナンバー', 'すべて');
  await choose(page, page, '店舗・支店', '所属なし');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('鈴木 一郎');
  await choose(page, page, '店舗・支店', 'すべての店舗・支店');
  await typeDate(page, '退職日（この日から）', 'R6.1.1');
  await typeDate(page, '退職日（この日まで）', '令和6年12月31日');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('田辺 美咲');
  await expect(rows(page).first()).toContainText('拒否');
  await typeDate(page, '退職日（この日まで）', '2035-12-31');
  await expect(rows(page)).toHaveCount(2);
  // Sorted by leave date, latest first.
  await page.getByRole('table', { name: '登録者一覧' }).getByRole('button', { name: '退職日' }).click();
  await page.getByRole('table', { name: '登録者一覧' }).getByRole('button', { name: '退職日' }).click();
  await expect(rows(page).first()).toContainText('高橋 直樹');
  await snapshot(page, testInfo, 'registrant-list-filtered');
  await page.getByRole('button', { name: '条件をクリア' }).click();
  await expect(page.getByTestId('registrants-total')).toHaveText('全 5 件');

  // The dashboard: counts by status and by group, the disposal candidates, the system facts.
  await menu.getByRole('button', { name: /^ダッシュボード/ }).click();
  await expect(page.getByTestId('summary-total-count')).toHaveText('5');
  await expect(page.getByTestId('summary-unregistered-count')).toHaveText('3');
  await expect(page.getByTestId('summary-waiting-count')).toHaveText('0');
  await expect(page.getByTestId('summary-leave-passed-count')).toHaveText('1');
  await expect(page.getByTestId('by-status-completed')).toHaveText('1 人');
  await expect(page.getByTestId('by-status-declined')).toHaveText('1 人');
  await expect(page.getByTestId('by-status-unregistered')).toHaveText('3 人');
  await expect(page.getByTestId('by-group-row')).toHaveText(['新宿店: 2 人', '大阪支店: 2 人', '所属なし: 1 人']);
  const facts = page.getByTestId('system-facts');
  await expect(facts.locator('[data-fact="keyStore"]')).toContainText('パスフレーズで保護した鍵ファイル');
  await expect(facts.locator('[data-fact="auditChain"]')).toContainText('正常');
  await expect(facts.locator('[data-fact="failedLogins"]')).toContainText('0 回');
  await expect(page.getByRole('main')).not.toContainText('渡辺');
  await expect(page.getByTestId('chart-by-status').locator('svg').first()).toBeVisible();
  await expect(page.getByTestId('chart-by-group').locator('svg').first()).toBeVisible();
  await tallSnapshot(page, testInfo, 'dashboard-charts', 1300);
  // The review page is one click away.
  await page.getByTestId('summary-waiting').getByRole('button', { name: '審査へ' }).click();
  await expect(page.getByRole('heading', { name: '提出の審査', level: 1 })).toBeVisible();

  expectNoProblems(problems);
});
