// Reading and writing login users: the SQL of the users module.
import { randomUUID } from 'node:crypto';
import type { Role, SecondFactor } from '../../../../src-shared/domain';
import type { UserSummary } from '../../../../src-shared/contract';
import type { Db } from '../../platform/db/open';

export interface UserRecord {
  id: string;
  loginId: string;
  displayName: string;
  email: string;
  role: Role;
  passwordHash: string;
  secondFactor: SecondFactor;
  totpSecretSealed: Buffer | null;
  totpLastStep: number | null;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  /** When the current password was set (by the user, or by an admin for a temporary one). */
  passwordChangedAt: string | null;
  /** The groups the user is limited to (sorted); empty: every group. */
  groupIds: string[];
}

interface UserRow {
  id: string;
  login_id: string;
  display_name: string;
  email: string;
  role: Role;
  password_hash: string;
  second_factor: SecondFactor;
  totp_secret_sealed: Buffer | null;
  totp_last_step: number | null;
  disabled: number;
  must_change_password: number;
  last_login_at: string | null;
  password_changed_at: string | null;
}

function toRecord(r: UserRow, groupIds: string[]): UserRecord {
  return {
    id: r.id,
    loginId: r.login_id,
    displayName: r.display_name,
    email: r.email,
    role: r.role,
    passwordHash: r.password_hash,
    secondFactor: r.second_factor,
    totpSecretSealed: r.totp_secret_sealed,
    totpLastStep: r.totp_last_step,
    disabled: r.disabled === 1,
    mustChangePassword: r.must_change_password === 1,
    lastLoginAt: r.last_login_at,
    passwordChangedAt: r.password_changed_at,
    groupIds,
  };
}

export function toSummary(u: UserRecord): UserSummary {
  return { id: u.id, loginId: u.loginId, displayName: u.displayName, role: u.role };
}

export interface NewUser {
  loginId: string;
  displayName: string;
  email: string;
  role: Role;
  passwordHash: string;
  secondFactor: SecondFactor;
  totpSecretSealed: Buffer | null;
  mustChangePassword?: boolean;
}

export interface UserChanges {
  displayName?: string;
  email?: string;
  role?: Role;
  secondFactor?: SecondFactor;
  passwordHash?: string;
  mustChangePassword?: boolean;
  disabled?: boolean;
  /** null clears the secret (and the replay guard with it). */
  totpSecretSealed?: Buffer | null;
  totpLastStep?: number;
}

const COLUMNS: Record<keyof UserChanges, string> = {
  displayName: 'display_name',
  email: 'email',
  role: 'role',
  secondFactor: 'second_factor',
  passwordHash: 'password_hash',
  mustChangePassword: 'must_change_password',
  disabled: 'disabled',
  totpSecretSealed: 'totp_secret_sealed',
  totpLastStep: 'totp_last_step',
};

export function createUserRepository(db: Db) {
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const byLoginId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE login_id = ?');
  const groupsOf = db.prepare<[string], { group_id: string }>('SELECT group_id FROM user_groups WHERE user_id = ? ORDER BY group_id');
  const withGroups = (row: UserRow) => toRecord(row, groupsOf.all(row.id).map((g) => g.group_id));
  return {
    count(): number {
      return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
    },
    findById(id: string): UserRecord | null {
      const row = byId.get(id);
      return row ? withGroups(row) : null;
    },
    findByLoginId(loginId: string): UserRecord | null {
      const row = byLoginId.get(loginId);
      return row ? withGroups(row) : null;
    },
    list(): UserRecord[] {
      return (db.prepare('SELECT * FROM users ORDER BY disabled, login_id').all() as UserRow[]).map(withGroups);
    },
    countActiveAdmins(): number {
      return (db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get() as { n: number }).n;
    },
    /** Inserts a user; `id` may be chosen first when something must be bound to it (a sealed secret). */
    insert(user: NewUser, now: Date, id: string = randomUUID()): string {
      const at = now.toISOString();
      db.prepare(
        `INSERT INTO users (id, login_id, display_name, email, role, password_hash, second_factor,
           totp_secret_sealed, must_change_password, password_changed_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        user.loginId,
        user.displayName,
        user.email,
        user.role,
        user.passwordHash,
        user.secondFactor,
        user.totpSecretSealed,
        user.mustChangePassword ? 1 : 0,
        at,
        at,
        at,
      );
      return id;
    },
    update(id: string, changes: UserChanges, now: Date): void {
      const sets: string[] = [];
      const values: unknown[] = [];
      for (const [key, value] of Object.entries(changes) as [keyof UserChanges, unknown][]) {
        if (value === undefined) continue;
        sets.push(`${COLUMNS[key]} = ?`);
        values.push(typeof value === 'boolean' ? (value ? 1 : 0) : value);
        if (key === 'totpSecretSealed' && value === null) sets.push('totp_last_step = NULL');
        if (key === 'passwordHash') {
          sets.push('password_changed_at = ?');
          values.push(now.toISOString());
        }
      }
      if (sets.length === 0) return;
      db.prepare(`UPDATE users SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(...values, now.toISOString(), id);
    },
    /** Limits the user to these groups (empty: every group). Call inside a transaction. */
    setGroups(id: string, groupIds: readonly string[]): void {
      db.prepare('DELETE FROM user_groups WHERE user_id = ?').run(id);
      const insert = db.prepare('INSERT INTO user_groups (user_id, group_id) VALUES (?, ?)');
      for (const groupId of new Set(groupIds)) insert.run(id, groupId);
    },
    recordLogin(id: string, totpStep: number | null, now: Date): void {
      db.prepare('UPDATE users SET last_login_at = ?, totp_last_step = coalesce(?, totp_last_step) WHERE id = ?').run(
        now.toISOString(),
        totpStep,
        id,
      );
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
