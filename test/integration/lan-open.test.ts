// POST /c/api/open over the real listener: a refused link answers the same, in body and
// status, and with the same argon2 verification (so in the same time), whether its token is unknown, expired, revoked, replaced,
// completed, locked or blocked, or the passcode is wrong; nothing personal before the
// passcode; passcode failures throttled per link even when thirty arrive at once (5 → locked
// 15 minutes, 20 → blocked until HR issues a new link) and per client address; a session
// reaches its own registrant only; every attempt audited with the client's address and user
// agent, and no token or passcode in the trail, the logs or the data directory.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Passwords from '../../src-main/core/modules/auth/passwords';
import { formatMessage } from '../../src-shared/messages';
import { generateMyNumber } from '../support/numbers';
import { issueLink, newRegistrant, openLanVault, openLink, PASSCODE, phoneRequest, type LanVault } from '../support/lan';
import { ADMIN, must } from '../support/vault';

const REFUSED = {
  ok: false,
  error: { code: 'FORBIDDEN', message: formatMessage('ja', 'errors.collection.linkRefused'), messageKey: 'errors.collection.linkRefused' },
};
const DAY = 24 * 60 * 60 * 1000;

let vault: LanVault;
const errors: string[] = [];
const secrets: string[] = [PASSCODE];

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.map(String).join(' ')));
  // The listener's own per-minute limit (tested in lan-listener) is lifted here: these tests open often.
  vault = await openLanVault({ opensPerMinute: 10_000, requestsPerMinute: 10_000 });
});
// Each test starts past the failures the ones before left on this client address.
beforeEach(() => vault.advance(16 * 60_000));
afterAll(async () => {
  await vault.core.close();
  vi.restoreAllMocks();
});

const auditRows = async (filter: Record<string, unknown>) => (await must(vault.core, vault.admin, 'audit.query', { filter, limit: 1000 })).rows as any[];

async function person(familyName: string, familyNameKana: string, fields: Record<string, unknown> = {}) {
  const id = await newRegistrant(vault.core, vault.admin, { familyName, familyNameKana, ...fields });
  const link = await issueLink(vault.core, vault.admin, id);
  secrets.push(link.token);
  return { id, ...link };
}

// The real verification, counted: which hash each open verified against (never a stand-in).
const verified = vi.hoisted(() => ({ hashes: [] as string[] }));
vi.mock('../../src-main/core/modules/auth/passwords', async (importOriginal) => {
  const real = await importOriginal<typeof Passwords>();
  return {
    ...real,
    verifyPassword: (hash: string, password: string) => {
      verified.hashes.push(hash);
      return real.verifyPassword(hash, password);
    },
  };
});

/** An argon2 hash's algorithm and cost (`$argon2id$v=19$m=…,t=…,p=…`), without its salt and digest. */
const argon2Cost = (hash: string) => hash.split('$').slice(0, 4).join('$');

