// My Numbers: HR stores a number checked by its check digit (full-width digits and hyphens
// accepted), the registrant becomes 完了, the same number cannot be held twice, and looking at
// it needs the password re-entered and a purpose of use, both on record. The number is sealed
// at rest: no column holds it, a sealed value moved to another row does not open, and a
// viewer can neither store nor see one.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import type { Core } from '../../src-main/core/index';
import type { Db } from '../../src-main/core/platform/db/open';
import { ADMIN, VIEWER, must, openTestCore, setupAdmin, testClock } from '../support/vault';
import { openRawDb } from '../support/raw-db';
import { generateMyNumber } from '../support/numbers';

const clock = testClock();
let core: Core;
let dataDir: string;
let admin: string;
let rawDb: Db;

const person = { familyName: '中村', givenName: '優子', familyNameKana: 'ナカムラ', givenNameKana: 'ユウコ', attributes: ['employee'] };
const numberA = generateMyNumber(101);
const numberB = generateMyNumber(202);
/** Same first 11 digits as numberA with the wrong check digit. */
const mistyped = numberA.slice(0, 11) + ((Number(numberA[11]) + 1) % 10);

async function newRegistrant(): Promise<string> {
  return (await must(core, admin, 'registrants.create', person)).id;
}

function storedNumbers(): number {
  return (rawDb.prepare('SELECT count(*) AS n FROM my_numbers').get() as { n: number }).n;
}

beforeAll(async () => {
  ({ core, dataDir } = await openTestCore(undefined, { clock }));
  admin = (await setupAdmin(core, clock)).session;
  rawDb = await openRawDb(dataDir, core.vaultId);
});
afterAll(async () => {
  rawDb.close();
  await core.close();
});

describe('storing a number', () => {
  it('accepts 12 digits with a valid check digit, marks the registrant 完了 and audits without the number', async () => {
    const id = await newRegistrant();
    await must(core, admin, 'mynumber.set', { subject: { registrantId: id }, myNumber: numberA });
    const { registrant } = await must(core, admin, 'registrants.get', { id });
    expect(registrant).toMatchObject({ status: 'completed', hasMyNumber: true });
    expect(registrant).not.toHaveProperty('myNumber');
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'mynumber.set', targetId: id } });
    expect(audit.rows[0]).toMatchObject({ targetType: 'registrant', detail: { outcome: 'added', fromStatus: 'unregistered', toStatus: 'completed' } });
  });

  it('accepts full-width digits, spaces and hyphens as typed from a card', async () => {
    const id = await newRegistrant();
    const typed = `${numberB.slice(0, 4)}-${numberB.slice(4, 8)} ${numberB.slice(8)}`.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    await must(core, admin, 'mynumber.set', { subject: { registrantId: id }, myNumber: typed });
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const { myNumber } = await must(core, admin, 'mynumber.reveal', { subject: { registrantId: id }, purposeId: 'withholding_slip' });
    expect(myNumber).toBe(numberB);
  });

  it.each([
    ['a wrong check digit', mistyped, 'マイナンバーの検査用数字（12桁目）が一致しません。番号を確かめてください'],
    ['11 digits', numberA.slice(0, 11), 'マイナンバーは12桁の数字で入力してください'],
    ['letters', 'abcdefghijkl', 'マイナンバーは12桁の数字で入力してください'],
  ])('refuses %s with a message that does not repeat the input, storing nothing', async (_what, typed, message) => {
    const id = await newRegistrant();
    const before = storedNumbers();
    const r = await core.call(admin, 'mynumber.set', { subject: { registrantId: id }, myNumber: typed });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message } });
    expect(JSON.stringify(r)).not.toContain(typed);
    expect(storedNumbers()).toBe(before);
    expect((await must(core, admin, 'registrants.get', { id })).registrant.status).toBe('unregistered');
  });

  it('refuses a number already held by another registrant, found through the blind index', async () => {
    const id = await newRegistrant();
    const before = storedNumbers();
    expect(await core.call(admin, 'mynumber.set', { subject: { registrantId: id }, myNumber: numberA })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(storedNumbers()).toBe(before);
    expect((await must(core, admin, 'registrants.get', { id })).registrant).toMatchObject({ status: 'unregistered', hasMyNumber: false });
  });

  it('corrects a registrant’s own number once an admin has unlocked the completed record, and storing the same one again changes nothing', async () => {
    const id = await newRegistrant();
    const first = generateMyNumber(303);
    const corrected = generateMyNumber(304);
    await must(core, admin, 'mynumber.set', { subject: { registrantId: id }, myNumber: first });
    expect(await core.call(admin, 'mynumber.set', { subject: { registrantId: id }, myNumber: corrected })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    await must(core, admin, 'registrants.unlock', { registrantId: id, reason: '番号の入力誤り' });
    await must(core, admin, 'mynumber.set', { subject: { registrantId: id }, myNumber: corrected });
    await must(core, admin, 'mynumber.set', { subject: { registrantId: id }, myNumber: corrected });
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'mynumber.set', targetId: id, outcome: 'success' } });
    expect(audit.rows.map((r: { detail: { outcome: string } }) => r.detail.outcome)).toEqual(['unchanged', 'replaced', 'added']);
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    expect((await must(core, admin, 'mynumber.reveal', { subject: { registrantId: id }, purposeId: 'social_insurance' })).myNumber).toBe(corrected);
    // The old number is free again for its rightful holder.
    await must(core, admin, 'mynumber.set', { subject: { registrantId: await newRegistrant() }, myNumber: first });
  });

  it('refuses an unknown registrant', async () => {
    expect(await core.call(admin, 'mynumber.set', { subject: { registrantId: 'nobody' }, myNumber: generateMyNumber(9) })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '登録者が見つかりません' },
    });
  });
});

