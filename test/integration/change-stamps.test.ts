// The caller's user and the security settings are read once and reused while nothing in their
// tables changes (migration 0250's stamps): a write that leaves the stamp as it was is not seen.
// Every change reaches the very next call: made by the app, made by another connection (as
// `mnv` would), and a change rolled back is never served.
import { afterEach, describe, expect, it } from 'vitest';
import { stampedMemo } from '../../src-main/core/platform/db/change-stamp';
import type { Db } from '../../src-main/core/platform/db/open';
import { migrationDb } from '../support/migration-db';
import { openRawDb } from '../support/raw-db';
import { ADMIN, MANAGER, must, openTestCore, setupAdmin, signInNewUser, testClock } from '../support/vault';

const raws: Db[] = [];
afterEach(() => {
  for (const db of raws.splice(0)) db.close();
});

async function vaultWithManager(clock = testClock()) {
  const { core, dataDir } = await openTestCore(undefined, { clock });
  const admin = await setupAdmin(core, clock);
  await must(core, admin.session, 'auth.reauth', { password: ADMIN.password });
  const manager = await signInNewUser(core, admin.session, { ...MANAGER, role: 'manager', password: 'hoshi-zora-no-shita-de-9' }, clock);
  const raw = await openRawDb(dataDir, core.vaultId);
  raws.push(raw);
  return { core, admin, manager, raw, clock };
}

describe('the caller as of each call', () => {
  it('sees a role given and a user disabled from another connection on the next call', async () => {
    const { core, manager, raw } = await vaultWithManager();
    expect((await core.call(manager, 'users.list', {})).ok).toBe(false);
    raw.prepare("UPDATE users SET role = 'admin' WHERE login_id = ?").run(MANAGER.loginId);
    expect((await core.call(manager, 'users.list', {})).ok).toBe(true);
    raw.prepare('UPDATE users SET disabled = 1 WHERE login_id = ?').run(MANAGER.loginId);
    const refused = await core.call(manager, 'registrants.list', {});
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
  });

  it('reuses the caller it read while the stamp stands: a write that leaves the stamp as it was is not seen', async () => {
    // The triggers are what make a change seen; with the one on users dropped, the core serves the
    // caller it read before (a core reading the user on every call would see the new role at once).
    const { core, manager, raw } = await vaultWithManager();
    expect((await core.call(manager, 'users.list', {})).ok).toBe(false);
    core.commitViews();
    raw.exec('DROP TRIGGER users_stamp_update');
    raw.prepare("UPDATE users SET role = 'admin' WHERE login_id = ?").run(MANAGER.loginId);
    expect((await core.call(manager, 'users.list', {})).ok).toBe(false);
    raw.prepare("UPDATE change_stamps SET stamp = hex(randomblob(8)) WHERE name = 'staff'").run();
    expect((await core.call(manager, 'users.list', {})).ok).toBe(true);
  });

  it('reuses the security settings it read while their stamp stands', async () => {
    const { core, manager, raw, clock } = await vaultWithManager();
    expect((await core.call(manager, 'registrants.list', {})).ok).toBe(true);
    core.commitViews();
    raw.exec('DROP TRIGGER settings_stamp_insert; DROP TRIGGER settings_stamp_update');
    raw.prepare("INSERT INTO settings (key, value) VALUES ('security', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
      JSON.stringify({ requireTotpForAll: false, idleLockMinutes: 5 }),
    );
    clock.advance(6 * 60_000);
    expect((await core.call(manager, 'registrants.list', {})).ok).toBe(true);
    core.commitViews();
    raw.prepare("UPDATE change_stamps SET stamp = hex(randomblob(8)) WHERE name = 'settings'").run();
    clock.advance(6 * 60_000);
    const locked = await core.call(manager, 'registrants.list', {});
    expect(locked.ok ? null : locked.error.code).toBe('LOCKED');
  });

  it('limits a manager to a group the next call after the limit is written elsewhere', async () => {
    const { core, admin, manager, raw } = await vaultWithManager();
    const osaka = (await must(core, admin.session, 'groups.create', { name: '大阪支店' })).id as string;
    const kobe = (await must(core, admin.session, 'groups.create', { name: '神戸支店' })).id as string;
    const person = { familyName: '山田', givenName: '太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', attributes: ['employee'] };
    await must(core, admin.session, 'registrants.create', { ...person, employeeCode: 'OS-1', groupId: osaka });
    await must(core, admin.session, 'registrants.create', { ...person, employeeCode: 'KB-1', groupId: kobe });
    expect((await must(core, manager, 'registrants.list', {})).total).toBe(2);
    core.commitViews(); // the list's audit entry holds the write lock until its group commits
    const managerId = raw.prepare('SELECT id FROM users WHERE login_id = ?').pluck(true).get(MANAGER.loginId);
    raw.prepare('INSERT INTO user_groups (user_id, group_id) VALUES (?, ?)').run(managerId, kobe);
    const listed = await must(core, manager, 'registrants.list', {});
    expect(listed.rows.map((r: { employeeCode: string }) => r.employeeCode)).toEqual(['KB-1']);
  });

  it('applies an idle lock time changed from another connection on the next call', async () => {
    const { core, manager, raw, clock } = await vaultWithManager();
    clock.advance(6 * 60_000);
    expect((await core.call(manager, 'registrants.list', {})).ok).toBe(true);
    core.commitViews();
    raw.prepare("INSERT INTO settings (key, value) VALUES ('security', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
      JSON.stringify({ requireTotpForAll: false, idleLockMinutes: 5 }),
    );
    clock.advance(6 * 60_000);
    const locked = await core.call(manager, 'registrants.list', {});
    expect(locked.ok ? null : locked.error.code).toBe('LOCKED');
  });
});

