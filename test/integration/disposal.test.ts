// Physical disposal (物理削除): after it, nothing of the disposed person is left in any file of
// the data directory, only the disposal record (employee code and name), and the audit trail
// still verifies.
//
// How "nothing is left" is shown. The database file is SQLCipher-encrypted, so scanning its raw
// bytes for a name finds nothing before the disposal as after: alone that proves nothing. And a
// query sees only live rows, not the freed pages where deleted rows linger. So the test reads
// the file the way the format is laid out (test/support/sqlcipher-pages.ts): every page of the
// database and of its WAL decrypted with the raw key, live or free. Before the disposal the
// person's values — reading, birth date, address, e-mail, their dependent's name and birth
// date, and the bytes of the sealed number, its blind index and the sealed image and thumbnail,
// read from the rows — ARE found in those pages (so the search can see them); after it none is,
// while the disposal record's employee code and name are (so the pages were really decrypted).
// Every other file of the data directory (key files, the recovery file, a pre-migration copy)
// is scanned raw for the same values; the WAL is empty, the file has no free page, and the
// rows are gone from every table. The search index needs its own look: it stores terms
// (trigrams, prefix-compressed), never the whole value, and an FTS5 delete leaves the terms in
// older segments; so its segments are read for the trigrams of the person's e-mail, found
// before the disposal and not after.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, createFileKeyStore, type Core } from '../../src-main/core/index';
import type { Db } from '../../src-main/core/platform/db/open';
import { picture } from '../support/images';
import { generateMyNumber } from '../support/numbers';
import { openRawDb } from '../support/raw-db';
import { decryptDatabasePages, decryptWalPages } from '../support/sqlcipher-pages';
import { ADMIN, MANAGER, TEST_PASSPHRASE, allowDirectNumberEntry, must, setupAdmin, signInNewUser, tempDir, testClock } from '../support/vault';

const TARGET = {
  employeeCode: 'E901',
  familyName: '桐谷',
  givenName: '澄香',
  familyNameKana: 'キリタニ',
  givenNameKana: 'スミカ',
  email: 'sumika.kiritani@example.jp',
  birthDate: '1980-07-15',
  phone: '090-4321-8765',
  postalCode: '105-0011',
  address: '東京都港区芝公園四丁目2番8号',
  leaveDate: '2018-03-31',
  attributes: ['employee'],
};
const TARGET_CHILD = { relationship: 'child', familyName: '桐谷', givenName: '陽翔', familyNameKana: 'キリタニ', givenNameKana: 'ハルト', birthDate: '2012-04-03', taxDependent: true };
const KEPT = { employeeCode: 'E002', familyName: '山田', givenName: '太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', email: 'taro.yamada@example.jp', leaveDate: '2025-12-31', attributes: ['employee'] };
const REASON = '保存期間（退職後7年）の経過による廃棄';

const clock = testClock();
let core: Core;
let dataDir: string;
let admin: string;
let raw: Db;
let keyHex: string;
let heldUntil: { count: number; until: string } | null = null;

async function addPerson(fields: Record<string, unknown>) {
  return (await must(core, admin, 'registrants.create', fields)).id as string;
}

async function attachImage(registrantId: string, seed: number) {
  const jpeg = await (await picture(640 + seed, 400)).jpeg({ quality: 90 }).toBuffer();
  return (await must(core, admin, 'documents.attach', { registrantId, kind: 'photo_id', imageBase64: jpeg.toString('base64') })).documentId as string;
}

/** A registrant with a number, an ID image and a child with a number (entered by proxy). */
async function personWithEverything(fields: Record<string, unknown>, seed: number, child = TARGET_CHILD) {
  const id = await addPerson(fields);
  await must(core, admin, 'submissions.createProxy', { registrantId: id, myNumber: generateMyNumber(seed), dependents: [{ ...child, myNumber: generateMyNumber(seed + 1) }] });
  const documentId = await attachImage(id, seed);
  const [dependent] = (await must(core, admin, 'dependents.list', { registrantId: id })).rows;
  return { id, documentId, dependentId: dependent.id as string };
}

