// The role matrix is the contract's `access` field, written once. Every channel is called
// as every role: a role the channel does not list is refused with FORBIDDEN and audited;
// a listed role is never refused for its role.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { contract, channelNames } from '../../src-shared/contract';
import { ROLES, type Role } from '../../src-shared/domain';
import type { Core } from '../../src-main/core/index';
import { MESSAGES } from '../../src-main/core/handlers/dispatch';
import { ADMIN, must, openTestCore, setupAdmin } from '../support/vault';

let core: Core;
const sessions = {} as Record<Role, string>;

async function loginAs(role: Role, adminSession: string): Promise<string> {
  const user = { loginId: `${role}-user`, displayName: `${role} さん`, email: `${role}@example.co.jp`, initialPassword: `haru-natsu-aki-fuyu-${role.length}9-kaze` };
  await must(core, adminSession, 'users.create', { ...user, role, secondFactor: 'totp' });
  const s = core.openSession();
  const login = await must(core, s, 'auth.login', { loginId: user.loginId, password: user.initialPassword });
  await must(core, s, 'auth.verify', { challengeId: login.challengeId, code: await generate({ secret: login.enrolment.secret }) });
  const newPassword = `${user.initialPassword}-renewed`;
  await must(core, s, 'account.changePassword', { currentPassword: user.initialPassword, newPassword });
  return s;
}

beforeAll(async () => {
  ({ core } = await openTestCore());
  const admin = await setupAdmin(core);
  await must(core, admin.session, 'auth.reauth', { password: ADMIN.password });
  sessions.admin = admin.session;
  sessions.manager = await loginAs('manager', admin.session);
  sessions.viewer = await loginAs('viewer', admin.session);
});
afterAll(() => core.close());

describe('the role matrix', () => {
  const restricted = channelNames.filter((c) => contract[c].access !== 'public');

  it('lists at least the admin-only and all-role channels', () => {
    expect(restricted).toContain('users.create');
    expect(restricted).toContain('auth.reauth');
  });

  for (const channel of restricted) {
    for (const role of ROLES) {
      const allowed = (contract[channel].access as readonly Role[]).includes(role);
      it(`${channel} as ${role}: ${allowed ? 'not refused for the role' : 'FORBIDDEN'}`, async () => {
        const result = await core.call(sessions[role], channel, {});
        if (allowed) {
          expect(result.ok || result.error.message !== MESSAGES.forbidden).toBe(true);
        } else {
          expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: MESSAGES.forbidden } });
          const audit = await must(core, sessions.admin, 'audit.query', { filter: { action: 'access.denied' }, limit: 1 });
          expect(audit.rows[0]).toMatchObject({ outcome: 'denied', actorLabel: `${role}-user`, detail: { channel, role } });
        }
      });
    }
  }

  it('refuses every restricted channel to a caller who is not logged in', async () => {
    const anonymous = core.openSession();
    for (const channel of restricted) {
      expect(await core.call(anonymous, channel, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});
