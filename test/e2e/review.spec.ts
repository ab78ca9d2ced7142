// 代理入力 and 審査 end to end: the admin adds two groups (店舗・支店) and a manager limited
// to one of them; with two HR users a proxy entry waits for a second user's approval. The
// admin enters a registrant's number and two new dependents with theirs by proxy entry (a
// wrong check digit refused as it is typed), finds in the review queue that the approval is
// not theirs to give (and the core refuses it), the manager approves it from the review
// queue (opened from the dashboard), and the registrant is 完了 with both dependents. The manager sees only their group's
// registrants. Deleting a group with members moves them to another. No screenshot shows a
// number, and no page raises a CSP violation, console error or uncaught exception.
import type { Browser, Locator, Page } from '@playwright/test';
import type { VaultApi } from '../../src-shared/vault-api';
import { freshCode } from '../harness/support/totp';
import { generateMyNumber } from '../support/numbers';
import { E2E_ADMIN, signInFirstAdmin } from './support/admin';
import { expect, expectNoProblems, field, type PageProblems, snapshot, tallSnapshot, test, watchProblems } from './support/harness';

const admin = E2E_ADMIN;
const manager = {
  loginId: 'shinjuku.mgr',
  displayName: '新宿店 店長 田中',
  email: 'tanaka@example.co.jp',
  initialPassword: 'amber harbour lantern 4471',
  newPassword: 'paper cranes over the bay',
};
const SHINJUKU = '新宿店';
const OSAKA = '大阪支店';

/** The page's window, as seen from code compiled without DOM types. */
type PageWindow = { vault: VaultApi };

function nav(page: Page) {
  return page.getByRole('navigation', { name: 'メインメニュー' });
}

async function openPage(page: Page, name: string, heading = name) {
  await nav(page).getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
}

function reauthDialog(page: Page) {
  return page.getByRole('dialog', { name: 'パスワードの再入力' });
}

/** Chooses an option of a Mantine Select. */
async function choose(scope: Page | Locator, page: Page, label: string, option: string) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function addGroup(page: Page, name: string) {
  await page.getByRole('button', { name: 'グループを追加' }).click();
  const form = page.getByRole('dialog', { name: 'グループの追加' });
  await field(form, 'グループ名').fill(name);
  await form.getByRole('button', { name: '追加する' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('notice')).toContainText(`グループ「${name}」を追加しました。`);
}

async function newUserPage(browser: Browser, baseURL: string): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ baseURL, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems = await watchProblems(page);
  await page.goto('/');
  return { page, problems };
}

/** A new dependent's card in the proxy-entry form: relationship, names, readings, number. */
async function fillAddedDependent(
  card: Locator,
  page: Page,
  d: { relationship: string; familyName: string; givenName: string; familyNameKana: string; givenNameKana: string; myNumber: string },
) {
  await choose(card, page, '続柄', d.relationship);
  await field(card, '姓').fill(d.familyName);
  await field(card, '名').fill(d.givenName);
  await field(card, 'セイ').fill(d.familyNameKana);
  await field(card, 'メイ').fill(d.givenNameKana);
  await field(card, 'マイナンバー').fill(d.myNumber);
}

