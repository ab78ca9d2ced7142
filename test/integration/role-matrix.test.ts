// The role matrix, written out here as the product promises it (not read back from the
// access table): every channel is called as every role, each case in a session of its own
// that has just signed in. A role the row does not list is refused with FORBIDDEN and the
// refusal is audited; a listed role is never refused for its role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { CHANNEL_NAMES, type ChannelName } from '../../src-shared/access';
import type { Role } from '../../src-shared/domain';
import type { Core } from '../../src-main/core/index';
import { ADMIN, must, openTestCore, setupAdmin, testClock } from '../support/vault';

/** '*': anyone, signed in or not. Otherwise one letter per role allowed: A admin, M manager, V viewer. */
const MATRIX: Record<ChannelName, '*' | 'AMV' | 'AM-' | 'A--'> = {
  'setup.status': '*',
  'setup.createAdmin': '*',
  'setup.confirmTotp': '*',
  'auth.login': '*',
  'auth.verify': '*',
  'auth.resendCode': '*',
  'auth.reauth': 'AMV',
  'auth.keepAlive': 'AMV',
  'auth.lock': '*',
  'auth.logout': '*',
  'auth.me': '*',
  'auth.requestReset': '*',
  'auth.completeReset': '*',
  'account.changePassword': 'AMV',
  'account.changeEmail': 'AMV',
  'account.beginTotpEnrolment': 'AMV',
  'account.confirmTotpEnrolment': 'AMV',
  'account.useEmailFactor': 'AMV',
  'users.list': 'A--',
  'users.create': 'A--',
  'users.update': 'A--',
  'users.setDisabled': 'A--',
  'users.resetPassword': 'A--',
  'users.unlock': 'A--',
  'settings.getSmtp': 'A--',
  'settings.setSmtp': 'A--',
  'settings.testSmtp': 'A--',
  'settings.regenerateRecoveryCode': 'A--',
  'settings.getSecurity': 'A--',
  'settings.setSecurity': 'A--',
  'backups.status': 'A--',
  'backups.configure': 'A--',
  'backups.run': 'A--',
  'vault.rekey': 'A--',
  'vault.rekeyStatus': 'A--',
  'registrants.create': 'AM-',
  'registrants.update': 'AM-',
  'registrants.list': 'AMV',
  'registrants.get': 'AMV',
  'registrants.summary': 'AMV',
  'groups.list': 'AMV',
  'groups.create': 'A--',
  'groups.update': 'A--',
  'groups.delete': 'A--',
  'attributes.list': 'AMV',
  'attributes.create': 'A--',
  'attributes.update': 'A--',
  'registrants.transition': 'AM-',
  'registrants.history': 'AMV',
  'registrants.unlock': 'A--',
  'dependents.list': 'AMV',
  'dependents.create': 'AM-',
  'dependents.update': 'AM-',
  'submissions.list': 'AMV',
  'submissions.get': 'AMV',
  'submissions.summary': 'AMV',
  'submissions.createProxy': 'AM-',
  'submissions.approve': 'AM-',
  'submissions.return': 'AM-',
  'submissions.decline': 'AM-',
  'submissions.getSettings': 'AM-',
  'submissions.configure': 'A--',
  'purposes.list': 'AM-',
  'mynumber.set': 'AM-',
  'mynumber.reveal': 'AM-',
  'audit.query': 'AM-',
  'audit.export': 'AM-',
  'audit.report': 'A--',
  'audit.reportCsv': 'A--',
  'audit.actors': 'AM-',
  'audit.verify': 'A--',
  'audit.status': 'AMV',
  'system.facts': 'A--',
  'lan.status': 'AM-',
  'lan.configure': 'A--',
  'collection.getSettings': 'A--',
  'collection.configure': 'A--',
  'invitations.printSheet': 'AM-',
  'collection.getMailTemplates': 'AM-',
  'collection.setMailTemplates': 'A--',
  'collection.sendMail': 'AM-',
  'collection.outboxStatus': 'AM-',
  'collection.outboxBatches': 'AM-',
  'collection.outboxFailures': 'AM-',
  'collection.retryFailed': 'AM-',
  'invitations.issue': 'AM-',
  'invitations.revoke': 'AM-',
  'invitations.list': 'AM-',
  'documents.list': 'AM-',
  'documents.view': 'AM-',
  'documents.attach': 'AM-',
  'csv.importPreview': 'AM-',
  'csv.importCommit': 'AM-',
  'csv.export': 'AM-',
  'csv.listMappings': 'AM-',
  'csv.saveMapping': 'AM-',
  'csv.deleteMapping': 'AM-',
  'csv.listPresets': 'AM-',
  'csv.savePreset': 'AM-',
  'csv.deletePreset': 'AM-',
  'jobs.cancel': 'AMV',
  'retention.rules': 'AM-',
  'retention.setRule': 'A--',
  'disposal.due': 'AM-',
  'disposal.dispose': 'A--',
  'disposal.records': 'A--',
  'disposal.exportRecords': 'A--',
};