describe('opening a link', () => {
  it('opens with the passcode: a session, the name and the state, and nothing before it', async () => {
    const p = await person('佐藤', 'サトウ');
    const wrong = await openLink(vault, { token: p.token, passcode: 'not-the-passcode' });
    expect(wrong.status).toBe(403);
    expect(wrong.json).toEqual(REFUSED);
    expect(wrong.text).not.toContain('佐藤');
    const r = await openLink(vault, { token: p.token, passcode: PASSCODE });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ ok: true, value: { session: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), registrant: { displayName: '佐藤 太郎' }, state: 'open' } });
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('answers unknown, expired, revoked, replaced, completed, locked and blocked links exactly like a wrong passcode, after the same argon2 verification', async () => {
    const expired = await person('期限', 'キゲン');
    const revoked = await person('取消', 'トリケシ');
    const replaced = await person('再発行', 'サイハッコウ');
    const completed = await person('完了', 'カンリョウ');
    const blocked = await person('停止', 'テイシ');
    const live = await person('有効', 'ユウコウ');
    await must(vault.core, vault.admin, 'invitations.revoke', { registrantId: revoked.id });
    await issueLink(vault.core, vault.admin, replaced.id);
    await must(vault.core, vault.admin, 'mynumber.set', { subject: { registrantId: completed.id }, myNumber: generateMyNumber(9001) });
    for (let i = 0; i < 20; i++) {
      await openLink(vault, { token: blocked.token, passcode: `wrong-${i}` });
      if ((i + 1) % 5 === 0) await vault.advance(16 * 60_000);
    }
    // Past the 14 days of every link above; `live` gets a new one, then is locked by five failures.
    await vault.advance(15 * DAY);
    const current = await issueLink(vault.core, vault.admin, live.id);
    secrets.push(current.token);
    verified.hashes.length = 0;
    const reference = await openLink(vault, { token: current.token, passcode: 'wrong-passcode' });
    // The live link's own passcode hash: what every refusal must cost as much as.
    expect(verified.hashes).toHaveLength(1);
    const passcodeCost = argon2Cost(verified.hashes[0]!);
    expect(passcodeCost).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+$/);
    for (let i = 0; i < 4; i++) await openLink(vault, { token: current.token, passcode: `again-${i}` });

    const cases: Record<string, Record<string, unknown>> = {
      unknown: { token: 'AAAAAAAAAAAAAAAAAAAAAA', passcode: PASSCODE },
      malformed: { token: '../../etc/passwd', passcode: PASSCODE },
      expired: { token: expired.token, passcode: PASSCODE },
      revoked: { token: revoked.token, passcode: PASSCODE },
      replaced: { token: replaced.token, passcode: PASSCODE },
      completed: { token: completed.token, passcode: PASSCODE },
      blocked: { token: blocked.token, passcode: PASSCODE },
      // Locked for 15 minutes: refused even with the right passcode.
      locked: { token: current.token, passcode: PASSCODE },
    };
    const verificationsOf: Record<string, string[][]> = {};
    expect(reference.status).toBe(403);
    expect(reference.json).toEqual(REFUSED);
    const headerNames = (h: Record<string, unknown>) => Object.keys(h).filter((k) => !k.startsWith('x-ratelimit') && k !== 'date').sort();
    for (const [name, body] of Object.entries(cases)) {
      verificationsOf[name] = [];
      // Twice each (the address's limit of 20 failures in 15 minutes allows no more here).
      for (let i = 0; i < 2; i++) {
        verified.hashes.length = 0;
        const r = await openLink(vault, body);
        verificationsOf[name].push(verified.hashes.map(argon2Cost));
        expect(r.status, name).toBe(403);
        expect(r.text, name).toBe(reference.text);
        expect(headerNames(r.headers), name).toEqual(headerNames(reference.headers));
      }
    }
    // Every refusal verified exactly one argon2 hash of the passcode's own cost (a stand-in hash
    // for a link that is not live): none answers before that work, so none answers sooner. A
    // time measured here would only measure the machine's load (it flaked on CI twice).
    const oneVerificationOfThatCost = [[passcodeCost], [passcodeCost]];
    expect(verificationsOf).toEqual({
      unknown: oneVerificationOfThatCost,
      malformed: oneVerificationOfThatCost,
      expired: oneVerificationOfThatCost,
      revoked: oneVerificationOfThatCost,
      replaced: oneVerificationOfThatCost,
      completed: oneVerificationOfThatCost,
      blocked: oneVerificationOfThatCost,
      locked: oneVerificationOfThatCost,
    });

    const reasons = (await auditRows({ action: 'collection.open' })).filter((r) => r.outcome === 'failure').map((r) => r.detail.reason);
    expect(reasons).toEqual(expect.arrayContaining(['unknown_link', 'link_expired', 'link_revoked', 'link_completed', 'locked', 'too_many_failures', 'bad_passcode']));
  });

  it('counts thirty parallel wrong passcodes on one link as thirty in a row: five verified, then locked for 15 minutes', async () => {
    const p = await person('並列', 'ヘイレツ');
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => openLink(vault, { token: p.token, passcode: `guess-${i}` })));
    expect(answers.every((r) => r.status === 403 && JSON.stringify(r.json) === JSON.stringify(REFUSED))).toBe(true);
    const entries = (await auditRows({ action: 'collection.open', targetId: p.id })).filter((r) => r.outcome === 'failure');
    expect(entries.filter((r) => r.detail.reason === 'bad_passcode')).toHaveLength(5);
    expect(entries.filter((r) => r.detail.reason === 'locked')).toHaveLength(25);
    // The right passcode does not open it while it is locked...
    expect((await openLink(vault, { token: p.token, passcode: PASSCODE })).json).toEqual(REFUSED);
    const list = await must(vault.core, vault.admin, 'invitations.list', { registrantId: p.id });
    expect(list.rows[0]).toMatchObject({ state: 'locked', failures: 5 });
    // ...and does once the 15 minutes have passed.
    await vault.advance(15 * 60_000 + 1000);
    expect((await openLink(vault, { token: p.token, passcode: PASSCODE })).json).toMatchObject({ ok: true });
  });

  it('blocks a link at twenty failures until HR issues a new one, which opens', async () => {
    const p = await person('封鎖', 'フウサ');
    for (let round = 0; round < 4; round++) {
      await Promise.all(Array.from({ length: 8 }, (_, i) => openLink(vault, { token: p.token, passcode: `r${round}-${i}` })));
      await vault.advance(15 * 60_000 + 1000);
    }
    const entries = (await auditRows({ action: 'collection.open', targetId: p.id })).filter((r) => r.detail.reason === 'bad_passcode');
    expect(entries).toHaveLength(20);
    expect(entries[0]).toMatchObject({ detail: { failures: 20, blocked: true } });
    expect((await openLink(vault, { token: p.token, passcode: PASSCODE })).json).toEqual(REFUSED);
    const list = await must(vault.core, vault.admin, 'invitations.list', { registrantId: p.id });
    expect(list.rows[0]).toMatchObject({ state: 'blocked', failures: 20 });
    const again = await issueLink(vault.core, vault.admin, p.id);
    secrets.push(again.token);
    expect((await openLink(vault, { token: again.token, passcode: PASSCODE })).json).toMatchObject({ ok: true, value: { registrant: { displayName: '封鎖 太郎' } } });
  });

  it('asks for the registered birth date too when the setting says so', async () => {
    await must(vault.core, vault.admin, 'auth.reauth', { password: ADMIN.password });
    await must(vault.core, vault.admin, 'collection.configure', { companyName: '株式会社テスト', requireBirthDate: true, linkValidDays: 14 });
    try {
      const p = await person('誕生', 'タンジョウ', { birthDate: '1985-04-01' });
      expect((await openLink(vault, { token: p.token, passcode: PASSCODE })).json).toEqual(REFUSED);
      expect((await openLink(vault, { token: p.token, passcode: PASSCODE, birthDate: '1985-04-02' })).json).toEqual(REFUSED);
      expect((await openLink(vault, { token: p.token, passcode: PASSCODE, birthDate: '昭和60年4月1日' })).json).toMatchObject({ ok: true });
      const reasons = (await auditRows({ action: 'collection.open', targetId: p.id })).map((r) => r.detail.reason ?? 'ok');
      expect(reasons).toEqual(['ok', 'bad_birth_date', 'bad_birth_date']);
    } finally {
      await must(vault.core, vault.admin, 'auth.reauth', { password: ADMIN.password });
      await must(vault.core, vault.admin, 'collection.configure', { companyName: '株式会社テスト', requireBirthDate: false, linkValidDays: 14 });
    }
  });

  it('audits every attempt with the client address and user agent, targeting the registrant', async () => {
    const p = await person('監査', 'カンサ');
    await openLink(vault, { token: p.token, passcode: 'wrong-one' }, { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) TestPhone' });
    await openLink(vault, { token: p.token, passcode: PASSCODE }, { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) TestPhone' });
    const rows = await auditRows({ action: 'collection.open', targetId: p.id });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({ actorId: null, targetType: 'registrant', targetId: p.id, detail: { clientAddress: '127.0.0.1', userAgent: 'Mozilla/5.0 (Linux; Android 14) TestPhone' } });
    }
    expect(rows.map((r) => r.outcome)).toEqual(['success', 'failure']);
  });
});

