// Importing registrants from CSV files as Japanese offices make them (files made here, with
// iconv-lite for CP932): the encoding found from the bytes, quoted fields with line breaks,
// values normalised by the contract's own rules; a preview listing every problem by row and
// column in Japanese; a commit that writes all of the file in one transaction or nothing;
// re-importing the same file changes nothing; numbers sealed and audited once, never shown;
// a limited manager imports only into their groups.
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import type { Db } from '../../src-main/core/platform/db/open';
import { generateMyNumber } from '../support/numbers';
import { openRawDb } from '../support/raw-db';
import { ADMIN, must, openTestCore, setupAdmin, signInNewUser, testClock } from '../support/vault';

const clock = testClock();
let core: Core;
let admin: string;
let rawDb: Db;
let tokyoId: string;
let osakaId: string;

const HEADER = '社員番号,姓,名,セイ,メイ,生年月日,メールアドレス,グループ,属性,個人番号';

const cp932 = (text: string) => iconv.encode(text, 'cp932').toString('base64');
const utf8 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const utf8bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]).toString('base64');

async function preview(contentBase64: string, extra: Record<string, unknown> = {}, session = admin) {
  return must(core, session, 'csv.importPreview', { fileName: 'import.csv', contentBase64, ...extra });
}

async function importFile(contentBase64: string, extra: Record<string, unknown> = {}, session = admin) {
  const p = await preview(contentBase64, extra, session);
  expect(p.errors).toEqual([]);
  return { preview: p, result: await must(core, session, 'csv.importCommit', { previewId: p.previewId }) };
}

async function byCode(code: string, session = admin) {
  const { rows } = await must(core, session, 'registrants.list', { filter: { text: code }, limit: 10 });
  return rows.find((r: { employeeCode: string }) => r.employeeCode === code);
}

/** Every table an import writes, as rows: what a refused import must leave exactly as it was. */
function snapshot(): string {
  return JSON.stringify(
    ['registrants', 'registrant_attributes', 'my_numbers', 'groups', 'registrant_status_history', 'submissions'].map((t) => rawDb.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()),
  );
}

const auditCount = () => rawDb.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

beforeAll(async () => {
  let dataDir: string;
  ({ core, dataDir } = await openTestCore(undefined, { clock }));
  admin = (await setupAdmin(core, clock)).session;
  rawDb = await openRawDb(dataDir, core.vaultId);
  tokyoId = (await must(core, admin, 'groups.create', { name: '東京本社' })).id;
  osakaId = (await must(core, admin, 'groups.create', { name: '大阪支店' })).id;
});
afterAll(async () => {
  rawDb.close();
  await core.close();
});

