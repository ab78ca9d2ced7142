// The audit trail about one registrant (audit.query's filter.registrantId): the entries whose
// target is the registrant, one of their dependents or one of their submissions, newest first
// and paged like any query, with nothing of anyone else; one audit entry per call, recording
// whose trail was read; NOT_FOUND for a manager limited to groups outside theirs; and, with
// targetId as well, both narrow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import type { Db } from '../../src-main/core/platform/db/open';
import { generateMyNumber } from '../support/numbers';
import { openRawDb } from '../support/raw-db';
import { ADMIN, must, openTestCore, setupAdmin, signInNewUser, testClock } from '../support/vault';

interface Row {
  seq: number;
  action: string;
  actorLabel: string | null;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  detail: Record<string, unknown> | null;
}

const clock = testClock();
let core: Core;
let admin: string;
let tokyoManager: string;
let rawDb: Db;
// 木村 拓也 (東京店): a proxy entry with a new spouse, approved by the Tokyo manager; the spouse's number revealed.
let kimura: string;
let kimuraSpouse: string;
let kimuraSubmission: string;
// 大阪 花子 (大阪店): a dependent added by hand, a proxy entry declined.
let osaka: string;
let osakaChild: string;
let osakaSubmission: string;

const MANAGER_PASSWORD = 'kaki-kuri-nashi-momo-ringo';
const ABSENT = '00000000-0000-4000-8000-000000000000';
const base = { givenNameKana: 'タロウ', attributes: ['employee'] };
const spouse = { relationship: 'spouse', familyName: '木村', givenName: '恵', familyNameKana: 'キムラ', givenNameKana: 'メグミ', birthDate: '1986-02-14', taxDependent: true };