/** Needles as bytes: the text values in UTF-8, sealed blobs as slices of their bytes. */
function needlesOf(registrantId: string, dependentId: string, documentId: string) {
  const number = raw.prepare("SELECT sealed, blind_index FROM my_numbers WHERE subject_type = 'registrant' AND subject_id = ?").get(registrantId) as { sealed: Buffer; blind_index: string };
  const childNumber = raw.prepare("SELECT sealed, blind_index FROM my_numbers WHERE subject_type = 'dependent' AND subject_id = ?").get(dependentId) as { sealed: Buffer; blind_index: string };
  // The sealed images live in the documents row, or (from migration 0180 on main) in a table of their own.
  const imagesTable = raw.prepare("SELECT name FROM sqlite_master WHERE name = 'document_images'").get() ? 'document_images WHERE document_id' : 'documents WHERE id';
  const doc = raw.prepare(`SELECT sealed_image, sealed_thumbnail FROM ${imagesTable} = ?`).get(documentId) as { sealed_image: Buffer; sealed_thumbnail: Buffer };
  // Sealed values longer than a page spill into overflow pages: a 40-byte slice from the start
  // of each is on one page.
  const slice = (b: Buffer) => b.subarray(0, 40);
  return {
    'reading キリタニ': Buffer.from('キリタニ'),
    'given name reading スミカ': Buffer.from('スミカ'),
    'birth date': Buffer.from(TARGET.birthDate),
    address: Buffer.from(TARGET.address),
    'e-mail': Buffer.from(TARGET.email),
    phone: Buffer.from(TARGET.phone),
    "dependent's name": Buffer.from(TARGET_CHILD.givenName),
    "dependent's reading": Buffer.from(TARGET_CHILD.givenNameKana),
    "dependent's birth date": Buffer.from(TARGET_CHILD.birthDate),
    'sealed number': slice(number.sealed),
    'blind index': Buffer.from(number.blind_index),
    "dependent's sealed number": slice(childNumber.sealed),
    "dependent's blind index": Buffer.from(childNumber.blind_index),
    'sealed image': slice(doc.sealed_image),
    'sealed thumbnail': slice(doc.sealed_thumbnail),
  };
}

function decryptedPages(): Buffer {
  const file = path.join(dataDir, 'vault.db');
  return Buffer.concat([...decryptDatabasePages(file, keyHex), ...decryptWalPages(`${file}-wal`, keyHex)]);
}