describe('reading the files Japanese offices make', () => {
  it('reads CP932 with 髙, 﨑 and ①, widens half-width kana, narrows full-width digits and reads 和暦 dates', async () => {
    const file = [
      '社員番号,姓,名,セイ,メイ,生年月日,メールアドレス,グループ,属性,個人番号,入社日,備考',
      `Ａ１００１,髙橋,一郎,ﾀｶﾊｼ,ｲﾁﾛｳ,昭和60年4月1日,ｔａｋａｈａｓｈｉ@example.co.jp,東京本社,従業員,${generateMyNumber(1001)},Ｈ20.4.1,①番窓口`,
      `A1002,山﨑,花子,やまざき,はなこ,S60.4.1,,大阪支店,従業員、株主,,令和元年5月1日,`,
    ].join('\r\n');
    const p = await preview(cp932(file));
    expect(p).toMatchObject({ encoding: 'cp932', rowCount: 2, errors: [], errorCount: 0, summary: { created: 2, updated: 0, unchanged: 0, numbers: 1 }, reviewRequired: false });
    await must(core, admin, 'csv.importCommit', { previewId: p.previewId });

    expect(await byCode('A1001')).toMatchObject({
      familyName: '髙橋',
      givenName: '一郎',
      familyNameKana: 'タカハシ',
      givenNameKana: 'イチロウ',
      birthDate: '1985-04-01',
      hireDate: '2008-04-01',
      email: 'takahashi@example.co.jp',
      groupId: tokyoId,
      attributes: ['employee'],
      notes: '①番窓口',
      hasMyNumber: true,
      status: 'completed',
    });
    expect(await byCode('A1002')).toMatchObject({
      familyName: '山﨑',
      familyNameKana: 'ヤマザキ',
      givenNameKana: 'ハナコ',
      birthDate: '1985-04-01',
      hireDate: '2019-05-01',
      groupId: osakaId,
      attributes: ['employee', 'shareholder'],
      hasMyNumber: false,
      status: 'unregistered',
    });
  });

  it('reads full-width digits in 社員番号 and 個人番号 (the CP932 file as Excel saves it)', async () => {
    const digits = generateMyNumber(1101);
    const wide = digits.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    await importFile(cp932(`${HEADER}\r\n１１０１,伊藤,誠,イトウ,マコト,1990/1/2,,東京本社,従業員,${wide}\r\n`));
    expect(await byCode('1101')).toMatchObject({ familyName: '伊藤', birthDate: '1990-01-02', hasMyNumber: true });
  });

  it('reads UTF-8 with a BOM, English headers and columns in any order', async () => {
    const file = 'given name,family name,employee code,family name kana,given name kana,birth date,group,attributes\n二郎,佐藤,B2001,サトウ,ジロウ,1980-12-31,大阪支店,employee\n';
    const p = await preview(utf8bom(file));
    expect(p).toMatchObject({ encoding: 'utf8bom', errors: [], summary: { created: 1 } });
    await must(core, admin, 'csv.importCommit', { previewId: p.previewId });
    expect(await byCode('B2001')).toMatchObject({ familyName: '佐藤', givenName: '二郎', birthDate: '1980-12-31', groupId: osakaId });
  });

  it('keeps commas and line breaks inside quoted fields', async () => {
    const file = `社員番号,姓,名,セイ,メイ,住所,備考\r\nC3001,中村,"美""咲""",ナカムラ,ミサキ,"東京都千代田区1-1,\r\nビル3階","一行目\r\n二行目, 三つ目"\r\n`;
    const p = await preview(utf8(file));
    expect(p).toMatchObject({ encoding: 'utf8', rowCount: 1, errors: [] });
    await must(core, admin, 'csv.importCommit', { previewId: p.previewId });
    expect(await byCode('C3001')).toMatchObject({ givenName: '美"咲"', address: '東京都千代田区1-1,\r\nビル3階', notes: '一行目\r\n二行目, 三つ目' });
  });
});