const query = (session: string, input: Record<string, unknown>) => must<{ rows: Row[]; total: number }>(core, session, 'audit.query', input);
const brief = (rows: Row[]) => rows.map((r) => [r.action, r.targetType, r.targetId]);
const auditQueryEntries = () => (rawDb.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'audit.query'").get() as { n: number }).n;

beforeAll(async () => {
  let dataDir: string;
  ({ core, dataDir } = await openTestCore(undefined, { clock }));
  admin = (await setupAdmin(core, clock)).session;
  rawDb = await openRawDb(dataDir, core.vaultId);
  const tokyo = (await must(core, admin, 'groups.create', { name: '東京店' })).id;
  const osakaGroup = (await must(core, admin, 'groups.create', { name: '大阪店' })).id;
  await must(core, admin, 'auth.reauth', { password: ADMIN.password });
  // A second reviewer: from now on a proxy entry waits for someone other than its author.
  tokyoManager = await signInNewUser(
    core,
    admin,
    { loginId: 'tokyo.manager', displayName: '東京 店長', email: 'tokyo@example.co.jp', role: 'manager', initialPassword: `${MANAGER_PASSWORD}-0`, password: MANAGER_PASSWORD, groupIds: [tokyo] },
    clock,
  );

  kimura = (await must(core, admin, 'registrants.create', { ...base, familyName: '木村', givenName: '拓也', familyNameKana: 'キムラ', givenNameKana: 'タクヤ', groupId: tokyo })).id;
  osaka = (await must(core, admin, 'registrants.create', { ...base, familyName: '大阪', givenName: '花子', familyNameKana: 'オオサカ', givenNameKana: 'ハナコ', groupId: osakaGroup })).id;
  osakaChild = (
    await must(core, admin, 'dependents.create', { registrantId: osaka, relationship: 'child', familyName: '大阪', givenName: '蓮', familyNameKana: 'オオサカ', givenNameKana: 'レン' })
  ).id;

  kimuraSubmission = (await must(core, admin, 'submissions.createProxy', { registrantId: kimura, myNumber: generateMyNumber(801), dependents: [{ ...spouse, myNumber: generateMyNumber(802) }] })).id;
  osakaSubmission = (await must(core, admin, 'submissions.createProxy', { registrantId: osaka, myNumber: generateMyNumber(803) })).id;
  await must(core, admin, 'submissions.decline', { id: osakaSubmission, reason: '本人確認書類が読み取れないため' });
  // Routine views of Kimura's record and submission, then the approval.
  await must(core, admin, 'registrants.get', { id: kimura });
  await must(core, tokyoManager, 'submissions.get', { id: kimuraSubmission });
  await must(core, tokyoManager, 'submissions.approve', { id: kimuraSubmission });
  kimuraSpouse = (await must(core, admin, 'dependents.list', { registrantId: kimura })).rows[0].id;
  await must(core, admin, 'auth.reauth', { password: ADMIN.password });
  await must(core, admin, 'mynumber.reveal', { subject: { dependentId: kimuraSpouse }, purposeId: 'dependent_declaration' });
  // Osaka's record is read after all that: its entries interleave with Kimura's in seq.
  await must(core, admin, 'registrants.get', { id: osaka });
});
afterAll(async () => {
  rawDb.close();
  await core.close();
});

describe('audit.query with registrantId', () => {
  it("returns the registrant's, their dependent's and their submission's entries, newest first, and no one else's", async () => {
    const { rows, total } = await query(admin, { filter: { registrantId: kimura } });
    expect(brief(rows)).toEqual([
      ['mynumber.reveal', 'dependent', kimuraSpouse],
      ['dependents.list', 'registrant', kimura],
      ['submissions.approve', 'submission', kimuraSubmission],
      ['mynumber.set', 'registrant', kimura],
      ['mynumber.set', 'dependent', kimuraSpouse],
      ['dependents.create', 'dependent', kimuraSpouse],
      ['submissions.view', 'submission', kimuraSubmission],
      ['registrants.view', 'registrant', kimura],
      ['submissions.createProxy', 'submission', kimuraSubmission],
      ['registrants.create', 'registrant', kimura],
    ]);
    expect(total).toBe(10);
    const seqs = rows.map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    // Named as they are called now: the spouse by name, the submission by its registrant's.
    expect(rows.map((r) => r.targetLabel)).toEqual(['木村 恵', '木村 拓也', '木村 拓也', '木村 拓也', '木村 恵', '木村 恵', '木村 拓也', '木村 拓也', '木村 拓也', '木村 拓也']);
    expect(rows[2]!.detail).toMatchObject({ registrantId: kimura, numbers: 2, dependentsAdded: 1, fromStatus: 'pending', toStatus: 'completed' });
    expect(rows[0]!.detail).toMatchObject({ purposeId: 'dependent_declaration', registrantId: kimura });

    const other = await query(admin, { filter: { registrantId: osaka } });
    expect(brief(other.rows)).toEqual([
      ['registrants.view', 'registrant', osaka],
      ['submissions.decline', 'submission', osakaSubmission],
      ['submissions.createProxy', 'submission', osakaSubmission],
      ['dependents.create', 'dependent', osakaChild],
      ['registrants.create', 'registrant', osaka],
    ]);
    expect(other.total).toBe(5);
  });

  it('pages and leaves out routine views as any query does, the total counting every match', async () => {
    const page = (offset: number) => query(admin, { filter: { registrantId: kimura, hideRoutineViews: true }, offset, limit: 3 });
    const [first, second, third, beyond] = await Promise.all([page(0), page(3), page(6), page(9)]);
    expect(brief(first.rows)).toEqual([
      ['mynumber.reveal', 'dependent', kimuraSpouse],
      ['submissions.approve', 'submission', kimuraSubmission],
      ['mynumber.set', 'registrant', kimura],
    ]);
    expect(brief(second.rows)).toEqual([
      ['mynumber.set', 'dependent', kimuraSpouse],
      ['dependents.create', 'dependent', kimuraSpouse],
      ['submissions.createProxy', 'submission', kimuraSubmission],
    ]);
    expect(brief(third.rows)).toEqual([['registrants.create', 'registrant', kimura]]);
    expect(beyond.rows).toEqual([]);
    expect([first.total, second.total, third.total, beyond.total]).toEqual([7, 7, 7, 7]);
    // The other filters narrow it further.
    const sets = await query(admin, { filter: { registrantId: kimura, action: 'mynumber.set' } });
    expect(brief(sets.rows)).toEqual([
      ['mynumber.set', 'registrant', kimura],
      ['mynumber.set', 'dependent', kimuraSpouse],
    ]);
    expect(sets.total).toBe(2);
  });

  it('with targetId as well, both narrow: one target of theirs, or nothing', async () => {
    const spouseOnly = await query(admin, { filter: { registrantId: kimura, targetId: kimuraSpouse } });
    expect(brief(spouseOnly.rows)).toEqual([
      ['mynumber.reveal', 'dependent', kimuraSpouse],
      ['mynumber.set', 'dependent', kimuraSpouse],
      ['dependents.create', 'dependent', kimuraSpouse],
    ]);
    expect(spouseOnly.total).toBe(3);
    expect(await query(admin, { filter: { registrantId: kimura, targetId: osakaChild } })).toEqual({ rows: [], total: 0, totalIsLowerBound: false });
    expect(await query(admin, { filter: { registrantId: kimura, targetId: osaka } })).toEqual({ rows: [], total: 0, totalIsLowerBound: false });
  });

  it('writes one audit entry per call, naming whose trail was read, with no target', async () => {
    const before = auditQueryEntries();
    await query(admin, { filter: { registrantId: osaka, hideRoutineViews: true }, limit: 2 });
    expect(auditQueryEntries()).toBe(before + 1);
    const last = rawDb.prepare("SELECT target_type, target_id, detail FROM audit_log WHERE action = 'audit.query' ORDER BY seq DESC LIMIT 1").get();
    expect(last).toEqual({ target_type: null, target_id: null, detail: JSON.stringify({ registrantId: osaka, returned: 2 }) });
    // Without the filter the entry is as it always was.
    await query(admin, { filter: { targetId: osaka }, limit: 1 });
    expect(rawDb.prepare("SELECT detail FROM audit_log WHERE action = 'audit.query' ORDER BY seq DESC LIMIT 1").get()).toEqual({ detail: JSON.stringify({ returned: 1 }) });
  });

  it('is NOT_FOUND for a manager limited to groups outside theirs, as for no one at all, and writes nothing', async () => {
    const before = auditQueryEntries();
    const outside = await core.call(tokyoManager, 'audit.query', { filter: { registrantId: osaka } });
    const absent = await core.call(tokyoManager, 'audit.query', { filter: { registrantId: ABSENT } });
    expect(outside).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(outside).toEqual(absent);
    expect(await core.call(admin, 'audit.query', { filter: { registrantId: ABSENT } })).toEqual(absent);
    expect(auditQueryEntries()).toBe(before);
    // Their own group's registrant reads as for the admin.
    const own = await query(tokyoManager, { filter: { registrantId: kimura, hideRoutineViews: true }, limit: 1 });
    expect(brief(own.rows)).toEqual([['mynumber.reveal', 'dependent', kimuraSpouse]]);
    expect(own.total).toBe(7);
    expect(auditQueryEntries()).toBe(before + 1);
  });

  it('refuses a registrantId that is no id', async () => {
    for (const registrantId of ['', 'x'.repeat(101), 42]) {
      expect(await core.call(admin, 'audit.query', { filter: { registrantId } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });
});

describe('audit.query for a manager limited to groups', () => {
  const about = (rows: Row[], ids: string[]) => rows.filter((r) => r.targetId !== null && ids.includes(r.targetId));

  it("leaves out every entry about a registrant, dependent or submission outside their groups, and counts only what it returns", async () => {
    const limited = await query(tokyoManager, { limit: 500 });
    const everything = await query(admin, { limit: 500 });
    const osakaIds = [osaka, osakaChild, osakaSubmission];
    // The admin's trail holds Osaka's entries (the control); the Tokyo manager's holds none of them.
    expect(about(everything.rows, osakaIds).length).toBeGreaterThanOrEqual(5);
    expect(about(limited.rows, osakaIds)).toEqual([]);
    // Their own group's people stay, and so do entries about no registrant (their own sign-in).
    expect(about(limited.rows, [kimura, kimuraSpouse, kimuraSubmission]).length).toBe(about(everything.rows, [kimura, kimuraSpouse, kimuraSubmission]).length);
    expect(limited.rows.some((r) => r.action === 'auth.login' && r.actorLabel === 'tokyo.manager')).toBe(true);
    expect(limited.total).toBe(limited.rows.length);
  });

  it('finds nothing when asked for an outside target by id', async () => {
    expect(await query(tokyoManager, { filter: { targetId: osaka } })).toEqual({ rows: [], total: 0, totalIsLowerBound: false });
    expect((await query(admin, { filter: { targetId: osaka } })).total).toBeGreaterThan(0);
  });
});
