// One path for a request: the same calls made through the desktop app's IPC wrapper
// (createIpcDispatcher, from a main frame on app://vault, relaying to a real core in this
// process as main relays to the core host) and through the harness over real HTTP (a child
// process on a data directory of its own) get the same answers and leave the same audit trail.
// Main checks frame, origin and channel name only; the core alone validates and decides, so a
// viewer's malformed call is refused for the role and audited in both, not turned away by main
// before the core could record it. Only ids and timestamps are normalised.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, createFileKeyStore } from '../../src-main/core/index';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../src-main/electron/app-origin';
import { createIpcDispatcher, type IpcCallerEvent } from '../../src-main/electron/ipc';
import type { Result } from '../../src-shared/errors';
import { HarnessClient } from '../harness/support/client';
import { startHarness } from '../harness/support/spawn';
import { codeForStep, currentStep, freshCode } from '../harness/support/totp';
import { generateMyNumber } from '../support/numbers';
import { TEST_PASSPHRASE, tempDir } from '../support/vault';

/** One window of the app (or one browser tab of the harness): a session of its own. */
type Call = (channel: string, input: unknown) => Promise<Result<unknown>>;

interface Adapter {
  readonly name: 'ipc' | 'http';
  window(): Call;
  close(): Promise<void>;
}

/** A fake IpcMainInvokeEvent from the main frame of the app's page in webContents `id`. */
function appFrameEvent(id: number): IpcCallerEvent {
  const mainFrame = { url: APP_ENTRY_URL };
  return { senderFrame: mainFrame, sender: { id, mainFrame } };
}