function filesOf(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesOf(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function found(haystack: Buffer, needles: Record<string, Buffer>): string[] {
  return Object.entries(needles)
    .filter(([, n]) => haystack.includes(n))
    .map(([name]) => name);
}

/**
 * The search index's own segments: an FTS5 delete only adds a tombstone, the deleted row's
 * terms (trigrams of the reading and e-mail) stay in older segments until they are merged. The
 * trigrams of the person's e-mail, as the segments hold them.
 */
const EMAIL_TRIGRAMS = ['sum', 'umi', 'mik', 'kir', 'iri', 'rit'];
function trigramsInSearchIndex(): string[] {
  const blobs = Buffer.concat((raw.prepare('SELECT block FROM registrant_fts_data').all() as { block: Buffer }[]).map((r) => r.block));
  return EMAIL_TRIGRAMS.filter((t) => blobs.includes(Buffer.from(t)));
}

const countOf = (sql: string, ...params: unknown[]) => (raw.prepare(sql).get(...params) as { n: number }).n;

beforeAll(async () => {
  dataDir = tempDir();
  const keyStore = createFileKeyStore({ dataDir, passphrase: TEST_PASSPHRASE });
  // What the backups module will tell the disposal record: here a stand-in that knows one.
  core = await createCore({ dataDir, keyStore, clock, backupCopies: { heldSince: () => heldUntil } });
  admin = (await setupAdmin(core, clock)).session;
  await allowDirectNumberEntry(core, admin, ADMIN.password);
  raw = await openRawDb(dataDir, core.vaultId);
  keyHex = (await keyStore.load(core.vaultId))!.db;
});
afterAll(async () => {
  raw.close();
  await core.close();
});

describe('the disposal of a whole record', () => {
  let target: { id: string; documentId: string; dependentId: string };
  let kept: { id: string };
  let needles: Record<string, Buffer>;
  let pagesBefore: number;

  beforeAll(async () => {
    target = await personWithEverything(TARGET, 9010);
    kept = await personWithEverything(KEPT, 9020, { ...TARGET_CHILD, familyName: '山田', familyNameKana: 'ヤマダ', givenName: '一郎', givenNameKana: 'イチロウ', birthDate: '2015-01-20' });
    // Some views and edits of the target, so the trail has entries about them.
    await must(core, admin, 'registrants.get', { id: target.id });
    await must(core, admin, 'registrants.list', { filter: { text: 'キリタニ' } });
    needles = needlesOf(target.id, target.dependentId, target.documentId);
    // A pre-migration copy, as an upgraded vault keeps one: it holds the data too.
    fs.mkdirSync(path.join(dataDir, 'backups'), { recursive: true });
    raw.pragma('wal_checkpoint(TRUNCATE)');
    fs.copyFileSync(path.join(dataDir, 'vault.db'), path.join(dataDir, 'backups', 'before-migration-v170-2026-12-01T00-00-00-000Z.db'));
    pagesBefore = Number(raw.pragma('page_count', { simple: true }));
  });

  it('finds every value of the person in the decrypted pages before the disposal (the search can see them)', () => {
    expect(found(decryptedPages(), needles)).toEqual(Object.keys(needles));
    expect(trigramsInSearchIndex().length).toBeGreaterThan(0);
  });

  it('refuses without the password re-entered, and changes nothing', async () => {
    clock.advance(6 * 60_000);
    const r = await core.call(admin, 'disposal.dispose', { subjects: [{ registrantId: target.id }], scope: 'whole_record', reason: REASON });
    expect(r).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    expect(countOf('SELECT count(*) AS n FROM registrants WHERE id = ?', target.id)).toBe(1);
    expect(countOf('SELECT count(*) AS n FROM disposal_records')).toBe(0);
  });

  it('refuses without a reason, or with one holding a My Number, and changes nothing', async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    for (const reason of ['', '   ', `番号 ${generateMyNumber(5)} の廃棄`]) {
      const r = await core.call(admin, 'disposal.dispose', { subjects: [{ registrantId: target.id }], scope: 'whole_record', reason });
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(countOf('SELECT count(*) AS n FROM registrants WHERE id = ?', target.id)).toBe(1);
    expect(countOf("SELECT count(*) AS n FROM my_numbers WHERE subject_id = ?", target.id)).toBe(1);
    expect(countOf('SELECT count(*) AS n FROM disposal_records')).toBe(0);
  });

  it('refuses a manager (admins only), and changes nothing', async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const manager = await signInNewUser(core, admin, { ...MANAGER, role: 'manager', password: 'haru-natsu-aki-fuyu-sakura-kaze' }, clock);
    await must(core, manager, 'auth.reauth', { password: 'haru-natsu-aki-fuyu-sakura-kaze' });
    const r = await core.call(manager, 'disposal.dispose', { subjects: [{ registrantId: target.id }], scope: 'whole_record', reason: REASON });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A manager sees what is due, though.
    expect((await must(core, manager, 'disposal.due', { dueOnly: true })).rows.map((r: { registrantId: string }) => r.registrantId)).toEqual([target.id]);
    expect(countOf('SELECT count(*) AS n FROM registrants WHERE id = ?', target.id)).toBe(1);
  });

  it('lists the person as due (7 years from 1月11日 after leaving) and not the one who left last year', async () => {
    const { rows, dueCount } = await must(core, admin, 'disposal.due', {});
    expect(dueCount).toBe(1);
    expect(rows.map((r: any) => [r.employeeCode, r.leaveDate, r.dueDate, r.due, r.hasMyNumber, r.documentCount, r.dependentCount, r.dependentNumberCount])).toEqual([
      ['E901', '2018-03-31', '2026-01-11', true, true, 1, 1, 1],
      ['E002', '2025-12-31', '2033-01-11', false, true, 1, 1, 1],
    ]);
  });

  it('disposes of it in one go, twice at once only once', async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    heldUntil = { count: 2, until: '2026-12-08' };
    const input = { subjects: [{ registrantId: target.id }, { dependentId: target.dependentId }], scope: 'whole_record', reason: REASON };
    const [a, b] = await Promise.all([core.call(admin, 'disposal.dispose', input), core.call(admin, 'disposal.dispose', input)]);
    const outcomes = [a, b].map((r) => (r.ok ? 'ok' : r.error.code)).sort();
    expect(outcomes).toEqual(['NOT_FOUND', 'ok']);
    expect(((a.ok ? a : b) as any).value).toMatchObject({ disposed: 1 });
    expect(countOf('SELECT count(*) AS n FROM disposal_records')).toBe(1);
    // Right after it: no free page left, the file smaller (the WAL holds the second call's refusal only).
    expect(raw.pragma('freelist_count', { simple: true })).toBe(0);
    expect(Number(raw.pragma('page_count', { simple: true }))).toBeLessThan(pagesBefore);
  });

  it('leaves no row of the person in any table, the search indexes included', async () => {
    const byRegistrant = ['registrants WHERE id', 'registrant_attributes WHERE registrant_id', 'dependents WHERE registrant_id', 'registrant_status_history WHERE registrant_id', 'submissions WHERE registrant_id', 'documents WHERE registrant_id', 'invitations WHERE registrant_id', 'mail_outbox WHERE registrant_id'];
    for (const where of byRegistrant) expect(countOf(`SELECT count(*) AS n FROM ${where} = ?`, target.id), where).toBe(0);
    expect(countOf('SELECT count(*) AS n FROM my_numbers WHERE subject_id IN (?, ?)', target.id, target.dependentId)).toBe(0);
    expect(countOf("SELECT count(*) AS n FROM submission_dependents WHERE given_name = ?", TARGET_CHILD.givenName)).toBe(0);
    expect(countOf("SELECT count(*) AS n FROM registrant_fts WHERE registrant_fts MATCH ?", '"キリタニ"')).toBe(0);
    // No term of the trigram index comes from the person any longer (an FTS5 delete alone would leave them in older segments).
    raw.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_terms USING fts5vocab(main, registrant_fts, row)');
    expect(countOf("SELECT count(*) AS n FROM temp.fts_terms WHERE term IN ('キリタ', 'リタニ', 'スミカ', 'kir', 'umi')")).toBe(0);
    expect(countOf("SELECT count(*) AS n FROM temp.fts_terms WHERE term = 'ヤマダ'")).toBe(1);
    // Nor in its segments: they were merged without the person's terms.
    expect(trigramsInSearchIndex()).toEqual([]);
    // The kept person is untouched, and found by the search.
    expect((await must(core, admin, 'registrants.list', { filter: { text: 'ヤマダ' } })).total).toBe(1);
    expect((await must(core, admin, 'registrants.list', { filter: { text: 'キリ' } })).total).toBe(0);
    expect((await must(core, admin, 'dependents.list', { registrantId: kept.id })).rows).toHaveLength(1);
    expect(countOf("SELECT count(*) AS n FROM my_numbers WHERE subject_id = ?", kept.id)).toBe(1);
  });

  it('leaves nothing of the person in the decrypted pages of the database or its WAL, only the record', () => {
    const pages = decryptedPages();
    expect(found(pages, needles)).toEqual([]);
    // The pages were decrypted for real: the record's employee code and name are there, and the kept person.
    expect(found(pages, { code: Buffer.from('E901'), name: Buffer.from('桐谷 澄香'), kept: Buffer.from('ヤマダ') })).toEqual(['code', 'name', 'kept']);
  });

  it('leaves nothing of the person in any other file of the data directory, and removes the pre-migration copy', () => {
    const files = filesOf(dataDir);
    expect(files.some((f) => f.includes('before-migration'))).toBe(false);
    for (const file of files) expect(found(fs.readFileSync(file), needles), file).toEqual([]);
  });

  it('keeps a disposal record with who, whose, what and why, never the number', async () => {
    const { rows } = await must(core, admin, 'disposal.records', {});
    expect(rows).toEqual([
      {
        id: expect.any(String),
        batchId: expect.any(String),
        disposedAt: clock.now().toISOString(),
        actorLabel: `${ADMIN.displayName}（${ADMIN.loginId}）`,
        subjectType: 'registrant',
        employeeCode: 'E901',
        subjectName: '桐谷 澄香',
        registrantName: null,
        scope: 'whole_record',
        items: { myNumber: 1, documents: 1, dependentNumbers: 1, dependents: 1, submissions: 1, record: 1 },
        reason: REASON,
        backupsHoldUntil: { count: 2, until: '2026-12-08' },
      },
    ]);
    const csv = Buffer.from((await must(core, admin, 'disposal.exportRecords', {})).contentBase64, 'base64');
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('廃棄日時,実施者,対象,従業員番号,氏名,登録者,廃棄の範囲,廃棄したデータ,理由,バックアップに残る期限');
    expect(lines[1]).toContain(',登録者,E901,桐谷 澄香,,記録全体,個人番号 1件・本人確認書類の画像 1件・扶養親族の個人番号 1件・扶養親族の記録 1件・提出 1件・登録者の記録 1件,保存期間（退職後7年）の経過による廃棄,2026-12-08');
  });

  it('keeps an audit trail that verifies, names the person only through the record, and holds none of their values', async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    expect(await must(core, admin, 'audit.verify', {})).toMatchObject({ ok: true });
    const { rows } = await must(core, admin, 'audit.query', { filter: { action: 'disposal.dispose' }, limit: 10 });
    const success = rows.filter((r: any) => r.outcome === 'success');
    expect(success).toHaveLength(1);
    expect(success[0]).toMatchObject({ targetType: 'registrant', targetId: target.id, targetLabel: '桐谷 澄香（廃棄済み）', detail: { scope: 'whole_record', numbers: 2, documents: 1, dependents: 1, submissions: 1, record: 1 } });
    const stored = raw.prepare('SELECT coalesce(actor_label, \'\') || coalesce(target_id, \'\') || coalesce(detail, \'\') AS t FROM audit_log').all() as { t: string }[];
    const text = stored.map((s) => s.t).join('\n');
    for (const value of [TARGET.familyName, TARGET.familyNameKana, TARGET.email, TARGET.birthDate, TARGET.address, TARGET_CHILD.givenName]) expect(text).not.toContain(value);
  });
});