test('a proxy entry waits for a second user, who approves it from the review queue', async ({ page, problems, harness, browser }, testInfo) => {
  test.setTimeout(240_000);
  await signInFirstAdmin(page, harness.url);

  // 店舗・支店: none yet; two are added.
  await openPage(page, '店舗・支店');
  await expect(page.getByTestId('groups-empty')).toContainText('まだグループがありません。');
  await addGroup(page, SHINJUKU);
  await addGroup(page, OSAKA);
  const groupRows = page.getByRole('table', { name: 'グループ一覧' }).locator('tbody tr');
  await expect(groupRows).toHaveCount(2);
  await expect(groupRows.nth(0)).toContainText(SHINJUKU);
  await expect(groupRows.nth(1)).toContainText(OSAKA);

  // Two registrants, one in each group, straight through the page's vault.
  const groups = await page.evaluate(() => (globalThis as unknown as PageWindow).vault.groups.list({}));
  if (!groups.ok) throw new Error(groups.error.message);
  const groupId = (name: string) => groups.value.rows.find((g) => g.name === name)!.id;
  const created = await page.evaluate(
    async ({ shinjuku, osaka }) => {
      const { vault } = globalThis as unknown as PageWindow;
      return [
        await vault.registrants.create({ familyName: '山田', givenName: '太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', employeeCode: 'S0001', groupId: shinjuku, attributes: ['employee'] }),
        await vault.registrants.create({ familyName: '佐藤', givenName: '次郎', familyNameKana: 'サトウ', givenNameKana: 'ジロウ', employeeCode: 'O0001', groupId: osaka, attributes: ['employee'] }),
      ];
    },
    { shinjuku: groupId(SHINJUKU), osaka: groupId(OSAKA) },
  );
  expect(created).toMatchObject([{ ok: true }, { ok: true }]);
  const osakaRegistrantId = created[1]!.ok ? created[1]!.value.id : '';

  // ユーザー管理: the manager, limited to 新宿店 (after re-entering the password).
  await openPage(page, 'ユーザー管理');
  await page.getByRole('button', { name: 'ユーザーを追加' }).click();
  const userForm = page.getByRole('dialog', { name: 'ユーザーの追加' });
  await field(userForm, 'ログインID').fill(manager.loginId);
  await field(userForm, '表示名').fill(manager.displayName);
  await field(userForm, 'メールアドレス').fill(manager.email);
  await userForm.getByRole('radio', { name: '最高権限', exact: true }).check();
  await expect(userForm.getByTestId('user-groups-admin-note')).toContainText('常にすべてのグループを担当します');
  await userForm.getByRole('radio', { name: '管理担当者', exact: true }).check();
  await expect(userForm.getByText('空欄のときは、すべてのグループの登録者を担当します')).toBeVisible();
  await field(userForm, '担当グループ').click();
  await page.getByRole('option', { name: SHINJUKU }).click();
  await field(userForm, '表示名').click();
  await userForm.getByRole('radio', { name: '認証アプリ', exact: true }).check();
  await field(userForm, '初期パスワード').fill(manager.initialPassword);
  await userForm.getByRole('button', { name: '追加する' }).click();
  await field(reauthDialog(page), 'パスワード').fill(admin.password);
  await reauthDialog(page).getByRole('button', { name: '確認して続ける' }).click();
  await expect(userForm).toBeHidden();
  const managerRow = page.getByRole('table', { name: 'ユーザー一覧' }).locator(`tr[data-login-id="${manager.loginId}"]`);
  await expect(managerRow).toContainText('管理担当者');
  await expect(managerRow.getByTestId('user-groups')).toHaveText(`担当：${SHINJUKU}`);
  await expect(page.getByRole('table', { name: 'ユーザー一覧' }).locator(`tr[data-login-id="${admin.loginId}"]`).getByTestId('user-groups')).toHaveCount(0);
  await snapshot(page, testInfo, 'users-groups');

  // 設定: the default (automatic) now asks for a second user's approval.
  await openPage(page, '設定');
  const approvalSettings = page.getByTestId('proxy-approval-settings');
  await expect(approvalSettings.getByRole('radio', { name: '自動（おすすめ）' })).toBeChecked();
  await expect(approvalSettings.getByTestId('proxy-approval-now')).toContainText('代理入力には別のユーザーの承認が必要です');
  await expect(page.getByTestId('attributes-table').locator('tr[data-attribute="employee"]')).toContainText('従業員');
  await approvalSettings.scrollIntoViewIfNeeded();
  await tallSnapshot(page, testInfo, 'settings-review', 2600);

  // 登録者 → 山田 → 代理入力: the note says it will wait for approval.
  await openPage(page, '登録者');
  const registrantRows = page.getByRole('table', { name: '登録者一覧' }).locator('tbody tr');
  await expect(registrantRows).toHaveCount(2);
  await page.getByRole('button', { name: '山田 太郎 さんの詳細' }).click();
  const drawer = page.getByRole('dialog', { name: '登録者の詳細' });
  await drawer.getByTestId('mynumber-section').getByRole('button', { name: '代理入力' }).click();
  const proxy = page.getByRole('dialog', { name: '代理入力' });
  await expect(proxy.getByTestId('proxy-review-note')).toContainText('別のユーザーが承認したときに登録されます');
  await expect(proxy).toContainText('登録済みの扶養親族はいません。');

  // Nothing typed: the registrant's own number is required (none is held yet).
  await proxy.getByRole('button', { name: '提出する' }).click();
  await expect(proxy.getByText('この登録者のマイナンバーはまだ登録されていません')).toBeVisible();

  // The registrant's number: numeric input, a wrong check digit refused as it is typed.
  const own = generateMyNumber(880001);
  const spouse = generateMyNumber(880002);
  const child = generateMyNumber(880003);
  const ownInput = field(proxy, '本人のマイナンバー');
  await expect(ownInput).toHaveAttribute('inputmode', 'numeric');
  await expect(ownInput).toHaveAttribute('autocomplete', 'off');
  await ownInput.fill(own.slice(0, 11) + String((Number(own[11]) + 1) % 10));
  await expect(proxy.getByText('検査用数字（12桁目）が一致しません')).toBeVisible();
  await ownInput.fill(own);
  await expect(proxy.getByText('検査用数字（12桁目）が一致しません')).toBeHidden();
  await expect(proxy.getByText('12 / 12 桁')).toBeVisible();

  // Two new dependents with their numbers.
  await proxy.getByRole('button', { name: '扶養親族を追加' }).click();
  await fillAddedDependent(proxy.getByRole('group', { name: '追加 1 人目' }), page, {
    relationship: '配偶者',
    familyName: '山田',
    givenName: '花子',
    familyNameKana: 'やまだ',
    givenNameKana: 'はなこ',
    myNumber: spouse,
  });
  const first = proxy.getByRole('group', { name: '追加 1 人目' });
  await first.getByRole('checkbox', { name: '第3号被保険者' }).check();
  await expect(field(first, 'セイ')).toHaveValue('ヤマダ');
  await proxy.getByRole('button', { name: '扶養親族を追加' }).click();
  const second = proxy.getByRole('group', { name: '追加 2 人目' });
  await fillAddedDependent(second, page, { relationship: '子', familyName: '山田', givenName: '一郎', familyNameKana: 'ヤマダ', givenNameKana: 'イチロウ', myNumber: child });
  await second.getByRole('checkbox', { name: '税扶養' }).check();
  await expect(second.getByRole('checkbox', { name: '第3号被保険者' })).toBeDisabled();
  // Photographed from its top (typing further down scrolled the dialog), numbers masked.
  await proxy.evaluate((el: any) => el.closest('.mantine-Modal-content')?.scrollTo(0, 0) ?? el.scrollTo(0, 0));
  await tallSnapshot(page, testInfo, 'proxy-entry', 1700, { mask: [page.locator('.mnv-mynumber-input input')] });
  await proxy.getByRole('button', { name: '提出する' }).click();
  const result = proxy.getByTestId('proxy-entry-result');
  await expect(result).toHaveAttribute('data-status', 'pending');
  await expect(result).toContainText('承認待ちになりました');
  await expect(result).toContainText('あなた自身は承認できません');
  await result.getByRole('button', { name: '閉じる' }).click();
  await expect(proxy).toBeHidden();
  expect(await page.content()).not.toContain(own);
  await expect(drawer.locator('[data-status="pending"]').first()).toHaveText('承認待ち');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // 審査 (one waiting, shown on the menu): the author may not approve their own entry.
  await expect(nav(page).getByTestId('nav-waiting')).toHaveText('1');
  await openPage(page, '審査', '提出の審査');
  const queue = page.getByRole('table', { name: '提出一覧' });
  await expect(queue.locator('tbody tr')).toHaveCount(1);
  await expect(queue.locator('tbody tr').first()).toContainText('山田 太郎');
  await expect(queue.locator('tbody tr').first()).toContainText('代理入力');
  await expect(queue.locator('tbody tr').first()).toContainText('扶養親族 2 人');
  await expect(queue.locator('tbody tr').first()).toContainText(admin.loginId);
  await queue.getByRole('button', { name: '山田 太郎 さんの提出を開く' }).click();
  const detail = page.getByRole('dialog', { name: '提出の内容' });
  await expect(detail.getByTestId('submission-name')).toHaveText('山田 太郎');
  await expect(detail.getByTestId('own-entry-note')).toContainText('あなたは承認できません');
  await expect(detail.getByRole('button', { name: '承認する' })).toBeDisabled();
  const submissions = await page.evaluate(() => (globalThis as unknown as PageWindow).vault.submissions.list({ status: 'pending' }));
  if (!submissions.ok) throw new Error(submissions.error.message);
  const submissionId = submissions.value.rows[0]!.id;
  const refused = await page.evaluate((id) => (globalThis as unknown as PageWindow).vault.submissions.approve({ id }), submissionId);
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '自分で代理入力した提出は承認できません。別のユーザーに承認を依頼してください' } });
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();

  // The manager signs in (enrolling the authenticator, changing the initial password).
  const m = await newUserPage(browser, harness.url);
  await field(m.page, 'ログインID').fill(manager.loginId);
  await field(m.page, 'パスワード').fill(manager.initialPassword);
  await m.page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(m.page.getByRole('heading', { name: '認証アプリの登録' })).toBeVisible();
  const secret = (await m.page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  await field(m.page, '認証アプリに表示された6桁のコード').fill((await freshCode(secret)).code);
  await m.page.getByRole('button', { name: '登録してログイン' }).click();
  await expect(m.page.getByRole('heading', { name: 'パスワードの変更' })).toBeVisible();
  await field(m.page, '現在のパスワード').fill(manager.initialPassword);
  await field(m.page, '新しいパスワード').fill(manager.newPassword);
  await field(m.page, '新しいパスワード（確認）').fill(manager.newPassword);
  await m.page.getByRole('button', { name: 'パスワードを変更' }).click();
  await expect(m.page.getByRole('heading', { name: 'ダッシュボード' })).toBeVisible();

  // The manager opens the review queue from the dashboard: the entry's contents, never a
  // number; approved.
  await expect(nav(m.page).getByTestId('nav-waiting')).toHaveText('1');
  await m.page.getByTestId('summary-waiting').getByRole('button', { name: '審査へ' }).click();
  await expect(m.page.getByRole('heading', { name: '提出の審査', level: 1 })).toBeVisible();
  await m.page.getByRole('table', { name: '提出一覧' }).getByRole('button', { name: '山田 太郎 さんの提出を開く' }).click();
  const review = m.page.getByRole('dialog', { name: '提出の内容' });
  await expect(review.getByTestId('submission-entered-by')).toHaveText(admin.loginId);
  await expect(review.getByTestId('submission-own-number')).toHaveText('提出に含まれています');
  const submitted = review.getByTestId('submitted-dependent');
  await expect(submitted).toHaveCount(2);
  await expect(submitted.nth(0)).toContainText('配偶者');
  await expect(submitted.nth(0)).toContainText('ヤマダ ハナコ');
  await expect(submitted.nth(0)).toContainText('第3号被保険者');
  await expect(submitted.nth(0).getByTestId('submitted-dependent-number')).toHaveText('提出あり');
  await expect(submitted.nth(1)).toContainText('山田 一郎');
  await expect(submitted.nth(1)).toContainText('税扶養');
  await expect(review.getByTestId('own-entry-note')).toHaveCount(0);
  await expect(review.getByRole('button', { name: '承認する' })).toBeEnabled();
  await review.evaluate((el: any) => Promise.all(el.getAnimations({ subtree: true }).map((a: any) => a.finished)));
  const html = await m.page.content();
  for (const n of [own, spouse, child]) expect(html).not.toContain(n);
  await tallSnapshot(m.page, testInfo, 'review-queue-detail', 1100);
  await review.getByRole('button', { name: '承認する' }).click();
  const approve = m.page.getByRole('dialog', { name: '提出の承認' });
  await approve.getByRole('button', { name: '承認する' }).click();
  await expect(approve).toBeHidden();
  await expect(review).toBeHidden();
  await expect(m.page.getByTestId('notice')).toContainText('山田 太郎 さんの提出を承認しました。');
  await expect(m.page.getByTestId('submissions-empty')).toContainText('審査待ちの提出はありません。');
  await expect(nav(m.page).getByTestId('nav-waiting')).toHaveCount(0);
  await m.page.getByTestId('submission-filter').getByText('承認済み').click();
  await expect(m.page.getByRole('table', { name: '提出一覧' }).locator('tbody tr').first()).toContainText('承認済み');

  // The manager's registrants: 新宿店 only, 山田 完了; 大阪支店's registrant is not found.
  await openPage(m.page, '登録者');
  const managerRows = m.page.getByRole('table', { name: '登録者一覧' }).locator('tbody tr');
  await expect(managerRows).toHaveCount(1);
  await expect(managerRows.first()).toContainText('山田 太郎');
  await expect(managerRows.first()).toContainText('完了');
  const outside = await m.page.evaluate((id) => (globalThis as unknown as PageWindow).vault.registrants.get({ id }), osakaRegistrantId);
  expect(outside).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  await expect(nav(m.page).getByRole('button', { name: '店舗・支店' })).toHaveCount(0);

  // The admin: 山田 完了 with both dependents holding numbers.
  await openPage(page, '登録者');
  await page.getByRole('button', { name: '山田 太郎 さんの詳細' }).click();
  await expect(drawer.locator('[data-status="completed"]').first()).toHaveText('完了');
  // The drawer's audit excerpt holds what was filed under the submission: the proxy entry, the
  // author's refused approval and the manager's approval, newest first.
  const excerpt = drawer.getByTestId('audit-excerpt');
  await expect(excerpt.locator('li[data-action="submissions.createProxy"]')).toHaveCount(1);
  const approvals = excerpt.locator('li[data-action="submissions.approve"]');
  await expect(approvals).toHaveCount(2);
  await expect(approvals.nth(0)).toContainText(manager.loginId);
  await expect(approvals.nth(1)).toContainText(admin.loginId);
  const dependents = await page.evaluate(async () => {
    const { vault } = globalThis as unknown as PageWindow;
    const list = await vault.registrants.list({ filter: { text: 'ヤマダ' } });
    if (!list.ok) return list;
    return vault.dependents.list({ registrantId: list.value.rows[0]!.id });
  });
  expect(dependents).toMatchObject({ ok: true });
  if (dependents.ok) {
    expect(dependents.value.rows.map((d) => [d.givenName, d.hasMyNumber]).sort()).toEqual([
      ['一郎', true],
      ['花子', true],
    ]);
  }
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // 店舗・支店: a registrant in each; deleting 大阪支店 moves its registrant to 新宿店. The
  // admin's menu no longer counts the submission the manager approved.
  await openPage(page, '店舗・支店');
  await expect(nav(page).getByTestId('nav-waiting')).toHaveCount(0);
  await expect(groupRows.nth(0).getByTestId('group-member-count')).toHaveText('1 人');
  await expect(groupRows.nth(1).getByTestId('group-member-count')).toHaveText('1 人');
  await snapshot(page, testInfo, 'groups-page');
  await page.getByRole('button', { name: `「${OSAKA}」の操作` }).click();
  await page.getByRole('menuitem', { name: '削除' }).click();
  const remove = page.getByRole('dialog', { name: 'グループの削除' });
  await expect(remove).toContainText('1 人の登録者が所属しています');
  await remove.getByRole('button', { name: '移動して削除する' }).click();
  await expect(remove.getByText('移動先のグループを選んでください')).toBeVisible();
  await choose(remove, page, '移動先のグループ', SHINJUKU);
  await remove.getByRole('button', { name: '移動して削除する' }).click();
  await expect(remove).toBeHidden();
  await expect(page.getByTestId('notice')).toContainText(`グループ「${OSAKA}」を削除し、所属していた登録者と担当を「${SHINJUKU}」に移しました。`);
  await expect(groupRows).toHaveCount(1);
  await expect(groupRows.first().getByTestId('group-member-count')).toHaveText('2 人');

  expectNoProblems(problems);
  expectNoProblems(m.problems);
});
