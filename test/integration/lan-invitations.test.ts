// HR's side of collection: invitation links (one live per registrant, shown once, issued
// again = the old one revoked, lasting the configured days, never for a completed record),
// a limited manager reaching only the registrants of their groups, the company passcode
// (re-entry needed, hashed, never returned) and the audit of each, with no token or passcode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMyNumber } from '../support/numbers';
import { issueLink, newRegistrant, openLanVault, openLink, PASSCODE, type LanVault } from '../support/lan';
import { openRawDb } from '../support/raw-db';
import { ADMIN, must, signInNewUser } from '../support/vault';

let vault: LanVault;
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  vault = await openLanVault({ opensPerMinute: 10_000 });
});
afterAll(() => vault.core.close());

describe('invitations.issue', () => {
  it('gives the link once, its token only in the fragment, valid for the configured days', async () => {
    const id = await newRegistrant(vault.core, vault.admin);
    const before = vault.clock.now().getTime();
    const { links } = await must(vault.core, vault.admin, 'invitations.issue', { registrantIds: [id] });
    expect(links).toEqual([{ registrantId: id, url: expect.stringMatching(new RegExp(`^https://127\\.0\\.0\\.1:${vault.port}/c/#[A-Za-z0-9_-]{22}$`)), expiresAt: new Date(before + 14 * DAY).toISOString() }]);
    const url = new URL(links[0].url);
    expect(url.pathname).toBe('/c/');
    expect(url.search).toBe('');
    // 128 random bits, base64url.
    expect(Buffer.from(url.hash.slice(1), 'base64url')).toHaveLength(16);

    const list = await must(vault.core, vault.admin, 'invitations.list', { registrantId: id });
    expect(list.rows).toEqual([
      { id: expect.any(String), registrantId: id, state: 'live', issuedAt: new Date(before).toISOString(), expiresAt: links[0].expiresAt, revokedAt: null, lockedUntil: null, failures: 0, lastOpenedAt: null },
    ]);
    expect(JSON.stringify(list)).not.toContain(url.hash.slice(1));

    // The link's validity follows the setting.
    await must(vault.core, vault.admin, 'auth.reauth', { password: ADMIN.password });
    await must(vault.core, vault.admin, 'collection.configure', { companyName: '株式会社テスト', requireBirthDate: false, linkValidDays: 3 });
    const again = await must(vault.core, vault.admin, 'invitations.issue', { registrantIds: [id] });
    expect(again.links[0].expiresAt).toBe(new Date(before + 3 * DAY).toISOString());
    await must(vault.core, vault.admin, 'collection.configure', { companyName: '株式会社テスト', requireBirthDate: false, linkValidDays: 14 });
  });

  it('keeps one live link per registrant: issuing again revokes the previous one', async () => {
    const id = await newRegistrant(vault.core, vault.admin, { familyName: '再発行', familyNameKana: 'サイハッコウ' });
    const first = await issueLink(vault.core, vault.admin, id);
    const second = await issueLink(vault.core, vault.admin, id);
    expect((await openLink(vault, { token: first.token, passcode: PASSCODE })).json).toMatchObject({ ok: false, error: { messageKey: 'errors.collection.linkRefused' } });
    expect((await openLink(vault, { token: second.token, passcode: PASSCODE })).json).toMatchObject({ ok: true });
    const { rows } = await must(vault.core, vault.admin, 'invitations.list', { registrantId: id });
    expect(rows.map((r: { state: string }) => r.state)).toEqual(['live', 'replaced']);
    expect(rows[0].lastOpenedAt).not.toBeNull();
    const raw = await openRawDb(vault.dataDir, vault.core.vaultId);
    try {
      expect(raw.prepare("SELECT count(*) AS n FROM invitations WHERE registrant_id = ? AND revoked_at IS NULL").get(id)).toEqual({ n: 1 });
      // Only an HMAC of each token is kept.
      const hashes = raw.prepare('SELECT token_hash FROM invitations WHERE registrant_id = ?').all(id) as { token_hash: string }[];
      for (const { token_hash } of hashes) {
        expect(token_hash).toMatch(/^[0-9a-f]{64}$/);
        expect([first.token, second.token]).not.toContain(token_hash);
      }
    } finally {
      raw.close();
    }
    const audit = await must(vault.core, vault.admin, 'audit.query', { filter: { action: 'invitations.issue', targetId: id }, limit: 10 });
    expect(audit.rows).toHaveLength(2);
    expect(audit.rows[0].detail.replaced).toBe(rows[1].id);
  });

  it('revokes a link on request, and refuses one for a completed registrant', async () => {
    const id = await newRegistrant(vault.core, vault.admin, { familyName: '取消', familyNameKana: 'トリケシ' });
    const link = await issueLink(vault.core, vault.admin, id);
    expect(await must(vault.core, vault.admin, 'invitations.revoke', { registrantId: id })).toEqual({ revoked: true });
    expect(await must(vault.core, vault.admin, 'invitations.revoke', { registrantId: id })).toEqual({ revoked: false });
    expect((await openLink(vault, { token: link.token, passcode: PASSCODE })).json).toMatchObject({ ok: false, error: { messageKey: 'errors.collection.linkRefused' } });

    const done = await newRegistrant(vault.core, vault.admin, { familyName: '完了', familyNameKana: 'カンリョウ' });
    const doneLink = await issueLink(vault.core, vault.admin, done);
    await must(vault.core, vault.admin, 'mynumber.set', { subject: { registrantId: done }, myNumber: generateMyNumber(7001) });
    // 完了 locks the link it had (checked as it opens), and no new one is issued.
    expect((await openLink(vault, { token: doneLink.token, passcode: PASSCODE })).json).toMatchObject({ ok: false, error: { messageKey: 'errors.collection.linkRefused' } });
    expect((await must(vault.core, vault.admin, 'invitations.list', { registrantId: done })).rows[0].state).toBe('completed');
    expect(await vault.core.call(vault.admin, 'invitations.issue', { registrantIds: [done] })).toMatchObject({ ok: false, error: { code: 'CONFLICT', messageKey: 'errors.invitations.completed' } });
    expect(await vault.core.call(vault.admin, 'invitations.issue', { registrantIds: ['no-such-person'] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('lets a manager limited to groups reach only the registrants of those groups (NOT_FOUND outside)', async () => {
    const tokyo = (await must(vault.core, vault.admin, 'groups.create', { name: '東京店' })).id;
    const osaka = (await must(vault.core, vault.admin, 'groups.create', { name: '大阪店' })).id;
    const inTokyo = await newRegistrant(vault.core, vault.admin, { familyName: '東京', familyNameKana: 'トウキョウ', groupId: tokyo });
    const inOsaka = await newRegistrant(vault.core, vault.admin, { familyName: '大阪', familyNameKana: 'オオサカ', groupId: osaka });
    const nowhere = await newRegistrant(vault.core, vault.admin, { familyName: '無所属', familyNameKana: 'ムショゾク' });
    await must(vault.core, vault.admin, 'auth.reauth', { password: ADMIN.password });
    const manager = await signInNewUser(
      vault.core,
      vault.admin,
      { loginId: 'tokyo.manager', displayName: '東京 店長', email: 'tokyo@example.co.jp', role: 'manager', initialPassword: 'haru-no-umi-hinemosu-0', password: 'natsu-kusa-ya-tsuwamono-domo', groupIds: [tokyo] },
      vault.clock,
    );
    expect((await must(vault.core, manager, 'invitations.issue', { registrantIds: [inTokyo] })).links).toHaveLength(1);
    for (const other of [inOsaka, nowhere]) {
      for (const [channel, input] of [
        ['invitations.issue', { registrantIds: [inTokyo, other] }],
        ['invitations.revoke', { registrantId: other }],
        ['invitations.list', { registrantId: other }],
      ] as const) {
        expect(await vault.core.call(manager, channel, input), channel).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', messageKey: 'errors.registrants.notFound' } });
      }
    }
    // The refused batch issued nothing, not even for the registrant within reach.
    expect((await must(vault.core, manager, 'invitations.list', { registrantId: inTokyo })).rows).toHaveLength(1);
    // The passcode and the listener stay the admin's.
    expect(await vault.core.call(manager, 'collection.configure', { companyName: 'x', requireBirthDate: false, linkValidDays: 14 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await vault.core.call(manager, 'lan.configure', { enabled: false, host: '127.0.0.1' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await must(vault.core, manager, 'lan.status', {})).toMatchObject({ running: true, fingerprint: vault.fingerprint });
  });
});

describe('the company passcode', () => {
  it('needs the password re-entered, is kept hashed, never returned, and only named in the trail', async () => {
    await vault.advance(6 * 60_000);
    const input = { companyName: '株式会社テスト', passcode: 'new-passcode-77', requireBirthDate: false, linkValidDays: 14 };
    expect(await vault.core.call(vault.admin, 'collection.configure', input)).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    await must(vault.core, vault.admin, 'auth.reauth', { password: ADMIN.password });
    await must(vault.core, vault.admin, 'collection.configure', input);
    const view = await must(vault.core, vault.admin, 'collection.getSettings', {});
    expect(view).toEqual({ companyName: '株式会社テスト', passcodeSet: true, requireBirthDate: false, linkValidDays: 14 });
    const audit = await must(vault.core, vault.admin, 'audit.query', { filter: { action: 'collection.configure' }, limit: 1 });
    expect(audit.rows[0].detail).toEqual({ changed: 'passcode', requireBirthDate: false, linkValidDays: 14 });
    expect(JSON.stringify(audit)).not.toContain('new-passcode-77');
    const raw = await openRawDb(vault.dataDir, vault.core.vaultId);
    try {
      const stored = (raw.prepare("SELECT value FROM settings WHERE key = 'collection'").get() as { value: string }).value;
      expect(stored).not.toContain('new-passcode-77');
      expect(JSON.parse(stored).passcodeHash).toMatch(/^\$argon2id\$/);
    } finally {
      raw.close();
    }
    const id = await newRegistrant(vault.core, vault.admin, { familyName: '新旧', familyNameKana: 'シンキュウ' });
    const link = await issueLink(vault.core, vault.admin, id);
    expect((await openLink(vault, { token: link.token, passcode: PASSCODE })).json).toMatchObject({ ok: false });
    expect((await openLink(vault, { token: link.token, passcode: 'new-passcode-77' })).json).toMatchObject({ ok: true });
    expect(await vault.core.call(vault.admin, 'collection.configure', { ...input, passcode: 'short' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
