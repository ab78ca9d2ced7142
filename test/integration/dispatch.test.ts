// The one path every request takes: session, channel, role, input schema, re-auth window,
// output schema, and errors that carry nothing internal. Exercised with a small contract and
// access table of its own so that every branch has a channel to go through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ChannelAccess } from '../../src-shared/access';
import type { Role } from '../../src-shared/domain';
import { createDispatcher } from '../../src-main/core/kernel/dispatch';
import { AppError } from '../../src-main/core/kernel/errors';
import { createSessionStore } from '../../src-main/core/kernel/sessions';
import { createAuditLog, type AuditLog } from '../../src-main/core/platform/audit/audit-log';
import { openEncryptedDatabase, type Db } from '../../src-main/core/platform/db/open';
import { loadMigrations, migrate } from '../../src-main/core/platform/db/migrate';
import { sourceMigrationsDir } from '../../src-main/core/platform/paths';
import { createUserRepository } from '../../src-main/core/modules/users';
import { tempDir, testClock } from '../support/vault';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

const schemas = (output: z.ZodType = z.object({ done: z.boolean() })) => ({
  input: z.object({ n: z.number().int().max(10) }).strict(),
  output,
});
const rule = (who: ChannelAccess['who'], reauth = false): ChannelAccess => ({ who, reauth, activity: true });

const contract = {
  'test.public': schemas(),
  'test.adminOnly': schemas(),
  'test.sensitive': schemas(),
  'test.narrowOutput': schemas(z.object({ id: z.string() })),
  'test.crash': schemas(),
  'test.conflict': schemas(),
};
const access = {
  'test.public': rule('public'),
  'test.adminOnly': rule(['admin']),
  'test.sensitive': rule(['admin', 'manager'], true),
  'test.narrowOutput': rule('public'),
  'test.crash': rule('public'),
  'test.conflict': rule('public'),
};

const clock = testClock();
const sessions = createSessionStore(() => clock.now().getTime());
let db: Db;
let auditLog: AuditLog;
let users: ReturnType<typeof createUserRepository>;
let call: ReturnType<typeof createDispatcher>;
const ran: string[] = [];

function sessionAs(role: Role | null): string {
  const key = sessions.open();
  if (role) {
    const id = users.insert(
      { loginId: `${role}-${key.slice(0, 6)}`, displayName: role, email: `${role}@example.jp`, role, passwordHash: 'x', secondFactor: 'totp', totpSecretSealed: null },
      clock.now(),
    );
    sessions.get(key)!.userId = id;
  }
  return key;
}

beforeAll(() => {
  const dir = tempDir();
  const file = path.join(dir, 'vault.db');
  db = openEncryptedDatabase(file, { keyHex: randomBytes(32).toString('hex') });
  migrate({ db, dbFile: file, migrations: loadMigrations(sourceMigrationsDir), backupDir: path.join(dir, 'backups'), now: clock.now() });
  auditLog = createAuditLog(db, randomBytes(32).toString('hex'));
  users = createUserRepository(db);
  const done = (name: string) => () => (ran.push(name), { done: true });
  call = createDispatcher({ db, auditLog, clock, sessions, staffById: (id) => users.findById(id), idleLockMinutes: () => 10 }, contract, access, {
    'test.public': done('public'),
    'test.adminOnly': done('adminOnly'),
    'test.sensitive': done('sensitive'),
    'test.narrowOutput': () => ({ id: 'r1', myNumber: '123456789018' }),
    'test.crash': () => {
      throw new Error('SqliteError: no such column: secret_value');
    },
    'test.conflict': () => {
      throw new AppError('CONFLICT', 'errors.users.loginIdTaken');
    },
  });
});
afterAll(() => db.close());

describe('the dispatcher', () => {
  it('refuses an unknown session key before anything else', async () => {
    expect(await call('forged', 'test.public', { n: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.badSession' } });
  });

  it('refuses an unknown channel with NOT_FOUND', async () => {
    expect(await call(sessionAs(null), 'test.nothing', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call(sessionAs(null), 'toString', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses input that does not match the schema, with a keyed message per field, and runs nothing', async () => {
    ran.length = 0;
    expect(await call(sessionAs(null), 'test.public', { n: 11 })).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'nの値が範囲外です',
        messageKey: 'validation.outOfRange',
        params: { field: 'n', maximum: 10 },
        issues: [{ path: 'n', key: 'validation.outOfRange', params: { field: 'n', maximum: 10 } }],
      },
    });
    expect(await call(sessionAs(null), 'test.public', { n: 1, extra: true })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', messageKey: 'validation.unknownField', message: '想定していない項目が含まれています' },
    });
    expect(ran).toEqual([]);
  });

  it('refuses a logged-out caller on a role-restricted channel', async () => {
    expect(await call(sessionAs(null), 'test.adminOnly', { n: 1 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'ログインしてください', messageKey: 'errors.loginRequired' },
    });
  });

  it('refuses a role not listed before looking at the input, and audits the refusal', async () => {
    const viewer = sessionAs('viewer');
    expect(await call(viewer, 'test.adminOnly', { n: 'not a number' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.forbidden' } });
    const last = auditLog.query({ action: 'access.denied' }, 0, 1).rows[0];
    expect(last).toMatchObject({ outcome: 'denied', detail: { channel: 'test.adminOnly', role: 'viewer', reason: 'role' } });
    expect(await call(sessionAs('admin'), 'test.adminOnly', { n: 1 })).toEqual({ ok: true, value: { done: true } });
  });

  it('asks for the password again on a re-auth channel until the 5-minute window is open, and audits each refusal', async () => {
    const manager = sessionAs('manager');
    expect(await call(manager, 'test.sensitive', { n: 1 })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    expect(auditLog.query({ action: 'access.denied' }, 0, 1).rows[0]).toMatchObject({ outcome: 'denied', detail: { channel: 'test.sensitive', reason: 'reauth_required' } });
    sessions.get(manager)!.reauthUntil = clock.now().getTime() + 5 * 60 * 1000;
    expect(await call(manager, 'test.sensitive', { n: 1 })).toEqual({ ok: true, value: { done: true } });
    clock.advance(5 * 60 * 1000);
    expect(await call(manager, 'test.sensitive', { n: 1 })).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
  });

  it('ends the session of a user disabled since it logged in', async () => {
    const admin = sessionAs('admin');
    db.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(sessions.get(admin)!.userId);
    expect(await call(admin, 'test.adminOnly', { n: 1 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'ログインしてください' } });
    expect(sessions.get(admin)!.userId).toBeNull();
  });

  it('passes on only the fields the output schema declares', async () => {
    expect(await call(sessionAs(null), 'test.narrowOutput', { n: 1 })).toEqual({ ok: true, value: { id: 'r1' } });
  });

  it('turns an unexpected failure into INTERNAL with a generic Japanese message and no detail', async () => {
    const r = await call(sessionAs(null), 'test.crash', { n: 1 });
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: '処理中にエラーが発生しました。しばらくしてから再度お試しください', messageKey: 'errors.internal' } });
    expect(JSON.stringify(r)).not.toMatch(/secret_value|Sqlite/);
  });

  it('passes an AppError through with its code, its key and the Japanese text of the key', async () => {
    expect(await call(sessionAs(null), 'test.conflict', { n: 1 })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'このログインIDは既に使われています', messageKey: 'errors.users.loginIdTaken' },
    });
  });
});
