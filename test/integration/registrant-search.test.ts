// Finding registrants: free text over names, readings (any kana script and width, in part),
// employee code and e-mail, through the trigram index (3 characters or more) or the 1–2
// character pieces; filters by status, group, attribute, number held, leave-date range; sorts
// with rows lacking the value last; every filter and sort answered by an index. The index is
// exact: an edit is found by its new words and no longer by its old ones as soon as it commits,
// a refused edit leaves it as it was, parallel edits leave it agreeing with the rows. A list
// call's audit entry (counts only) commits with the views around it, without waiting for the disk.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../src-main/core/index';
import { createRegistrantRepository } from '../../src-main/core/modules/registrants/repository';
import type { Db } from '../../src-main/core/platform/db/open';
import { generateMyNumber } from '../support/numbers';
import { openRawDb } from '../support/raw-db';
import { must, openTestCore, setupAdmin } from '../support/vault';

let core: Core;
let admin: string;
let dataDir: string;
let rawDb: Db;
let kanto: string;
let kansai: string;

const PEOPLE = [
  { employeeCode: 'S-001', familyName: '中村', givenName: '翔太', familyNameKana: 'なかむら', givenNameKana: 'しょうた', email: 'Shota.Nakamura@Example.co.jp', hireDate: '2001-04-01', leaveDate: '2020-03-31' },
  { employeeCode: 'S-002', familyName: '田中', givenName: 'さくら', familyNameKana: 'ﾀﾅｶ', givenNameKana: 'ｻｸﾗ', email: 'sakura@example.jp', hireDate: '1998-04-01' },
  { employeeCode: 'S-003', familyName: '木村', givenName: '拓海', familyNameKana: 'キムラ', givenNameKana: 'タクミ', leaveDate: '2024-12-31' },
  { employeeCode: 'X-100', familyName: '山田', givenName: '太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', email: 'taro@yamada.example', hireDate: '2010-10-01', leaveDate: '2022-06-30' },
  { familyName: 'O\'Neil', givenName: '100%_"Q"*', familyNameKana: 'オニール', givenNameKana: 'キュー' },
];
const seqByCode: Record<string, string> = {};

const find = async (text: string, extra: Record<string, unknown> = {}) =>
  (await must(core, admin, 'registrants.list', { filter: { text, attribute: 'professional', ...extra } })).rows.map((r: { employeeCode: string | null; familyName: string }) => r.employeeCode ?? r.familyName);

beforeAll(async () => {
  ({ core, dataDir } = await openTestCore());
  admin = (await setupAdmin(core)).session;
  rawDb = await openRawDb(dataDir, core.vaultId);
  kanto = (await must(core, admin, 'groups.create', { name: '関東' })).id;
  kansai = (await must(core, admin, 'groups.create', { name: '関西' })).id;
  for (const [i, p] of PEOPLE.entries()) {
    const { id } = await must(core, admin, 'registrants.create', { ...p, groupId: i % 2 ? kansai : kanto, attributes: ['professional'] });
    seqByCode[p.employeeCode ?? p.familyName] = id;
  }
  await must(core, admin, 'mynumber.set', { subject: { registrantId: seqByCode['S-001'] }, myNumber: generateMyNumber(701) });
  await must(core, admin, 'mynumber.set', { subject: { registrantId: seqByCode['X-100'] }, myNumber: generateMyNumber(702) });
});
afterAll(async () => {
  rawDb.close();
  await core.close();
});

