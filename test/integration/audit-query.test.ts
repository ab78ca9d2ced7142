// Reading the audit trail as a person would: newest first, filtered by outcome, actor or
// target, each row naming its target as it is called now, and the list of actors to filter by.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import { ROUTINE_VIEW_ACTIONS } from '../../src-shared/audit-vocabulary';
import { ADMIN, MANAGER, allowDirectNumberEntry, must, openTestCore, setupAdmin } from '../support/vault';
import { generateMyNumber } from '../support/numbers';

let core: Core;
let admin: { session: string; userId: string };
let managerId: string;
let registrantId: string;

beforeAll(async () => {
  ({ core } = await openTestCore());
  admin = await setupAdmin(core);
  await must(core, admin.session, 'auth.reauth', { password: ADMIN.password });
  managerId = (await must(core, admin.session, 'users.create', { ...MANAGER, role: 'manager', secondFactor: 'email' })).id;
  // Two reviewers now; the admin stores a number directly below.
  await allowDirectNumberEntry(core, admin.session, ADMIN.password);
  registrantId = (
    await must(core, admin.session, 'registrants.create', { familyName: '木村', givenName: '拓也', familyNameKana: 'キムラ', givenNameKana: 'タクヤ', attributes: ['employee'] })
  ).id;
  await core.call(admin.session, 'auth.reauth', { password: 'not the password at all' });
});
afterAll(() => core.close());

describe('audit.query', () => {
  it('names a user target by login ID and a registrant target by name', async () => {
    const { rows } = await must(core, admin.session, 'audit.query', { filter: { targetId: managerId } });
    expect(rows[0]).toMatchObject({ action: 'users.create', targetType: 'user', targetLabel: MANAGER.loginId });
    const r = await must(core, admin.session, 'audit.query', { filter: { targetId: registrantId } });
    expect(r.rows[0]).toMatchObject({ action: 'registrants.create', targetType: 'registrant', targetLabel: '木村 拓也' });
  });

  it('leaves the label empty for rows without a target', async () => {
    // Reading the trail is itself recorded, with no target: there is at least this one row.
    await must(core, admin.session, 'audit.query', { limit: 1 });
    const { rows } = await must(core, admin.session, 'audit.query', { filter: { action: 'audit.query' } });
    expect(rows.length).toBeGreaterThan(0);
    const labelled = rows.filter((row: { targetType: string | null; targetId: string | null; targetLabel: string | null }) => row.targetType !== null || row.targetId !== null || row.targetLabel !== null);
    expect(labelled).toEqual([]);
  });

  it('filters by outcome', async () => {
    const { rows, total } = await must(core, admin.session, 'audit.query', { filter: { outcome: 'failure' } });
    expect(total).toBeGreaterThan(0);
    expect(rows.every((row: { outcome: string }) => row.outcome === 'failure')).toBe(true);
    expect(rows.map((row: { action: string }) => row.action)).toContain('auth.reauth');
  });

  it('filters by actor, newest first', async () => {
    // An entry by someone else (a caller who is not signed in), so the filter has something to leave out.
    await core.call(core.openSession(), 'auth.login', { loginId: 'no-such-user', password: 'not the password at all' });
    const all = await must(core, admin.session, 'audit.query', { limit: 1000 });
    const others = all.rows.filter((row: { actorId: string | null }) => row.actorId !== admin.userId);
    expect(others.map((row: { action: string }) => row.action)).toContain('auth.login');
    const { rows, total } = await must(core, admin.session, 'audit.query', { filter: { actorId: admin.userId }, limit: 1000 });
    expect(rows.length).toBeGreaterThan(5);
    expect(total).toBe(all.total + 1 - others.length); // the unfiltered query above is the admin's too
    expect(rows.filter((row: { actorId: string | null }) => row.actorId !== admin.userId)).toEqual([]);
    const seqs = rows.map((row: { seq: number }) => row.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });
});

describe('audit.actors', () => {
  it('lists every login user to filter by', async () => {
    const { rows } = await must(core, admin.session, 'audit.actors', {});
    expect(rows.map((u: { loginId: string }) => u.loginId).sort()).toEqual([ADMIN.loginId, MANAGER.loginId].sort());
    expect(Object.keys(rows[0]).sort()).toEqual(['displayName', 'id', 'loginId', 'role']);
  });
});

describe('leaving out routine views', () => {
  it('hides list and record views but keeps changes, failures and number reveals', async () => {
    await must(core, admin.session, 'registrants.list', {});
    await must(core, admin.session, 'users.list', {});
    await must(core, admin.session, 'registrants.get', { id: registrantId });
    await must(core, admin.session, 'auth.reauth', { password: ADMIN.password });
    await must(core, admin.session, 'mynumber.set', { subject: { registrantId }, myNumber: generateMyNumber(77) });
    await must(core, admin.session, 'mynumber.reveal', { subject: { registrantId }, purposeId: 'withholding_slip' });
    await must(core, admin.session, 'registrants.history', { registrantId });
    await must(core, admin.session, 'dependents.list', { registrantId });
    await must(core, admin.session, 'documents.list', { registrantId });
    const other = (await must(core, admin.session, 'registrants.create', { familyName: '木村', givenName: '陽子', familyNameKana: 'キムラ', givenNameKana: 'ヨウコ', attributes: ['employee'] })).id;
    const { id: submissionId } = await must(core, admin.session, 'submissions.createProxy', { registrantId: other, myNumber: generateMyNumber(78) });
    await must(core, admin.session, 'submissions.list', {});
    await must(core, admin.session, 'submissions.get', { id: submissionId });
    await must(core, admin.session, 'disposal.due', {});
    await must(core, admin.session, 'disposal.records', {});
    const all = await must(core, admin.session, 'audit.query', { limit: 1000 });
    const some = await must(core, admin.session, 'audit.query', { filter: { hideRoutineViews: true }, limit: 1000 });
    const actions = (rows: { action: string }[]) => new Set(rows.map((r) => r.action));
    expect([...ROUTINE_VIEW_ACTIONS].sort()).toEqual([
      'audit.query',
      'dependents.list',
      'disposal.due',
      'disposal.records',
      'documents.list',
      'registrants.history',
      'registrants.list',
      'registrants.view',
      'submissions.list',
      'submissions.view',
      'users.list',
    ]);
    for (const hidden of ROUTINE_VIEW_ACTIONS) {
      expect(actions(all.rows).has(hidden)).toBe(true);
      expect(actions(some.rows).has(hidden)).toBe(false);
    }
    for (const kept of ['mynumber.reveal', 'mynumber.set', 'registrants.create', 'users.create', 'auth.reauth', 'submissions.createProxy']) expect(actions(some.rows).has(kept)).toBe(true);
    expect(some.total).toBe(all.total - all.rows.filter((r: { action: string }) => (ROUTINE_VIEW_ACTIONS as readonly string[]).includes(r.action)).length);
  });
});
