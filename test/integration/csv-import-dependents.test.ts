// Importing dependents (扶養家族) from CSV files, separately from registrants (kind:
// 'dependents'): rows keyed by 社員番号 plus 続柄 and name, values normalised as the registrants'
// are, numbers stored at once or sent for review as the proxy-entry setting says; a preview
// listing every problem by row and column in Japanese; a commit that writes all of the file in
// one transaction or nothing; re-importing (or importing the dependents export) changes nothing;
// a limited manager reaches only their groups' registrants, and never learns that others exist.
import { randomUUID } from 'node:crypto';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import type { Db } from '../../src-main/core/platform/db/open';
import type { JobProgress } from '../../src-shared/jobs';
import { generateMyNumber } from '../support/numbers';
import { openRawDb } from '../support/raw-db';
import { ADMIN, allowDirectNumberEntry, must, openTestCore, setupAdmin, signInNewUser, testClock } from '../support/vault';

const clock = testClock();
let core: Core;
let admin: string;
let rawDb: Db;
let tokyoId: string;
let osakaId: string;

const HEADER = '社員番号,続柄,姓,名,セイ,メイ,生年月日,税扶養,第3号被保険者,個人番号';

const cp932 = (text: string) => iconv.encode(text, 'cp932').toString('base64');
const utf8 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

type Problem = { row: number; column: string | null; message: string };
const problemsOf = (p: { errors: Problem[] }) => p.errors.map((e) => [e.row, e.column, e.message]);

async function preview(contentBase64: string, session = admin) {
  return must(core, session, 'csv.importPreview', { fileName: 'dependents.csv', contentBase64, kind: 'dependents' });
}

async function importFile(contentBase64: string, session = admin) {
  const p = await preview(contentBase64, session);
  expect(p.errors).toEqual([]);
  return { preview: p, result: await must(core, session, 'csv.importCommit', { previewId: p.previewId }) };
}

async function registrant(employeeCode: string, groupId: string, familyName: string, familyNameKana: string) {
  return (await must(core, admin, 'registrants.create', { employeeCode, familyName, givenName: '太郎', familyNameKana, givenNameKana: 'タロウ', groupId, attributes: ['employee'] })).id as string;
}

const dependentsOf = async (registrantId: string, session = admin) => (await must(core, session, 'dependents.list', { registrantId })).rows;

/** Every table a dependents import writes, as rows: what a refused import must leave exactly as it was. */
function snapshot(): string {
  return JSON.stringify(['dependents', 'my_numbers', 'registrants', 'registrant_status_history', 'submissions'].map((t) => rawDb.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()));
}
const auditSince = (seq: number) => rawDb.prepare('SELECT seq, action, detail FROM audit_log WHERE seq > ? ORDER BY seq').all(seq) as { seq: number; action: string; detail: string }[];
const lastSeq = () => rawDb.prepare('SELECT coalesce(max(seq), 0) FROM audit_log').pluck().get() as number;

let suzuki: string;
let tanaka: string;
let osaka: string;
const numbers = { wife: generateMyNumber(5001), son: generateMyNumber(5002), osakaChild: generateMyNumber(5003) };

beforeAll(async () => {
  let dataDir: string;
  ({ core, dataDir } = await openTestCore(undefined, { clock }));
  admin = (await setupAdmin(core, clock)).session;
  rawDb = await openRawDb(dataDir, core.vaultId);
  tokyoId = (await must(core, admin, 'groups.create', { name: '東京本社' })).id;
  osakaId = (await must(core, admin, 'groups.create', { name: '大阪支店' })).id;
  suzuki = await registrant('D100', tokyoId, '鈴木', 'スズキ');
  tanaka = await registrant('D200', tokyoId, '田中', 'タナカ');
  osaka = await registrant('D300', osakaId, '髙橋', 'タカハシ');
  await allowDirectNumberEntry(core, admin, ADMIN.password);
});
afterAll(async () => {
  rawDb.close();
  await core.close();
});