describe('free text', () => {
  it.each([
    ['なかむ', ['S-001']],
    ['ﾅｶﾑ', ['S-001']],
    ['ナカムラショウ', ['S-001']],
    ['ムラ', ['S-001', 'S-003']],
    ['ム', ['S-001', 'S-003']],
    ['たなか', ['S-002']],
    ['サクラ', ['S-002']],
    ['中村', ['S-001']],
    ['村', ['S-001', 'S-003']],
    ['中村翔太', ['S-001']],
    ['田中さくら', ['S-002']],
    ['ヤマダタロウ', ['X-100']],
    ['S-00', ['S-001', 'S-002', 'S-003']],
    ['ｓ－００２', ['S-002']],
    ['x-1', ['X-100']],
    ['nakamura@EXAMPLE', ['S-001']],
    ['ＹＡＭＡＤＡ．ｅｘ', ['X-100']],
    ['むら しょう', ['S-001']],
    ['村 拓', ['S-003']],
    ['村 さくら', []],
    ['ダタ', ['X-100']],
    ['ウS', []],
    ['ラS-0', []],
    ['100%_', ["O'Neil"]],
    ['"Q"*', ["O'Neil"]],
    ["o'ne", ["O'Neil"]],
    ['%', ["O'Neil"]],
    ['   ', ['S-001', 'S-002', 'S-003', 'X-100', "O'Neil"]],
  ])('%s finds %j', async (text, codes) => {
    expect((await find(text)).sort()).toEqual([...codes].sort());
  });

  it('combines with the filters', async () => {
    expect(await find('ム', { groupId: kanto })).toEqual(['S-003', 'S-001']);
    expect(await find('ム', { hasMyNumber: true })).toEqual(['S-001']);
    expect(await find('ム', { hasMyNumber: false })).toEqual(['S-003']);
    expect(await find('むら', { leaveDate: { from: '2024-01-01' } })).toEqual(['S-003']);
  });
});

describe('filters and sorts', () => {
  const codes = async (input: Record<string, unknown>) =>
    (await must(core, admin, 'registrants.list', { ...input, filter: { attribute: 'professional', ...((input.filter as object) ?? {}) } })).rows.map(
      (r: { employeeCode: string | null; familyName: string }) => r.employeeCode ?? r.familyName,
    );

  it.each([
    [{ status: 'completed' }, ['S-001', 'X-100']],
    [{ status: 'unregistered' }, ["O'Neil", 'S-003', 'S-002']],
    [{ groupId: 'no-such-group' }, []],
    [{ hasMyNumber: true }, ['S-001', 'X-100']],
    [{ leaveDate: { from: '2020-03-31', to: '2022-06-30' } }, ['S-001', 'X-100']],
    [{ leaveDate: { to: '2021-12-31' } }, ['S-001']],
    [{ leaveDate: { from: 'R6.1.1' } }, ['S-003']],
  ])('filter %j', async (filter, expected) => {
    expect(await codes({ filter })).toEqual(expected);
  });

  it('filters by group, and by no group', async () => {
    const moved = seqByCode["O'Neil"]!;
    const p = PEOPLE[4]!;
    expect(await codes({ filter: { groupId: kanto } })).toEqual(["O'Neil", 'S-003', 'S-001']);
    await must(core, admin, 'registrants.update', { id: moved, ...p, attributes: ['professional'] });
    expect(await codes({ filter: { groupId: null } })).toEqual(["O'Neil"]);
    await must(core, admin, 'registrants.update', { id: moved, ...p, groupId: kanto, attributes: ['professional'] });
  });

  it.each([
    ['hireDate', 'asc', ['S-002', 'S-001', 'X-100', 'S-003', "O'Neil"]],
    ['hireDate', 'desc', ['X-100', 'S-001', 'S-002', 'S-003', "O'Neil"]],
    ['leaveDate', 'asc', ['S-001', 'X-100', 'S-003', 'S-002', "O'Neil"]],
    ['leaveDate', 'desc', ['S-003', 'X-100', 'S-001', 'S-002', "O'Neil"]],
  ])('sorts by %s %s, rows without one last', async (by, dir, expected) => {
    const rows = await codes({ sort: { by, dir } });
    // Those without the date keep the order in which they were added, whichever the direction.
    expect(rows.slice(0, 3)).toEqual(expected.slice(0, 3));
    expect(rows.slice(3).sort()).toEqual(expected.slice(3).sort());
  });

  it('answers every filter and sort from an index: no scan of the table, no sort of the whole of it', () => {
    const repository = createRegistrantRepository(rawDb);
    const all = { kind: 'all' } as const;
    const limited = { kind: 'groups', groupIds: [kanto, kansai] } as const;
    const plans = [
      ...(['kana', 'employeeCode', 'status', 'hireDate', 'leaveDate', 'updatedAt'] as const).flatMap((by) =>
        (['asc', 'desc'] as const).map((dir) => repository.plan({ sort: { by, dir } }, all)),
      ),
      repository.plan({ filter: { status: 'pending', groupId: kanto } }, all),
      repository.plan({ filter: { status: 'pending' } }, all),
      repository.plan({ filter: { groupId: kanto } }, all),
      repository.plan({ filter: { leaveDate: { from: '2020-01-01' } } }, all),
      repository.plan({ filter: { text: 'なかむら' } }, all),
      repository.plan({ filter: { text: '中 村' } }, all),
      repository.plan({}, limited),
    ];
    for (const plan of plans) {
      for (const step of [...plan.total, ...plan.page]) expect(step).not.toMatch(/^SCAN r$|^SCAN registrants$/);
    }
    // Unfiltered, each order is the index's own: nothing to sort.
    for (const plan of plans.slice(0, 12)) expect(plan.page.join(' | ')).not.toMatch(/TEMP B-TREE/);
    // Filtered, the rows are found through an index (SEARCH), never by reading them all.
    for (const plan of [...plans.slice(12, 16), plans[18]!]) {
      for (const step of [...plan.total, ...plan.page].filter((s) => / r\b/.test(s))) expect(step).toMatch(/^SEARCH r USING (COVERING )?INDEX/);
    }
    expect(plans[16]!.page.join(' | ')).toMatch(/SEARCH r USING INTEGER PRIMARY KEY .* registrant_fts/);
    expect(plans[17]!.page.join(' | ')).toMatch(/SEARCH r USING INTEGER PRIMARY KEY .* registrant_grams/);
  });
});