/** The desktop app's path: IPC wrapper -> relay (structured clone, as over the MessagePort) -> core. */
async function ipcAdapter(): Promise<Adapter> {
  const dataDir = tempDir('mnv-one-path-ipc-');
  const core = await createCore({ dataDir, keyStore: createFileKeyStore({ dataDir, passphrase: TEST_PASSPHRASE }) });
  const sessionKeys = new Map<number, string>();
  const dispatch = createIpcDispatcher({
    appOrigin: APP_ORIGIN,
    relay: async (sessionKey, channel, input) => structuredClone(await core.call(sessionKey, channel, structuredClone(input))),
    sessionKeyFor: (id) => sessionKeys.get(id),
  });
  let webContentsId = 0;
  return {
    name: 'ipc',
    window() {
      const event = appFrameEvent(++webContentsId);
      sessionKeys.set(event.sender.id, core.openSession());
      return (channel, input) => dispatch(event, channel, structuredClone(input));
    },
    async close() {
      await core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The harness's path: POST /__ipc/<channel> from the page's origin, the session in a cookie. */
async function httpAdapter(): Promise<Adapter> {
  const dataDir = tempDir('mnv-one-path-http-');
  const harness = await startHarness({ dataDir, passphrase: TEST_PASSPHRASE });
  return {
    name: 'http',
    window() {
      const client = new HarnessClient(harness.url);
      return async (channel, input) => {
        const response = await client.post(`/__ipc/${channel}`, input);
        if (response.status !== 200) throw new Error(`/__ipc/${channel}: HTTP ${response.status}`);
        return (await response.json()) as Result<unknown>;
      };
    },
    async close() {
      await harness.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const ADMIN_USER = { loginId: 'one-path-admin', displayName: '経路 管理者', email: 'one-path-admin@example.co.jp', password: 'hitotsu-no-michi-kanri-2026' };
const VIEWER_USER = {
  loginId: 'one-path-viewer',
  displayName: '経路 閲覧者',
  email: 'one-path-viewer@example.co.jp',
  initialPassword: 'kari-no-michi-etsuran-2026',
  password: 'hitotsu-no-michi-etsuran-2026',
};

type Who = 'admin' | 'viewer' | 'anonymous';

interface Vault {
  adapter: Adapter;
  as: Record<Who, Call>;
}

async function value(call: Call, channel: string, input: unknown): Promise<any> {
  const result = await call(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** The same users in each vault, made the same way: the first admin by setup, a viewer by users.create. */
async function populate(adapter: Adapter): Promise<Vault> {
  const admin = adapter.window();
  const created = await value(admin, 'setup.createAdmin', ADMIN_USER);
  await value(admin, 'setup.confirmTotp', { code: await codeForStep(created.totp.secret, currentStep() - 1) });
  const adminLogin = await value(admin, 'auth.login', { loginId: ADMIN_USER.loginId, password: ADMIN_USER.password });
  await value(admin, 'auth.verify', { challengeId: adminLogin.challengeId, code: (await freshCode(created.totp.secret)).code });
  await value(admin, 'auth.reauth', { password: ADMIN_USER.password });
  const { password: viewerPassword, ...viewerFields } = VIEWER_USER;
  await value(admin, 'users.create', { ...viewerFields, role: 'viewer', secondFactor: 'totp' });

  const viewer = adapter.window();
  const viewerLogin = await value(viewer, 'auth.login', { loginId: VIEWER_USER.loginId, password: VIEWER_USER.initialPassword });
  await value(viewer, 'auth.verify', { challengeId: viewerLogin.challengeId, code: (await freshCode(viewerLogin.enrolment.secret)).code });
  await value(viewer, 'account.changePassword', { currentPassword: VIEWER_USER.initialPassword, newPassword: viewerPassword });
  return { adapter, as: { admin, viewer, anonymous: adapter.window() } };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** What must differ between two vaults: ids and timestamps. Everything else stays as it came. */
function normalise(value: unknown): unknown {
  if (typeof value === 'string') return UUID.test(value) ? '<id>' : ISO_TIME.test(value) ? '<time>' : value;
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  return value;
}

let vaults: Vault[] = [];

/** Makes the call in both vaults, checks the two answers are the same once normalised, and returns it. */
async function onBoth(who: Who, channel: string, input: unknown): Promise<unknown> {
  const [ipc, http] = await Promise.all(vaults.map((v) => v.as[who](channel, input)));
  expect(normalise(http), `${channel} as ${who}: http answered differently from ipc`).toEqual(normalise(ipc));
  return normalise(ipc);
}

let adapters: Adapter[] = [];

beforeAll(async () => {
  const opened = await Promise.allSettled([ipcAdapter(), httpAdapter()]);
  adapters = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  for (const o of opened) if (o.status === 'rejected') throw o.reason;
  vaults = await Promise.all(adapters.map(populate));
});
afterAll(async () => {
  await Promise.all(adapters.map((a) => a.close()));
});

/** The newest access.denied entry of each vault, normalised, as the admin reads it. */
async function lastDenial(): Promise<unknown[]> {
  return Promise.all(
    vaults.map(async (v) => normalise((await value(v.as.admin, 'audit.query', { filter: { action: 'access.denied' }, limit: 1 })).rows[0])),
  );
}

const FORBIDDEN = { ok: false, error: { code: 'FORBIDDEN', message: 'この操作を行う権限がありません', messageKey: 'errors.forbidden' } };
const REGISTRANT_NOT_FOUND = { ok: false, error: { code: 'NOT_FOUND', message: '登録者が見つかりません', messageKey: 'errors.registrants.notFound' } };

describe('one path for a request: the app (IPC) and the harness (HTTP) answer alike', () => {
  it('runs every call below through both adapters', () => {
    expect(vaults.map((v) => v.adapter.name)).toEqual(['ipc', 'http']);
  });

  it('refuses malformed input with the same VALIDATION: message, key and issues', async () => {
    const input = { familyName: '', givenName: '太郎', familyNameKana: 'Yamada', givenNameKana: 'タロウ', email: 'not-an-address', attributes: ['employee'] };
    expect(await onBoth('admin', 'registrants.create', input)).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: '姓を入力してください／セイ（フリガナ）はカタカナ（またはひらがな）で入力してください／メールアドレスの形式が正しくありません',
        messageKey: 'validation.required',
        params: { field: 'familyName', minimum: 1 },
        issues: [
          { path: 'familyName', key: 'validation.required', params: { field: 'familyName', minimum: 1 } },
          { path: 'familyNameKana', key: 'validation.katakana', params: { field: 'familyNameKana' } },
          { path: 'email', key: 'validation.email', params: { field: 'email' } },
        ],
      },
    });
    expect(await onBoth('admin', 'registrants.list', { limit: 100000 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'limit' }] } });
    expect(await onBoth('admin', 'setup.status', { unexpected: true })).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: '想定していない項目が含まれています',
        messageKey: 'validation.unknownField',
        issues: [{ path: '', key: 'validation.unknownField' }],
      },
    });
    // Not an object at all, from a caller who is not signed in: a sentence without a field.
    expect(await onBoth('anonymous', 'auth.login', 'loginId=hr&password=x')).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: '入力内容に誤りがあります', messageKey: 'errors.invalidInput', issues: [{ path: '', key: 'errors.invalidInput' }] },
    });
    // A value of the wrong kind is not called missing.
    expect(await onBoth('anonymous', 'auth.login', { loginId: 'hr-staff', password: 42 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'パスワードの値が正しくありません', issues: [{ path: 'password', key: 'validation.invalid' }] },
    });
  });

  it("refuses a viewer's forbidden call with malformed input as FORBIDDEN, and audits it as access.denied in both vaults", async () => {
    expect(await onBoth('viewer', 'registrants.create', { familyName: 42 })).toEqual(FORBIDDEN);
    const denial = {
      actorId: '<id>',
      actorLabel: VIEWER_USER.loginId,
      action: 'access.denied',
      outcome: 'denied',
      targetType: null,
      targetId: null,
      targetLabel: null,
      detail: { channel: 'registrants.create', role: 'viewer', reason: 'role' },
    };
    const [ipc, http] = await lastDenial();
    expect(ipc).toMatchObject(denial);
    expect(http).toMatchObject(denial);
    expect(http).toEqual(ipc);

    expect(await onBoth('viewer', 'mynumber.reveal', { subject: 'everyone' })).toEqual(FORBIDDEN);
    const [ipcReveal, httpReveal] = await lastDenial();
    expect(ipcReveal).toMatchObject({ ...denial, detail: { channel: 'mynumber.reveal', role: 'viewer', reason: 'role' } });
    expect(httpReveal).toEqual(ipcReveal);
  });

  it('asks for the password again (REAUTH_REQUIRED) after checking the input, and audits the refusal in both vaults', async () => {
    expect(await onBoth('viewer', 'account.changeEmail', { email: 'not-an-address' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', messageKey: 'validation.email', issues: [{ path: 'email', key: 'validation.email' }] },
    });
    expect(await onBoth('viewer', 'account.changeEmail', { email: 'one-path-viewer-2@example.co.jp' })).toEqual({
      ok: false,
      error: { code: 'REAUTH_REQUIRED', message: 'この操作にはパスワードの再入力が必要です', messageKey: 'errors.reauthRequired' },
    });
    const [ipc, http] = await lastDenial();
    expect(ipc).toMatchObject({ actorLabel: VIEWER_USER.loginId, outcome: 'denied', detail: { channel: 'account.changeEmail', reason: 'reauth_required' } });
    expect(http).toEqual(ipc);
  });

  it('answers NOT_FOUND for an unknown registrant, whatever the call', async () => {
    const unknown = 'no-such-registrant';
    const fields = { familyName: '山田', givenName: '太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', attributes: ['employee'] };
    expect(await onBoth('admin', 'registrants.get', { id: unknown })).toEqual(REGISTRANT_NOT_FOUND);
    expect(await onBoth('admin', 'registrants.update', { id: unknown, ...fields })).toEqual(REGISTRANT_NOT_FOUND);
    expect(await onBoth('admin', 'mynumber.set', { subject: { registrantId: unknown }, myNumber: generateMyNumber(5150) })).toEqual(REGISTRANT_NOT_FOUND);
    // The admin re-entered the password when creating the viewer, minutes ago at most.
    expect(await onBoth('admin', 'mynumber.reveal', { subject: { registrantId: unknown }, purposeId: 'withholding_slip' })).toEqual(REGISTRANT_NOT_FOUND);
  });

  it('refuses a caller who is not signed in, and answers a good call with the same value', async () => {
    expect(await onBoth('anonymous', 'audit.query', {})).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'ログインしてください', messageKey: 'errors.loginRequired' } });
    const fields = { employeeCode: 'P-001', familyName: '経路', givenName: '一', familyNameKana: 'ケイロ', givenNameKana: 'ハジメ', attributes: ['employee'] };
    expect(await onBoth('admin', 'registrants.create', fields)).toEqual({ ok: true, value: { id: '<id>' } });
    expect(await onBoth('viewer', 'registrants.list', { filter: { text: 'P-001' } })).toMatchObject({
      ok: true,
      value: { total: 1, rows: [{ ...fields, id: '<id>', status: 'unregistered', hasMyNumber: false, createdAt: '<time>', updatedAt: '<time>' }] },
    });
  });

  it('refuses an unknown channel with NOT_FOUND in both (main turns it away itself, in its own words)', async () => {
    const [ipc, http] = await Promise.all(vaults.map((v) => v.as.admin('vault.dumpEverything', {})));
    expect(ipc).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(http).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('leaves the same audit trail in both vaults, entry for entry', async () => {
    const trail = (await onBoth('admin', 'audit.query', { limit: 1000 })) as { ok: true; value: { rows: { seq: number; action: string; outcome: string; detail: unknown }[]; total: number } };
    const entries = trail.value.rows.map((r) => [r.seq, r.action, r.outcome]).reverse();
    expect(entries).toEqual([
      [1, 'setup.createAdmin', 'success'],
      [2, 'account.totpEnrolled', 'success'],
      [3, 'auth.login', 'success'],
      [4, 'auth.verify', 'success'],
      [5, 'auth.reauth', 'success'],
      [6, 'users.create', 'success'],
      [7, 'auth.login', 'success'],
      [8, 'auth.verify', 'success'],
      [9, 'account.changePassword', 'success'],
      [10, 'access.denied', 'denied'], // the viewer's malformed registrants.create
      [11, 'audit.query', 'success'],
      [12, 'access.denied', 'denied'], // the viewer's malformed mynumber.reveal
      [13, 'audit.query', 'success'],
      [14, 'access.denied', 'denied'], // the viewer's account.changeEmail without re-auth
      [15, 'audit.query', 'success'],
      [16, 'mynumber.set', 'failure'], // unknown registrant
      [17, 'mynumber.reveal', 'failure'], // unknown registrant
      [18, 'registrants.create', 'success'],
      [19, 'registrants.list', 'success'],
    ]);
  });
});