describe('revealing a number', () => {
  let id: string;
  const number = generateMyNumber(404);

  beforeAll(async () => {
    id = await newRegistrant();
    await must(core, admin, 'mynumber.set', { subject: { registrantId: id }, myNumber: number });
  });

  it('lists the purposes of use', async () => {
    const { rows } = await must(core, admin, 'purposes.list', {});
    expect(rows.map((r: { id: string }) => r.id)).toContain('withholding_slip');
    expect(rows[0]).toEqual({ id: 'withholding_slip', label: '給与所得・退職所得の源泉徴収票作成事務' });
  });

  it('needs the password re-entered within the last 5 minutes', async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    clock.advance(5 * 60 * 1000 + 1000);
    await must(core, admin, 'auth.keepAlive', {});
    expect(await core.call(admin, 'mynumber.reveal', { subject: { registrantId: id }, purposeId: 'withholding_slip' })).toMatchObject({
      ok: false,
      error: { code: 'REAUTH_REQUIRED' },
    });
  });

  it('needs a known purpose of use', async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    expect(await core.call(admin, 'mynumber.reveal', { subject: { registrantId: id }, purposeId: 'curiosity' })).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: '利用目的を選んでください', messageKey: 'errors.mynumber.purposeRequired' },
    });
  });

  it('returns the number and records who looked, at whom and why — never the number', async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const { myNumber } = await must(core, admin, 'mynumber.reveal', { subject: { registrantId: id }, purposeId: 'employment_insurance' });
    expect(myNumber).toBe(number);
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'mynumber.reveal', targetId: id } });
    expect(audit.rows[0]).toMatchObject({
      actorLabel: ADMIN.loginId,
      outcome: 'success',
      targetType: 'registrant',
      targetId: id,
      detail: { purposeId: 'employment_insurance', purpose: '雇用保険の届出事務' },
    });
    expect(JSON.stringify(rawDb.prepare('SELECT * FROM audit_log').all())).not.toContain(number);
  });

  it('answers NOT_FOUND for a registrant without a number', async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    expect(await core.call(admin, 'mynumber.reveal', { subject: { registrantId: await newRegistrant() }, purposeId: 'withholding_slip' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('a number at rest', () => {
  it('is in no column of any table in plain form, and not in the data directory’s files', async () => {
    const numbers = [numberA, numberB, generateMyNumber(404)];
    const tables = (rawDb.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    // The scan below looks at the rows that hold the sealed numbers, and at the audit trail.
    expect(tables).toEqual(expect.arrayContaining(['my_numbers', 'audit_log', 'registrants']));
    expect(storedNumbers()).toBeGreaterThanOrEqual(numbers.length);
    for (const table of tables) {
      const rows = rawDb.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
      for (const row of rows) {
        for (const value of Object.values(row)) {
          const text = Buffer.isBuffer(value) ? value.toString('latin1') : String(value);
          for (const n of numbers) expect(text, `${table} holds a number`).not.toContain(n);
        }
      }
    }
    for (const file of fs.readdirSync(dataDir, { recursive: true }) as string[]) {
      const full = path.join(dataDir, file);
      if (!fs.statSync(full).isFile()) continue;
      const bytes = fs.readFileSync(full);
      for (const n of numbers) {
        expect(bytes.includes(Buffer.from(n, 'utf8')), `${file} holds a number`).toBe(false);
        expect(bytes.includes(Buffer.from(n, 'utf16le')), `${file} holds a number (UTF-16)`).toBe(false);
      }
    }
  });

  it('does not open when its sealed value is moved onto another registrant', async () => {
    const victim = await newRegistrant();
    const other = await newRegistrant();
    await must(core, admin, 'mynumber.set', { subject: { registrantId: victim }, myNumber: generateMyNumber(505) });
    await must(core, admin, 'mynumber.set', { subject: { registrantId: other }, myNumber: generateMyNumber(506) });
    const sealed = rawDb.prepare("SELECT sealed FROM my_numbers WHERE subject_id = ?").get(victim) as { sealed: Buffer };
    rawDb.prepare('UPDATE my_numbers SET sealed = ? WHERE subject_id = ?').run(sealed.sealed, other);
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    const r = await core.call(admin, 'mynumber.reveal', { subject: { registrantId: other }, purposeId: 'withholding_slip' });
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: '処理中にエラーが発生しました。しばらくしてから再度お試しください', messageKey: 'errors.internal' } });
    const audit = await must(core, admin, 'audit.query', { filter: { action: 'mynumber.reveal', targetId: other } });
    expect(audit.total).toBe(0);
  });
});

describe('a viewer', () => {
  let viewer: string;
  let id: string;

  beforeAll(async () => {
    await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    await must(core, admin, 'users.create', { ...VIEWER, role: 'viewer', secondFactor: 'totp' });
    viewer = core.openSession();
    const login = await must(core, viewer, 'auth.login', { loginId: VIEWER.loginId, password: VIEWER.initialPassword });
    await must(core, viewer, 'auth.verify', { challengeId: login.challengeId, code: await generate({ secret: login.enrolment.secret, epoch: Math.floor(clock.now().getTime() / 1000) }) });
    await must(core, viewer, 'account.changePassword', { currentPassword: VIEWER.initialPassword, newPassword: `${VIEWER.initialPassword}-renewed` });
    id = await newRegistrant();
    await must(core, admin, 'mynumber.set', { subject: { registrantId: id }, myNumber: generateMyNumber(606) });
  });

  it('lists and opens registrants, learning only whether a number is held', async () => {
    const { rows } = await must(core, viewer, 'registrants.list', {});
    expect(rows.find((r: { id: string }) => r.id === id)).toMatchObject({ hasMyNumber: true });
    expect(JSON.stringify(rows)).not.toContain(generateMyNumber(606));
    expect((await must(core, viewer, 'registrants.get', { id })).registrant.hasMyNumber).toBe(true);
  });

  it('is refused revealing, storing and listing purposes, even after re-entering the password, and each refusal is audited', async () => {
    await must(core, viewer, 'auth.reauth', { password: `${VIEWER.initialPassword}-renewed` });
    const calls = [
      ['mynumber.reveal', { subject: { registrantId: id }, purposeId: 'withholding_slip' }],
      ['mynumber.set', { subject: { registrantId: id }, myNumber: generateMyNumber(707) }],
      ['purposes.list', {}],
      ['registrants.create', person],
    ] as const;
    for (const [channel, input] of calls) {
      expect(await core.call(viewer, channel, input)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'この操作を行う権限がありません', messageKey: 'errors.forbidden' } });
    }
    const denied = await must(core, admin, 'audit.query', { filter: { action: 'access.denied' }, limit: calls.length });
    expect(denied.rows.map((r: { detail: { channel: string } }) => r.detail.channel).reverse()).toEqual(calls.map(([c]) => c));
  });
});
