// The one path every request takes: session, channel, role, input schema, re-auth window,
// output schema, and errors that carry nothing internal. Exercised with a small contract of
// its own so that every branch has a channel to go through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ChannelSpec } from '../../src-shared/contract';
import type { Role } from '../../src-shared/domain';
import { openVault } from '../../src-main/core/index';
import type { Vault } from '../../src-main/core/handlers/context';
import { createDispatcher } from '../../src-main/core/handlers/dispatch';
import { AppError } from '../../src-main/core/errors';
import { TEST_PASSPHRASE, tempDir, testClock } from '../support/vault';
import { createFileKeyStore } from '../../src-main/core/index';

const spec = (access: ChannelSpec<z.ZodType, z.ZodType>['access'], reauth = false, output: z.ZodType = z.object({ done: z.boolean() })) => ({
  input: z.object({ n: z.number().int().max(10, '10以下で入力してください') }).strict(),
  output,
  access,
  reauth,
});

const testContract = {
  'test.public': spec('public'),
  'test.adminOnly': spec(['admin']),
  'test.sensitive': spec(['admin', 'manager'], true),
  'test.narrowOutput': spec('public', false, z.object({ id: z.string() })),
  'test.crash': spec('public'),
  'test.conflict': spec('public'),
};

const clock = testClock();
let vault: Vault;
let call: ReturnType<typeof createDispatcher>;
const ran: string[] = [];

function sessionAs(role: Role | null): string {
  const key = vault.sessions.open();
  if (role) {
    const id = vault.users.insert(
      { loginId: `${role}-${key.slice(0, 6)}`, displayName: role, email: `${role}@example.jp`, role, passwordHash: 'x', secondFactor: 'totp', totpSecretSealed: null },
      clock.now(),
    );
    vault.sessions.get(key)!.userId = id;
  }
  return key;
}

beforeAll(async () => {
  const dataDir = tempDir();
  vault = await openVault({ dataDir, keyStore: createFileKeyStore({ dataDir, passphrase: TEST_PASSPHRASE }), clock });
  const done = (name: string) => () => (ran.push(name), { done: true });
  call = createDispatcher(vault, testContract, {
    'test.public': done('public'),
    'test.adminOnly': done('adminOnly'),
    'test.sensitive': done('sensitive'),
    'test.narrowOutput': () => ({ id: 'r1', myNumber: '123456789018' }),
    'test.crash': () => {
      throw new Error('SqliteError: no such column: secret_value');
    },
    'test.conflict': () => {
      throw new AppError('CONFLICT', 'すでに登録されています');
    },
  });
});
afterAll(() => vault.db.close());

describe('the dispatcher', () => {
  it('refuses an unknown session key before anything else', async () => {
    expect(await call('forged', 'test.public', { n: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses an unknown channel with NOT_FOUND', async () => {
    expect(await call(sessionAs(null), 'test.nothing', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(sessionAs(null), 'toString', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses input that does not match the schema, with the schema message, and runs nothing', async () => {
    ran.length = 0;
    expect(await call(sessionAs(null), 'test.public', { n: 11 })).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: '10以下で入力してください' },
    });
    expect(await call(sessionAs(null), 'test.public', { n: 1, extra: true })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(ran).toEqual([]);
  });

  it('refuses a logged-out caller on a role-restricted channel', async () => {
    expect(await call(sessionAs(null), 'test.adminOnly', { n: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'ログインしてください' } });
  });

  it('refuses a role not listed, and audits the refusal', async () => {
    const viewer = sessionAs('viewer');
    expect(await call(viewer, 'test.adminOnly', { n: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const last = vault.auditLog.query({ action: 'access.denied' }, 0, 1).rows[0];
    expect(last).toMatchObject({ outcome: 'denied', detail: { channel: 'test.adminOnly', role: 'viewer' } });
    expect(await call(sessionAs('admin'), 'test.adminOnly', { n: 1 })).toEqual({ ok: true, value: { done: true } });
  });

  it('asks for the password again on a re-auth channel until the 5-minute window is open', async () => {
    const manager = sessionAs('manager');
    expect(await call(manager, 'test.sensitive', { n: 1 })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    vault.sessions.get(manager)!.reauthUntil = clock.now().getTime() + 5 * 60 * 1000;
    expect(await call(manager, 'test.sensitive', { n: 1 })).toEqual({ ok: true, value: { done: true } });
    clock.advance(5 * 60 * 1000);
    expect(await call(manager, 'test.sensitive', { n: 1 })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
  });

  it('ends the session of a user disabled since it logged in', async () => {
    const admin = sessionAs('admin');
    vault.db.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(vault.sessions.get(admin)!.userId);
    expect(await call(admin, 'test.adminOnly', { n: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'ログインしてください' } });
    expect(vault.sessions.get(admin)!.userId).toBeNull();
  });

  it('passes on only the fields the output schema declares', async () => {
    expect(await call(sessionAs(null), 'test.narrowOutput', { n: 1 })).toEqual({ ok: true, value: { id: 'r1' } });
  });

  it('turns an unexpected failure into INTERNAL with a generic Japanese message and no detail', async () => {
    const r = await call(sessionAs(null), 'test.crash', { n: 1 });
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/エラーが発生しました/) } });
    expect(JSON.stringify(r)).not.toMatch(/secret_value|Sqlite/);
  });

  it('passes an AppError through with its code and message', async () => {
    expect(await call(sessionAs(null), 'test.conflict', { n: 1 })).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'すでに登録されています' } });
  });
});