describe('a dependents file', () => {
  it('creates dependents with their numbers from CP932: 和暦, half-width kana, hiragana readings, ○ flags, English 続柄', async () => {
    const file = [
      HEADER,
      `D100,配偶者,鈴木,花子,ｽｽﾞｷ,ﾊﾅｺ,昭和62年5月3日,○,○,${numbers.wife}`,
      `Ｄ１００,child,鈴木,一郎,すずき,いちろう,H27.4.1,1,,${numbers.son}`,
      'D200,母,田中,﨑子,タナカ,サキコ,1950/1/2,,,',
    ].join('\r\n');
    const since = lastSeq();
    const { preview: p, result } = await importFile(cp932(file));
    expect(p).toMatchObject({ encoding: 'cp932', rowCount: 3, errorCount: 0, summary: { created: 3, updated: 0, unchanged: 0, numbers: 2 }, reviewRequired: false });
    expect(result).toEqual({ created: 3, updated: 0, unchanged: 0, numbers: 2, groupsCreated: 0, reviewRequired: false });
    const entries = auditSince(since);

    expect(await dependentsOf(suzuki)).toEqual([
      expect.objectContaining({ relationship: 'spouse', familyName: '鈴木', givenName: '花子', familyNameKana: 'スズキ', givenNameKana: 'ハナコ', birthDate: '1987-05-03', taxDependent: true, category3: true, hasMyNumber: true }),
      expect.objectContaining({ relationship: 'child', familyName: '鈴木', givenName: '一郎', familyNameKana: 'スズキ', givenNameKana: 'イチロウ', birthDate: '2015-04-01', taxDependent: true, category3: false, hasMyNumber: true }),
    ]);
    expect(await dependentsOf(tanaka)).toEqual([expect.objectContaining({ relationship: 'mother', givenName: '﨑子', birthDate: '1950-01-02', taxDependent: false, hasMyNumber: false })]);

    // Audited once for the preview and once for the commit, with counts only.
    expect(entries.map((e) => [e.action, JSON.parse(e.detail)])).toEqual([
      ['csv.importPreview', { kind: 'dependents', encoding: 'cp932', rows: 3, problems: 0, created: 3, updated: 0, unchanged: 0, numbers: 2 }],
      ['csv.importCommit', { kind: 'dependents', encoding: 'cp932', rows: 3, created: 3, updated: 0, unchanged: 0, numbers: 2, reviewRequired: false }],
    ]);
    const trail = JSON.stringify(rawDb.prepare('SELECT * FROM audit_log').all());
    for (const secret of [numbers.wife, numbers.son, '花子']) expect(trail).not.toContain(secret);

    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const purposeId = (await must(core, admin, 'purposes.list', {})).rows[0].id;
    const wife = (await dependentsOf(suzuki))[0];
    expect(await must(core, admin, 'mynumber.reveal', { subject: { dependentId: wife.id }, purposeId })).toEqual({ myNumber: numbers.wife });
  });

  it('changes nothing when imported again, nor when the dependents export is imported', async () => {
    const file = [HEADER, `D100,配偶者,鈴木,花子,スズキ,ハナコ,1987-05-03,○,○,${numbers.wife}`, `D100,子,鈴木,一郎,スズキ,イチロウ,2015-04-01,○,,${numbers.son}`].join('\r\n');
    const before = snapshot();
    const { result } = await importFile(utf8(file));
    expect(result).toEqual({ created: 0, updated: 0, unchanged: 2, numbers: 0, groupsCreated: 0, reviewRequired: false });

    const exported = await must(core, admin, 'csv.export', { preset: 'dependents', encoding: 'cp932' });
    const again = await importFile(exported.contentBase64);
    expect(again.result).toMatchObject({ created: 0, updated: 0, unchanged: 3, numbers: 0 });
    expect(snapshot()).toBe(before);
  });

  it('updates the dependent with the same 続柄 and name, keeping the columns the file lacks', async () => {
    const { result } = await importFile(utf8('employee code,relationship,family name,given name,birth date\nD200,mother,田中,﨑子,昭和25年1月3日\n'));
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect(await dependentsOf(tanaka)).toEqual([expect.objectContaining({ relationship: 'mother', familyNameKana: 'タナカ', givenNameKana: 'サキコ', birthDate: '1950-01-03' })]);
  });

  it('with a bad row imports nothing, listing every problem by row and column', async () => {
    const wrongCheckDigit = numbers.osakaChild.slice(0, 11) + String((Number(numbers.osakaChild[11]) + 1) % 10);
    const newNumber = generateMyNumber(5101);
    const file = [
      HEADER,
      `D200,子,田中,次郎,タナカ,ジロウ,2010-04-01,○,,${newNumber}`,
      'ZZ999,子,山田,一,ヤマダ,イチ,,,,',
      'D200,いとこ,田中,三郎,タナカ,サブロウ,,,,',
      'D200,子,田中,四郎,タナカ,シロウ,2023-02-30,,,',
      `D200,子,田中,五郎,タナカ,ゴロウ,,,,${wrongCheckDigit}`,
      `D200,子,田中,六郎,タナカ,ロクロウ,,,,${newNumber}`,
      'D200,子,田中,次郎,タナカ,ジロウ,,,,',
      'D200,子,田中,七郎,タナカ,シチロウ,,たぶん,○,',
    ].join('\n');
    const before = snapshot();
    const p = await preview(utf8(file));
    expect(problemsOf(p)).toEqual([
      [3, '社員番号', '社員番号「ZZ999」の登録者が見つかりません'],
      [4, '続柄', '続柄「いとこ」が分かりません。配偶者・子・父・母・その他のどれかにしてください'],
      [5, '生年月日', '生年月日が正しい日付ではありません'],
      [6, '個人番号', 'マイナンバーの検査用数字（12桁目）が一致しません。番号を確かめてください'],
      [7, '個人番号', '同じ個人番号が2行目にもあります'],
      [8, '姓', '同じ扶養家族（社員番号・続柄・氏名）が2行目にもあります'],
      [9, '税扶養', '「たぶん」は使えません。該当するときは ○ または 1、該当しないときは空欄にしてください'],
    ]);
    const refused = await core.call(admin, 'csv.importCommit', { previewId: p.previewId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.csv.hasErrors', params: { count: 7 } } });
    expect(snapshot()).toBe(before);
  });

  it('refuses 第3号被保険者 for anyone but a spouse, and a file without the key columns', async () => {
    const p = await preview(utf8(`${HEADER}\nD200,子,田中,八郎,タナカ,ハチロウ,,,○,\n`));
    expect(problemsOf(p)).toEqual([[2, '第3号被保険者', '第3号被保険者は続柄が配偶者の場合にだけ選べます']]);
    const missing = await preview(utf8('社員番号,姓,名\nD200,田中,九郎\n'));
    expect(problemsOf(missing)).toEqual([[1, null, '必要な列「続柄」がありません']]);
  });

  it('refuses a number that a registrant (or another dependent) holds already', async () => {
    const held = generateMyNumber(5201);
    await must(core, admin, 'mynumber.set', { subject: { registrantId: osaka }, myNumber: held });
    const before = snapshot();
    const p = await preview(utf8(`${HEADER}\nD200,父,田中,一男,タナカ,カズオ,,,,${held}\nD200,子,田中,十郎,タナカ,ジュウロウ,,,,${numbers.son}\n`));
    expect(problemsOf(p)).toEqual([
      [2, '個人番号', 'このマイナンバーは別の登録者または扶養親族に登録されています。番号と登録先を確かめてください'],
      [3, '個人番号', 'このマイナンバーは別の登録者または扶養親族に登録されています。番号と登録先を確かめてください'],
    ]);
    expect(JSON.stringify(p)).not.toContain(held);
    expect(snapshot()).toBe(before);
  });

  it("refuses the dependents of a completed registrant while the record is locked", async () => {
    const p = await preview(utf8(`${HEADER}\nD300,配偶者,髙橋,愛,タカハシ,アイ,,,,\n`));
    expect(problemsOf(p)).toEqual([[2, null, '完了した登録者の本人情報とマイナンバーはロックされています。訂正するには最高権限の管理者にロック解除を依頼してください']]);
  });
});

describe('numbers when the proxy-entry setting asks for a second approval', () => {
  it('go into one proxy entry per registrant, waiting for review, and are not stored', async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    await must(core, admin, 'submissions.configure', { proxyApproval: 'required' });
    try {
      // 髙橋 holds their own number (完了): unlocked for the correction.
      await must(core, admin, 'auth.reauth', { password: ADMIN.password });
      await must(core, admin, 'registrants.unlock', { registrantId: osaka, reason: '扶養家族の追加' });
      const spouseNumber = generateMyNumber(5301);
      const childNumber = generateMyNumber(5302);
      const noOwnNumber = await preview(utf8(`${HEADER}\nD200,子,田中,十一郎,タナカ,ジュウイチロウ,,,,${generateMyNumber(5303)}\n`));
      expect(problemsOf(noOwnNumber)).toEqual([
        [2, '個人番号', '本人のマイナンバーがまだ登録されていないため、扶養家族のマイナンバーを承認待ちにできません。先に本人のマイナンバーを登録してください'],
      ]);

      const { preview: p, result } = await importFile(utf8(`${HEADER}\nD300,配偶者,髙橋,愛,タカハシ,アイ,1990-01-01,,○,${spouseNumber}\nD300,子,髙橋,翼,タカハシ,ツバサ,2020-01-01,○,,${childNumber}\n`));
      expect(p.reviewRequired).toBe(true);
      expect(result).toEqual({ created: 2, updated: 0, unchanged: 0, numbers: 2, groupsCreated: 0, reviewRequired: true });
      expect((await dependentsOf(osaka)).map((d: { givenName: string; hasMyNumber: boolean }) => [d.givenName, d.hasMyNumber])).toEqual([
        ['愛', false],
        ['翼', false],
      ]);
      const { rows } = await must(core, admin, 'submissions.list', { status: 'pending' });
      expect(rows.filter((s: { registrantId: string }) => s.registrantId === osaka)).toEqual([
        expect.objectContaining({ source: 'proxy', status: 'pending', reviewRequired: true, hasMyNumber: false, dependentCount: 2, registrantStatus: 'pending' }),
      ]);
      expect(rawDb.prepare("SELECT count(*) FROM my_numbers WHERE subject_type = 'dependent' AND subject_id IN (SELECT id FROM dependents WHERE registrant_id = ?)").pluck().get(osaka)).toBe(0);
    } finally {
      await must(core, admin, 'auth.reauth', { password: ADMIN.password });
      await must(core, admin, 'submissions.configure', { proxyApproval: 'notRequired' });
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
    await allowDirectNumberEntry(core, admin, ADMIN.password);
  });

  it("cannot reach another group's registrant: told exactly what a code nobody holds is told", async () => {
    const before = snapshot();
    const p = await preview(utf8(`${HEADER}\nD300,父,髙橋,一,タカハシ,ハジメ,,,,\nXX000,父,髙橋,一,タカハシ,ハジメ,,,,\n`), manager);
    expect(problemsOf(p)).toEqual([
      [2, '社員番号', '社員番号「D300」の登録者が見つかりません'],
      [3, '社員番号', '社員番号「XX000」の登録者が見つかりません'],
    ]);
    expect((await core.call(manager, 'csv.importCommit', { previewId: p.previewId })).ok).toBe(false);
    expect(snapshot()).toBe(before);

    const { result } = await importFile(utf8(`${HEADER}\nD200,父,田中,一男,タナカ,カズオ,1948-03-03,,,\n`), manager);
    expect(result).toMatchObject({ created: 1 });
    expect((await dependentsOf(tanaka, manager)).map((d: { givenName: string }) => d.givenName)).toEqual(['﨑子', '一男']);
  });
});

describe('the kind of file', () => {
  it('is registrants when not said, and a mapping must name fields of the kind chosen', async () => {
    const registrants = await must(core, admin, 'csv.importPreview', { fileName: 'r.csv', contentBase64: utf8(`${HEADER}\nD100,配偶者,鈴木,花子,スズキ,ハナコ,,,,\n`) });
    expect(problemsOf(registrants)[0]).toEqual([1, '続柄', '見出し「続柄」がどの項目か分かりません。見出しを直すか、列の割り当てを指定してください']);
    const mapped = await core.call(admin, 'csv.importPreview', { fileName: 'r.csv', contentBase64: utf8('a\nb\n'), columns: { a: 'relationship' } });
    expect(mapped).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const dependents = await preview(utf8('番号,続き,苗字,名前\nD100,配偶者,鈴木,花子\n'));
    expect(problemsOf(dependents)[0]?.[0]).toBe(1);
    const withMapping = await must(core, admin, 'csv.importPreview', {
      fileName: 'd.csv',
      contentBase64: utf8('番号,続き,苗字,名前\nD100,配偶者,鈴木,花子\n'),
      kind: 'dependents',
      columns: { 番号: 'employeeCode', 続き: 'relationship', 苗字: 'familyName', 名前: 'givenName' },
    });
    expect(withMapping).toMatchObject({ errors: [], summary: { unchanged: 1 } });
  });
});

describe('a large dependents file as a job', () => {
  const ROWS = 5000;
  let big: string;
  const heard: JobProgress[] = [];
  const file = (prefix: string) => utf8(['社員番号,続柄,姓,名,セイ,メイ', ...Array.from({ length: ROWS }, (_, i) => `D900,子,大家,${prefix}${i},オオヤ,コ`)].join('\r\n'));
  beforeAll(async () => {
    big = await registrant('D900', tokyoId, '大家', 'オオヤ');
    core.onJobProgress((_key, progress) => heard.push(progress));
  });

  it('reports its progress, checking then writing, and writes every row', async () => {
    const jobId = randomUUID();
    const p = await preview(file('甲'));
    heard.length = 0;
    expect(await must(core, admin, 'csv.importCommit', { previewId: p.previewId, jobId })).toMatchObject({ created: ROWS });
    // The phases in order, each from 0 to the whole file, never going back (reports may be thinned).
    expect([...new Set(heard.map((e) => e.phase))]).toEqual(['validate', 'write']);
    for (const phase of ['validate', 'write']) {
      const done = heard.filter((e) => e.phase === phase).map((e) => e.done);
      expect([done[0], done.at(-1)]).toEqual([0, ROWS]);
      expect(done).toEqual([...done].sort((a, b) => a - b));
    }
    expect(heard.every((e) => e.jobId === jobId && e.kind === 'csv.import' && e.total === ROWS)).toBe(true);
    expect((await dependentsOf(big)).length).toBe(ROWS);
  }, 60_000);

  it('stops when cancelled while the rows are checked, changing nothing', async () => {
    const jobId = randomUUID();
    const p = await preview(file('乙'));
    const before = snapshot();
    let asked = false;
    const off = core.onJobProgress((_key, progress) => {
      if (asked || progress.phase !== 'validate' || progress.done === 0) return;
      asked = true;
      void core.call(admin, 'jobs.cancel', { jobId });
    });
    try {
      const refused = await core.call(admin, 'csv.importCommit', { previewId: p.previewId, jobId });
      expect(refused).toMatchObject({ ok: false, error: { code: 'CANCELLED', messageKey: 'errors.jobs.cancelled' } });
    } finally {
      off();
    }
    expect(snapshot()).toBe(before);
    const last = rawDb.prepare("SELECT outcome, detail FROM audit_log WHERE action = 'csv.importCommit' ORDER BY seq DESC LIMIT 1").get();
    expect(last).toEqual({ outcome: 'failure', detail: JSON.stringify({ kind: 'dependents', reason: 'cancelled' }) });
  }, 60_000);
});