describe('the disposal of the numbers and ID images only', () => {
  let person: { id: string; documentId: string; dependentId: string };

  beforeAll(async () => {
    person = await personWithEverything({ ...TARGET, employeeCode: 'E903', email: 'other@example.jp' }, 9030);
  });

  it('removes the numbers (the dependents\' too) and the images, and keeps the rest of the record', async () => {
    const sealed = (raw.prepare("SELECT sealed FROM my_numbers WHERE subject_id = ?").get(person.id) as { sealed: Buffer }).sealed.subarray(0, 40);
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    expect(await must(core, admin, 'disposal.dispose', { subjects: [{ registrantId: person.id }], scope: 'numbers_and_documents', reason: '退職者の番号の廃棄' })).toMatchObject({ disposed: 1 });
    // The WAL folded into the file and emptied.
    expect(fs.statSync(path.join(dataDir, 'vault.db-wal')).size).toBe(0);
    expect(countOf('SELECT count(*) AS n FROM my_numbers WHERE subject_id IN (?, ?)', person.id, person.dependentId)).toBe(0);
    expect(countOf('SELECT count(*) AS n FROM documents WHERE registrant_id = ?', person.id)).toBe(0);
    expect(await must(core, admin, 'registrants.get', { id: person.id })).toMatchObject({ registrant: { employeeCode: 'E903', hasMyNumber: false } });
    expect((await must(core, admin, 'dependents.list', { registrantId: person.id })).rows).toMatchObject([{ givenName: '陽翔', hasMyNumber: false }]);
    expect(decryptedPages().includes(sealed)).toBe(false);
    const [record] = (await must(core, admin, 'disposal.records', {})).rows;
    expect(record).toMatchObject({ employeeCode: 'E903', scope: 'numbers_and_documents', items: { myNumber: 1, documents: 1, dependentNumbers: 1 } });
  });

  it('refuses a second time: nothing is left to dispose of', async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const r = await core.call(admin, 'disposal.dispose', { subjects: [{ registrantId: person.id }], scope: 'numbers_and_documents', reason: '退職者の番号の廃棄' });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', messageKey: 'errors.disposal.nothingToDispose' } });
  });

  it("disposes of one dependent's whole record from the registrant's page, their name kept in the record", async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    await must(core, admin, 'disposal.dispose', { subjects: [{ dependentId: person.dependentId }], scope: 'whole_record', reason: '扶養から外れたため' });
    expect((await must(core, admin, 'dependents.list', { registrantId: person.id })).rows).toEqual([]);
    expect(countOf('SELECT count(*) AS n FROM submission_dependents WHERE dependent_id = ? OR given_name = ?', person.dependentId, '陽翔')).toBe(0);
    const [record] = (await must(core, admin, 'disposal.records', {})).rows;
    expect(record).toMatchObject({ subjectType: 'dependent', employeeCode: 'E903', subjectName: '桐谷 陽翔', registrantName: '桐谷 澄香', items: { dependents: 1 } });
  });

  it('refuses while a submission waits for review, and changes nothing', async () => {
    const id = await addPerson({ ...KEPT, employeeCode: 'E904', email: undefined });
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    await must(core, admin, 'submissions.configure', { proxyApproval: 'required' });
    await must(core, admin, 'submissions.createProxy', { registrantId: id, myNumber: generateMyNumber(9040) });
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const r = await core.call(admin, 'disposal.dispose', { subjects: [{ registrantId: id }], scope: 'numbers_and_documents', reason: '退職者の番号の廃棄' });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', messageKey: 'errors.disposal.submissionPending' } });
    expect(countOf('SELECT count(*) AS n FROM submissions WHERE registrant_id = ?', id)).toBe(1);
  });
});