describe('sessions', () => {
  it('reach their own registrant only, end when the link is issued again, and open no staff channel', async () => {
    const a = await person('甲', 'コウ');
    const b = await person('乙', 'オツ');
    const sessionA = (await openLink(vault, { token: a.token, passcode: PASSCODE })).json.value.session as string;
    const sessionB = (await openLink(vault, { token: b.token, passcode: PASSCODE })).json.value.session as string;
    const state = (session: string) => phoneRequest(vault, 'POST', '/c/api/state', {}, { authorization: `Bearer ${session}` });
    expect((await state(sessionA)).json).toEqual({ ok: true, value: { registrant: { displayName: '甲 太郎' }, state: 'open' } });
    expect((await state(sessionB)).json).toEqual({ ok: true, value: { registrant: { displayName: '乙 太郎' }, state: 'open' } });
    const views = await auditRows({ action: 'collection.view', targetId: a.id });
    expect(views).toHaveLength(1);

    // A phone session is no session of the core's: no staff channel answers it.
    for (const channel of ['registrants.get', 'registrants.list', 'submissions.list', 'auth.me']) {
      expect(await vault.core.call(sessionA, channel, { id: b.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.badSession' } });
    }
    // No session, a made-up one: refused alike.
    for (const headers of [{}, { authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, { authorization: sessionA }] as Record<string, string>[]) {
      const r = await phoneRequest(vault, 'POST', '/c/api/state', {}, headers);
      expect(r.json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.collection.sessionGone' } });
    }
    // Issued again: the old link and its session are done; B's goes on.
    await issueLink(vault.core, vault.admin, a.id);
    expect((await state(sessionA)).json).toMatchObject({ ok: false, error: { messageKey: 'errors.collection.sessionGone' } });
    expect((await state(sessionB)).json).toMatchObject({ ok: true });
    expect((await openLink(vault, { token: a.token, passcode: PASSCODE })).json).toEqual(REFUSED);
    // Idle for 20 minutes, a session ends.
    await vault.advance(21 * 60_000);
    expect((await state(sessionB)).json).toMatchObject({ ok: false, error: { messageKey: 'errors.collection.sessionGone' } });
  });

  it("tells a returned registrant HR's reason, and a pending one that it is submitted", async () => {
    const p = await person('差戻', 'サシモドシ');
    await must(vault.core, vault.admin, 'auth.reauth', { password: ADMIN.password });
    await must(vault.core, vault.admin, 'submissions.configure', { proxyApproval: 'required' });
    const s = await must(vault.core, vault.admin, 'submissions.createProxy', { registrantId: p.id, myNumber: generateMyNumber(9101) });
    expect((await openLink(vault, { token: p.token, passcode: PASSCODE })).json).toMatchObject({ ok: true, value: { state: 'submitted' } });
    await must(vault.core, vault.admin, 'submissions.return', { id: s.id, reason: '写真が不鮮明です' });
    const r = await openLink(vault, { token: p.token, passcode: PASSCODE });
    expect(r.json).toMatchObject({ ok: true, value: { state: 'returned', returnReason: '写真が不鮮明です' } });
    await must(vault.core, vault.admin, 'auth.reauth', { password: ADMIN.password });
    await must(vault.core, vault.admin, 'submissions.configure', { proxyApproval: 'auto' });
  });
});

describe('what is kept', () => {
  it('holds no token and no passcode in the audit trail, the logs or any file of the data directory', async () => {
    const all = await auditRows({});
    const trail = JSON.stringify(all);
    for (const secret of secrets) expect(trail).not.toContain(secret);
    const log = errors.join('\n');
    for (const secret of secrets) expect(log).not.toContain(secret);
    for (const file of fs.readdirSync(vault.dataDir, { recursive: true }) as string[]) {
      const full = path.join(vault.dataDir, file);
      if (!fs.statSync(full).isFile()) continue;
      const bytes = fs.readFileSync(full);
      for (const secret of secrets) expect(bytes.includes(Buffer.from(secret)), `${file}`).toBe(false);
    }
  });
});