describe('stampedMemo', () => {
  it('reuses a value while the stamp stands, and never serves a value from a rolled-back write', () => {
    const { db, run } = migrationDb();
    run(250);
    db.prepare("INSERT INTO settings (key, value) VALUES ('k', 'a')").run();
    let loads = 0;
    const valueOf = stampedMemo(db, 'settings', (key: string) => {
      loads++;
      return db.prepare('SELECT value FROM settings WHERE key = ?').pluck(true).get(key);
    });
    expect([valueOf('k'), valueOf('k'), loads]).toEqual(['a', 'a', 1]);
    expect(() =>
      db.transaction(() => {
        db.prepare("UPDATE settings SET value = 'b' WHERE key = 'k'").run();
        expect(valueOf('k')).toBe('b');
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(valueOf('k')).toBe('a');
    db.prepare("UPDATE settings SET value = 'c' WHERE key = 'k'").run();
    expect(valueOf('k')).toBe('c');
    db.close();
  });
});

describe('migration 0250', () => {
  it("carries 0240's users and settings through and changes a stamp on every kind of write", () => {
    const { db, run } = migrationDb();
    run(240);
    const at = '2026-12-01T00:00:00.000Z';
    db.prepare(
      "INSERT INTO users (id, login_id, display_name, email, role, password_hash, second_factor, created_at, updated_at) VALUES ('u1', 'suzuki', '鈴木', 's@example.co.jp', 'manager', 'h', 'totp', ?, ?)",
    ).run(at, at);
    db.prepare("INSERT INTO groups (id, name, sort_order, created_at, updated_at) VALUES ('g1', '大阪支店', 1, ?, ?)").run(at, at);
    db.prepare("INSERT INTO user_groups (user_id, group_id) VALUES ('u1', 'g1')").run();
    db.prepare("INSERT INTO settings (key, value) VALUES ('security', '{}')").run();
    const before = JSON.stringify([db.prepare('SELECT * FROM users').all(), db.prepare('SELECT * FROM user_groups').all(), db.prepare('SELECT * FROM settings').all()]);

    expect(run(250).to).toBe(250);
    expect(JSON.stringify([db.prepare('SELECT * FROM users').all(), db.prepare('SELECT * FROM user_groups').all(), db.prepare('SELECT * FROM settings').all()])).toBe(before);
    const stamp = (name: string) => db.prepare('SELECT stamp FROM change_stamps WHERE name = ?').pluck(true).get(name) as string;
    expect(stamp('staff')).toMatch(/^[0-9A-F]{16}$/);
    const writes: [string, string][] = [
      ['staff', "UPDATE users SET display_name = '鈴木 一郎' WHERE id = 'u1'"],
      ['staff', "DELETE FROM user_groups WHERE user_id = 'u1'"],
      ['staff', "INSERT INTO user_groups (user_id, group_id) VALUES ('u1', 'g1')"],
      ['staff', "DELETE FROM users WHERE id = 'u1'"],
      ['settings', "UPDATE settings SET value = '{\"idleLockMinutes\":5}' WHERE key = 'security'"],
      ['settings', "INSERT INTO settings (key, value) VALUES ('smtp', '{}')"],
      ['settings', "DELETE FROM settings WHERE key = 'smtp'"],
    ];
    for (const [name, sql] of writes) {
      const was = stamp(name);
      const other = stamp(name === 'staff' ? 'settings' : 'staff');
      db.prepare(sql).run();
      expect([sql, stamp(name) !== was, stamp(name === 'staff' ? 'settings' : 'staff')]).toEqual([sql, true, other]);
    }
    db.close();
  });
});