describe('the search index', () => {
  // A write of another connection, in this thread: the list views' open group is committed first.
  const integrity = () => (core.commitViews(), rawDb.prepare("INSERT INTO registrant_fts (registrant_fts) VALUES ('integrity-check')").run());

  it('finds an edited registrant by the new name at once, and no longer by the old one', async () => {
    const { id } = await must(core, admin, 'registrants.create', { familyName: '旧姓', givenName: '一', familyNameKana: 'キュウセイ', givenNameKana: 'ハジメ', attributes: ['other'] });
    await must(core, admin, 'registrants.update', { id, familyName: '新姓', givenName: '一', familyNameKana: 'シンセイ', givenNameKana: 'ハジメ', attributes: ['other'] });
    const hits = async (text: string) => (await must(core, admin, 'registrants.list', { filter: { text } })).total;
    expect([await hits('きゅうせい'), await hits('旧姓'), await hits('旧'), await hits('しんせい'), await hits('新')]).toEqual([0, 0, 0, 1, 1]);
    integrity();
  });

  it('is left as it was by a refused edit', async () => {
    const { id } = await must(core, admin, 'registrants.create', { employeeCode: 'KEEP-1', familyName: '保持', givenName: '花', familyNameKana: 'ホジ', givenNameKana: 'ハナ', attributes: ['other'] });
    await must(core, admin, 'registrants.create', { employeeCode: 'TAKEN-1', familyName: '別人', givenName: '花', familyNameKana: 'ベツジン', givenNameKana: 'ハナ', attributes: ['other'] });
    const r = await core.call(admin, 'registrants.update', { id, employeeCode: 'TAKEN-1', familyName: '変更後', givenName: '花', familyNameKana: 'ヘンコウゴ', givenNameKana: 'ハナ', attributes: ['other'] });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await must(core, admin, 'registrants.list', { filter: { text: 'へんこう' } })).total).toBe(0);
    expect((await must(core, admin, 'registrants.list', { filter: { text: 'ほじ' } })).rows.map((x: { id: string }) => x.id)).toEqual([id]);
  });

  it('agrees with the rows after parallel adds and edits', async () => {
    const made = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        must(core, admin, 'registrants.create', { employeeCode: `PAR-${i}`, familyName: `並列${i}`, givenName: '人', familyNameKana: 'ヘイレツ', givenNameKana: 'ヒト', attributes: ['shareholder'] }),
      ),
    );
    await Promise.all(
      made.map(({ id }, i) =>
        core.call(admin, 'registrants.update', { id, employeeCode: `PAR-${i}`, familyName: `同時${i}`, givenName: '人', familyNameKana: i % 2 ? 'ドウジ' : 'ヘイレツ', givenNameKana: 'ヒト', attributes: ['shareholder'] }),
      ),
    );
    integrity();
    // Each word, looked up in the index, names exactly the rows whose fields hold it.
    const rows = rawDb.prepare("SELECT r.id, r.family_name || r.given_name AS name, r.family_name_kana AS kana FROM registrants r JOIN registrant_attributes a ON a.registrant_id = r.id AND a.code = 'shareholder'").all() as { id: string; name: string; kana: string }[];
    for (const word of ['ドウジ', 'ヘイレツ', '同時', '並列', '同', '時1']) {
      const expected = rows.filter((x) => x.name.includes(word) || x.kana.includes(word)).map((x) => x.id).sort();
      const found = (await must(core, admin, 'registrants.list', { filter: { text: word, attribute: 'shareholder' }, limit: 500 })).rows.map((x: { id: string }) => x.id).sort();
      expect(found, word).toEqual(expected);
    }
    expect(rawDb.prepare("SELECT count(*) AS n FROM registrant_grams").get()).toEqual(rawDb.prepare('SELECT count(*) AS n FROM registrants').get());
  });
});