const LETTER: Record<Role, string> = { admin: 'A', manager: 'M', viewer: 'V' };
const ROLES: Role[] = ['admin', 'manager', 'viewer'];
const PASSWORDS: Record<Role, string> = {
  admin: ADMIN.password,
  manager: 'haru-natsu-aki-fuyu-sakura-kaze',
  viewer: 'yuki-tsuki-hana-kumo-nami-sora',
};

const clock = testClock();
let core: Core;
let adminSession: string;
const secrets = {} as Record<Role, string>;

/** A session that has just signed in as the role's user: a fresh TOTP step for each. */
async function freshSession(role: Role): Promise<string> {
  clock.advance(30_000);
  const s = core.openSession();
  const loginId = role === 'admin' ? ADMIN.loginId : `${role}-user`;
  const login = await must(core, s, 'auth.login', { loginId, password: PASSWORDS[role] });
  await must(core, s, 'auth.verify', { challengeId: login.challengeId, code: await generate({ secret: secrets[role], epoch: Math.floor(clock.now().getTime() / 1000) }) });
  return s;
}

/** Refusals for a role, so far (a refusal for a missing password re-entry is not one). */
async function roleDenials(): Promise<number> {
  const { rows } = await must(core, adminSession, 'audit.query', { filter: { action: 'access.denied' }, limit: 1000 });
  return rows.filter((r: { detail: { reason?: string } }) => r.detail.reason === 'role').length;
}

beforeAll(async () => {
  ({ core } = await openTestCore(undefined, { clock }));
  const admin = await setupAdmin(core, clock);
  adminSession = admin.session;
  secrets.admin = admin.totpSecret;
  await must(core, adminSession, 'auth.reauth', { password: ADMIN.password });
  for (const role of ['manager', 'viewer'] as const) {
    const initialPassword = `${PASSWORDS[role]}-initial`;
    await must(core, adminSession, 'users.create', { loginId: `${role}-user`, displayName: `${role} さん`, email: `${role}@example.co.jp`, role, secondFactor: 'totp', initialPassword });
    clock.advance(30_000);
    const s = core.openSession();
    const login = await must(core, s, 'auth.login', { loginId: `${role}-user`, password: initialPassword });
    secrets[role] = login.enrolment.secret;
    await must(core, s, 'auth.verify', { challengeId: login.challengeId, code: await generate({ secret: secrets[role], epoch: Math.floor(clock.now().getTime() / 1000) }) });
    await must(core, s, 'account.changePassword', { currentPassword: initialPassword, newPassword: PASSWORDS[role] });
  }
});
afterAll(() => core.close());

describe('the role matrix', () => {
  it('has a row for every channel there is, and none for a channel there is not', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  for (const channel of CHANNEL_NAMES) {
    const row = MATRIX[channel];
    for (const role of ROLES) {
      const allowed = row === '*' || row.includes(LETTER[role]);
      it(`${channel} as ${role}: ${allowed ? 'not refused for the role' : 'FORBIDDEN, audited'}`, async () => {
        const session = await freshSession(role);
        const before = await roleDenials();
        const result = await core.call(session, channel, {});
        if (allowed) {
          expect(result.ok || result.error.messageKey !== 'errors.forbidden').toBe(true);
          expect(await roleDenials()).toBe(before);
        } else {
          expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'この操作を行う権限がありません', messageKey: 'errors.forbidden' } });
          expect(await roleDenials()).toBe(before + 1);
          const audit = await must(core, adminSession, 'audit.query', { filter: { action: 'access.denied' }, limit: 1 });
          expect(audit.rows[0]).toMatchObject({ outcome: 'denied', actorLabel: role === 'admin' ? ADMIN.loginId : `${role}-user`, detail: { channel, role, reason: 'role' } });
        }
      });
    }
  }

  it('refuses every channel that needs a role to a caller who is not signed in, and lets the public ones through', async () => {
    for (const channel of CHANNEL_NAMES) {
      const anonymous = core.openSession();
      const result = await core.call(anonymous, channel, {});
      if (MATRIX[channel] === '*') expect(result.ok || result.error.messageKey !== 'errors.loginRequired').toBe(true);
      else expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.loginRequired' } });
    }
  });
});