describe('a file with problems', () => {
  it('lists every problem by row and column in Japanese, and its commit changes nothing', async () => {
    await importFile(utf8(`社員番号,姓,名,セイ,メイ,個人番号\nD4000,既存,太郎,キゾン,タロウ,${generateMyNumber(4000)}\n`));
    const badDigit = generateMyNumber(4001).slice(0, 11) + String((Number(generateMyNumber(4001)[11]) + 1) % 10);
    const file = [
      HEADER,
      `D4001,木村,一,キムラ,ハジメ,1990-01-01,,東京本社,従業員,${badDigit}`,
      `D4002,林,二,ハヤシ,ジ,2001年2月30日,,東京本社,従業員,`,
      `D4003,森,三,モリ,サン,1990-01-01,,東京本社,従業員,${generateMyNumber(4003)}`,
      `D4004,池田,四,イケダ,シ,1990-01-01,,東京本社,従業員,${generateMyNumber(4003)}`,
      `D4005,橋本,五,ハシモト,ゴ,1990-01-01,,東京本社,従業員,${generateMyNumber(4000)}`,
      `D4006,石川,六,イシカワ,ロク,1990-01-01,,東京本社,社長,`,
      `D4007,前田,七,マエダ,ナナ,1990-01-01,,福岡支店,従業員,`,
      `D4001,藤田,八,フジタ,ハチ,1990-01-01,,東京本社,従業員,`,
      `D4009,小川,九,oga,キュウ,1990-01-01,,東京本社,従業員,`,
      `D4010,岡田,十`,
    ].join('\n');
    const before = snapshot();
    const p = await preview(utf8(file));
    expect(p.rowCount).toBe(10);
    expect(p.errors.map((e: { row: number; column: string | null; message: string }) => [e.row, e.column, e.message])).toEqual([
      [2, '個人番号', 'マイナンバーの検査用数字（12桁目）が一致しません。番号を確かめてください'],
      [3, '生年月日', '生年月日が正しい日付ではありません'],
      [5, '個人番号', '同じ個人番号が4行目にもあります'],
      [6, '個人番号', 'このマイナンバーは別の登録者または扶養親族に登録されています。番号と登録先を確かめてください'],
      [7, '属性', '属性「社長」はありません'],
      [8, 'グループ', 'グループ「福岡支店」はありません。作成してよいか確認してください'],
      [9, '社員番号', '同じ社員番号が2行目にもあります'],
      [10, 'セイ', 'セイ（フリガナ）はカタカナ（またはひらがな）で入力してください'],
      [11, null, 'この行の列の数（3）が見出しの列の数（10）と違います'],
    ]);
    expect(p).toMatchObject({ errorCount: 9, unknownGroups: ['福岡支店'] });
    // English for the English UI, by key.
    expect(p.errors[5]).toMatchObject({ messageKey: 'errors.csv.unknownGroup', params: { name: '福岡支店' } });

    const refused = await core.call(admin, 'csv.importCommit', { previewId: p.previewId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'ファイルに誤りが9件あるため、何も取り込みませんでした。誤りを直してから、もう一度読み込んでください' } });
    expect(snapshot()).toBe(before);
    // No number in anything the preview returned.
    const text = JSON.stringify(p);
    for (const n of [badDigit, generateMyNumber(4000), generateMyNumber(4003)]) expect(text).not.toContain(n);
  });

  it('says where a quote is left open, and what is wrong with the header', async () => {
    const open = await preview(utf8(`社員番号,姓,名,セイ,メイ\nE5001,"山田,太郎,ヤマダ,タロウ\nE5002,鈴木,一,スズキ,イチ\n`));
    expect(open.errors.map((e: { message: string }) => e.message)).toEqual(['2行目付近の項目の引用符（"）が閉じられていません']);
    const header = await preview(utf8('社員番号,姓,名,セイ,メイ,部署,名\nE5003,山田,太郎,ヤマダ,タロウ,営業,太郎\n'));
    expect(header.errors.map((e: { row: number; column: string | null; message: string }) => [e.row, e.column, e.message])).toEqual([
      [1, '部署', '見出し「部署」がどの項目か分かりません。見出しを直すか、列の割り当てを指定してください'],
      [1, '名', '見出し「名」と同じ項目の列が2つあります'],
    ]);
    // The caller's own mapping: 部署 ignored, the second 名 too.
    const mapped = await preview(utf8('社員番号,姓,名,セイ,メイ,部署\nE5003,山田,太郎,ヤマダ,タロウ,営業\n'), { columns: { 部署: 'ignore' } });
    expect(mapped.errors).toEqual([]);
    const nothing = await preview(utf8(''));
    expect(nothing.errors.map((e: { message: string }) => e.message)).toEqual(['ファイルに見出しの行とデータの行がありません']);
  });

  it('creates an unknown group only once the admin confirms it', async () => {
    const file = utf8(`社員番号,姓,名,セイ,メイ,グループ\nF6001,松本,一,マツモト,イチ,名古屋支店\n`);
    expect((await preview(file)).unknownGroups).toEqual(['名古屋支店']);
    const { result } = await importFile(file, { createGroups: ['名古屋支店'] });
    expect(result).toMatchObject({ created: 1, groupsCreated: 1 });
    const groups = (await must(core, admin, 'groups.list', {})).rows;
    const nagoya = groups.find((g: { name: string }) => g.name === '名古屋支店');
    expect((await byCode('F6001')).groupId).toBe(nagoya.id);
  });
});

describe('importing the same registrants again', () => {
  it('updates by 社員番号, keeps the columns the file lacks, and a second import of the same file changes nothing', async () => {
    const file = utf8(`${HEADER}\nG7001,清水,一郎,シミズ,イチロウ,1970-07-07,shimizu@example.co.jp,東京本社,従業員,${generateMyNumber(7001)}\nG7002,山口,二郎,ヤマグチ,ジロウ,1971-07-07,,東京本社,従業員,\n`);
    const first = await importFile(file);
    expect(first.result).toMatchObject({ created: 2, updated: 0, unchanged: 0, numbers: 1 });
    const tables = snapshot();
    const entries = auditCount();

    const again = await importFile(file);
    expect(again.preview.summary).toEqual({ created: 0, updated: 0, unchanged: 2, numbers: 0 });
    expect(again.result).toMatchObject({ created: 0, updated: 0, unchanged: 2, numbers: 0 });
    expect(snapshot()).toBe(tables);
    // Only the preview's and the commit's own entries.
    expect(auditCount()).toBe(entries + 2);

    // A file with two columns changes those, nothing else.
    const { result } = await importFile(utf8('社員番号,メールアドレス\nG7002,yamaguchi@example.co.jp\nG7001,shimizu@example.co.jp\n'));
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(await byCode('G7002')).toMatchObject({ familyName: '山口', birthDate: '1971-07-07', groupId: tokyoId, email: 'yamaguchi@example.co.jp' });
  });

  it('refuses to change the identity of a completed registrant, as the form does', async () => {
    // G7001 is completed (its number was imported): a new name is locked.
    const p = await preview(utf8('社員番号,姓\nG7001,清水谷\n'));
    expect(p.errors.map((e: { row: number; message: string }) => [e.row, e.message])).toEqual([
      [2, '完了した登録者の本人情報とマイナンバーはロックされています。訂正するには最高権限の管理者にロック解除を依頼してください'],
    ]);
  });
});