describe('a list call', () => {
  it('leaves one audit entry with counts and whether it was filtered, never the search text, committed with the views around it within 200 ms', async () => {
    // The views of the tests before, committed: this one's group starts empty.
    core.commitViews();
    const before = rawDb.pragma('data_version', { simple: true }) as number;
    const seqBefore = (rawDb.prepare('SELECT max(seq) AS s FROM audit_log').get() as { s: number }).s;
    await must(core, admin, 'registrants.list', { filter: { text: 'しょうた', hasMyNumber: true }, limit: 10 });
    // Grouped: another connection sees nothing yet, then the group's one commit.
    expect(rawDb.pragma('data_version', { simple: true })).toBe(before);
    await vi.waitFor(() => expect(rawDb.pragma('data_version', { simple: true })).toBe(before + 1), { timeout: 1000, interval: 20 });
    const entries = rawDb.prepare('SELECT action, detail FROM audit_log WHERE seq > ?').all(seqBefore);
    expect(entries).toEqual([{ action: 'registrants.list', detail: JSON.stringify({ filtered: true, returned: 1, total: 1 }) }]);
    expect(JSON.stringify(entries)).not.toMatch(/しょうた|ショウタ/);
  });

  it('does not wait for the disk: the head kept outside follows within a second, never ahead of it', async () => {
    const headFile = path.join(dataDir, 'audit-head.json');
    const outsideSeq = () => JSON.parse(fs.readFileSync(headFile, 'utf8')).seq as number;
    const lastSeq = () => (rawDb.prepare('SELECT max(seq) AS s FROM audit_log').get() as { s: number }).s;
    // An ordinary change first: committed to disk, and mirrored outside.
    await must(core, admin, 'groups.create', { name: '同期' });
    await vi.waitFor(() => expect(outsideSeq()).toBe(lastSeq()));
    const durable = lastSeq();
    await must(core, admin, 'registrants.list', {});
    await must(core, admin, 'registrants.list', { filter: { text: 'タロウ' } });
    // Committed within the group's 200 ms (another connection reads the entries), not yet counted as on disk.
    await vi.waitFor(() => expect(lastSeq()).toBe(durable + 2), { timeout: 1000, interval: 20 });
    expect(outsideSeq()).toBe(durable);
    // Within the second the views are synced, and the head outside catches up.
    await vi.waitFor(() => expect(outsideSeq()).toBe(durable + 2), { timeout: 3000, interval: 50 });
  });
});