describe('retention rules', () => {
  it('has the defaults per attribute, and an admin changes one, which moves the due dates', async () => {
    const { rows } = await must(core, admin, 'retention.rules', {});
    expect(rows.map((r: any) => [r.attribute, r.years, r.basis])).toEqual([
      ['employee', 7, 'year_after'],
      ['real_estate_owner', 7, 'year_after'],
      ['professional', 7, 'year_after'],
      ['shareholder', 7, 'year_after'],
      ['category3_insured', 2, 'end_date'],
      ['other', 7, 'year_after'],
    ]);
    const before = (await must(core, admin, 'disposal.due', {})).rows.find((r: any) => r.employeeCode === 'E002');
    expect(before.dueDate).toBe('2033-01-11');
    await must(core, admin, 'retention.setRule', { attribute: 'employee', years: 10, basis: 'end_date' });
    const after = (await must(core, admin, 'disposal.due', {})).rows.find((r: any) => r.employeeCode === 'E002');
    expect(after.dueDate).toBe('2035-12-31');
    expect((await core.call(admin, 'retention.setRule', { attribute: 'employee', years: 101, basis: 'end_date' })).ok).toBe(false);
    await must(core, admin, 'retention.setRule', { attribute: 'employee', years: 7, basis: 'year_after' });
  });

  it('shows a manager limited to groups only the due registrants of their groups', async () => {
    const osaka = (await must(core, admin, 'groups.create', { name: '大阪支店' })).id;
    const inOsaka = await addPerson({ ...KEPT, employeeCode: 'E905', email: undefined, leaveDate: '2017-06-30', groupId: osaka });
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const limited = await signInNewUser(core, admin, { loginId: 'osaka.manager', displayName: '大阪 店長', email: 'osaka@example.co.jp', role: 'manager', initialPassword: 'nishi-no-shoki-kagi-1', password: 'kansai-no-tenchou-desu-9', groupIds: [osaka] }, clock);
    const { rows, dueCount } = await must(core, limited, 'disposal.due', {});
    expect(rows.map((r: any) => r.registrantId)).toEqual([inOsaka]);
    expect(dueCount).toBe(1);
  });

  it('lets an attribute added later follow the rule of その他 until it has its own', async () => {
    const { code } = await must(core, admin, 'attributes.create', { label: 'アルバイト' });
    expect((await must(core, admin, 'retention.rules', {})).rows.find((r: any) => r.attribute === code)).toEqual({ attribute: code, years: 7, basis: 'year_after', own: false });
  });
});