describe('numbers in the file', () => {
  it('are sealed, audited once with counts and never written in the trail', async () => {
    const numbers = [generateMyNumber(8001), generateMyNumber(8002)];
    const file = utf8(`社員番号,姓,名,セイ,メイ,個人番号\nH8001,青木,一,アオキ,イチ,${numbers[0]}\nH8002,西村,二,ニシムラ,ジ,${numbers[1]}\n`);
    const since = auditCount();
    await importFile(file);
    const entries = rawDb.prepare('SELECT action, detail FROM audit_log WHERE seq > ? ORDER BY seq').all(since) as { action: string; detail: string }[];
    expect(entries.map((e) => e.action)).toEqual(['csv.importPreview', 'csv.importCommit']);
    expect(JSON.parse(entries[1]!.detail)).toEqual({
      kind: 'registrants',
      encoding: 'utf8',
      rows: 2,
      created: 2,
      updated: 0,
      unchanged: 0,
      numbers: 2,
      groupsCreated: 0,
      reviewRequired: false,
    });
    const everything = JSON.stringify(rawDb.prepare('SELECT * FROM audit_log').all()) + JSON.stringify(rawDb.prepare('SELECT * FROM registrants').all());
    for (const n of numbers) expect(everything).not.toContain(n);
    const h = await byCode('H8001');
    expect(h).toMatchObject({ hasMyNumber: true, status: 'completed' });
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const purposeId = (await must(core, admin, 'purposes.list', {})).rows[0].id;
    expect(await must(core, admin, 'mynumber.reveal', { subject: { registrantId: h.id }, purposeId })).toEqual({ myNumber: numbers[0] });
  });

  it('are stored for registrants who exist already, and the attribute lists the rows share stay their own', async () => {
    await must(core, admin, 'registrants.create', { employeeCode: 'H8051', familyName: '松田', givenName: '一', familyNameKana: 'マツダ', givenNameKana: 'イチ', attributes: ['employee'] });
    const number = generateMyNumber(8051);
    const { result: r } = await importFile(utf8(`社員番号,姓,名,セイ,メイ,属性,個人番号\nH8051,松田,一,マツダ,イチ,従業員,${number}\nH8052,竹内,二,タケウチ,ジ,従業員,\nH8053,竹内,三,タケウチ,サン,従業員,\n`));
    expect(r).toMatchObject({ created: 2, updated: 1, unchanged: 0, numbers: 1 });
    const existing = await byCode('H8051');
    expect(existing).toMatchObject({ hasMyNumber: true, status: 'completed', attributes: ['employee'] });
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const purposeId = (await must(core, admin, 'purposes.list', {})).rows[0].id;
    expect(await must(core, admin, 'mynumber.reveal', { subject: { registrantId: existing.id }, purposeId })).toEqual({ myNumber: number });
    // Two new rows were written from one shared list: editing one leaves the other as it was.
    const second = await byCode('H8052');
    await must(core, admin, 'registrants.update', { id: second.id, employeeCode: 'H8052', familyName: '竹内', givenName: '二', familyNameKana: 'タケウチ', givenNameKana: 'ジ', attributes: ['employee', 'shareholder'] });
    expect((await byCode('H8052')).attributes).toEqual(['employee', 'shareholder']);
    expect((await byCode('H8053')).attributes).toEqual(['employee']);
  });

  it('are not stored when the 社員番号 was taken by someone created after the preview: the commit changes nothing', async () => {
    const p = await preview(utf8(`社員番号,姓,名,セイ,メイ,個人番号\nH8101,岡田,一,オカダ,イチ,${generateMyNumber(8101)}\n`));
    expect(p.errors).toEqual([]);
    await must(core, admin, 'registrants.create', { employeeCode: 'H8101', familyName: '岡田', givenName: '一', familyNameKana: 'オカダ', givenNameKana: 'イチ', attributes: ['employee'] });
    const before = snapshot();
    const refused = await core.call(admin, 'csv.importCommit', { previewId: p.previewId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', messageKey: 'errors.csv.changedSincePreview', params: { row: 2 } } });
    expect(snapshot()).toBe(before);
  });

  it('wait for a second user when the proxy-entry setting asks for one: each a proxy entry 承認待ち', async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    await must(core, admin, 'submissions.configure', { proxyApproval: 'required' });
    try {
      const file = utf8(`社員番号,姓,名,セイ,メイ,個人番号\nI9001,坂本,一,サカモト,イチ,${generateMyNumber(9001)}\n`);
      const { preview: p, result } = await importFile(file);
      expect(p.reviewRequired).toBe(true);
      expect(result).toMatchObject({ created: 1, numbers: 1, reviewRequired: true });
      const r = await byCode('I9001');
      expect(r).toMatchObject({ hasMyNumber: false, status: 'pending' });
      const { rows } = await must(core, admin, 'submissions.list', { status: 'pending' });
      expect(rows.filter((s: { registrantId: string }) => s.registrantId === r.id)).toEqual([expect.objectContaining({ source: 'proxy', hasMyNumber: true, reviewRequired: true })]);
    } finally {
      await must(core, admin, 'submissions.configure', { proxyApproval: 'auto' });
    }
  });
});

describe('a manager limited to a group', () => {
  let manager: string;
  beforeAll(async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    manager = await signInNewUser(
      core,
      admin,
      { loginId: 'tokyo.hr', displayName: '東京 人事', email: 'tokyo.hr@example.co.jp', role: 'manager', initialPassword: 'aoi-sora-shiroi-kumo-9', password: 'aoi-sora-shiroi-kumo-renewed', groupIds: [tokyoId] },
      clock,
    );
    // Two HR users now: numbers stored directly only with the setting saying so.
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    await must(core, admin, 'submissions.configure', { proxyApproval: 'notRequired' });
  });

  it('imports into their group only: other groups, no group and codes held out of their sight are problems', async () => {
    const file = [
      '社員番号,姓,名,セイ,メイ,グループ',
      'J1001,東,一,アズマ,イチ,東京本社',
      'J1002,西,二,ニシ,ジ,大阪支店',
      'J1003,南,三,ミナミ,サン,',
      'B2001,北,四,キタ,シ,東京本社',
      'J1005,中,五,ナカ,ゴ,新潟支店',
    ].join('\n');
    const before = snapshot();
    const p = await preview(utf8(file), { createGroups: ['新潟支店'] }, manager);
    expect(p.errors.map((e: { row: number; column: string | null; message: string }) => [e.row, e.column, e.message])).toEqual([
      [3, 'グループ', 'グループ「大阪支店」が見つかりません'],
      [4, 'グループ', '担当するグループのどれかを選んでください'],
      [5, '社員番号', 'この従業員番号は別の登録者に使われています'],
      [6, 'グループ', 'グループ「新潟支店」が見つかりません'],
    ]);
    expect(p.unknownGroups).toEqual([]);
    expect((await core.call(manager, 'csv.importCommit', { previewId: p.previewId })).ok).toBe(false);
    expect(snapshot()).toBe(before);

    const { result } = await importFile(utf8('社員番号,姓,名,セイ,メイ,グループ\nJ1001,東,一,アズマ,イチ,東京本社\n'), {}, manager);
    expect(result).toMatchObject({ created: 1 });
    expect(await byCode('J1001', manager)).toMatchObject({ groupId: tokyoId });
  });

  it("cannot commit another session's preview", async () => {
    const p = await preview(utf8('社員番号,姓,名,セイ,メイ,グループ\nJ2001,東,一,アズマ,イチ,東京本社\n'));
    const refused = await core.call(manager, 'csv.importCommit', { previewId: p.previewId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', messageKey: 'errors.csv.previewGone' } });
    // …and the owner still can.
    expect((await core.call(admin, 'csv.importCommit', { previewId: p.previewId })).ok).toBe(true);
  });
});
