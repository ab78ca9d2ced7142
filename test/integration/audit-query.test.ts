// Reading the audit trail as a person would: newest first, filtered by outcome, actor or
// target, each row naming its target as it is called now, and the list of actors to filter by.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import { ADMIN, MANAGER, must, openTestCore, setupAdmin } from '../support/vault';

let core: Core;
let admin: { session: string; userId: string };
let managerId: string;
let registrantId: string;

beforeAll(async () => {
  ({ core } = await openTestCore());
  admin = await setupAdmin(core);
  await must(core, admin.session, 'auth.reauth', { password: ADMIN.password });
  managerId = (await must(core, admin.session, 'users.create', { ...MANAGER, role: 'manager', secondFactor: 'email' })).id;
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
    const { rows } = await must(core, admin.session, 'audit.query', { filter: { action: 'setup.createAdmin' } });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) if (!row.targetId) expect(row.targetLabel).toBeNull();
  });

  it('filters by outcome', async () => {
    const { rows, total } = await must(core, admin.session, 'audit.query', { filter: { outcome: 'failure' } });
    expect(total).toBeGreaterThan(0);
    expect(rows.every((row: { outcome: string }) => row.outcome === 'failure')).toBe(true);
    expect(rows.map((row: { action: string }) => row.action)).toContain('auth.reauth');
  });

  it('filters by actor, newest first', async () => {
    const { rows } = await must(core, admin.session, 'audit.query', { filter: { actorId: admin.userId }, limit: 50 });
    expect(rows.every((row: { actorId: string }) => row.actorId === admin.userId)).toBe(true);
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
