// Reading and writing groups (店舗・支店) and moving what belongs to one: the SQL of the groups
// module. A group's members are registrants (registrants.group_id); the login users limited to
// it are in user_groups.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/open';

export interface GroupRow {
  id: string;
  name: string;
  sortOrder: number;
  memberCount: number;
}

interface Row {
  id: string;
  name: string;
  sort_order: number;
  member_count: number;
}

const toRow = (r: Row): GroupRow => ({ id: r.id, name: r.name, sortOrder: r.sort_order, memberCount: r.member_count });

const SELECT = `SELECT g.id, g.name, g.sort_order, (SELECT count(*) FROM registrants r WHERE r.group_id = g.id) AS member_count FROM groups g`;

export function createGroupRepository(db: Db) {
  const byId = db.prepare<[string], Row>(`${SELECT} WHERE g.id = ?`);
  return {
    /** In display order; only these groups when `only` is given. */
    list(only: readonly string[] | null): GroupRow[] {
      const where = only ? ` WHERE g.id IN (${only.map(() => '?').join(', ')})` : '';
      return db.prepare<unknown[], Row>(`${SELECT}${where} ORDER BY g.sort_order, g.name, g.id`).all(...(only ?? [])).map(toRow);
    },
    /** Ids only, in display order (no counting). */
    ids(only: readonly string[] | null): string[] {
      const where = only ? ` WHERE id IN (${only.map(() => '?').join(', ')})` : '';
      return db.prepare<unknown[], { id: string }>(`SELECT id FROM groups${where} ORDER BY sort_order, name, id`).all(...(only ?? [])).map((g) => g.id);
    },
    findById(id: string): GroupRow | null {
      const row = byId.get(id);
      return row ? toRow(row) : null;
    },
    idByName(name: string): string | null {
      return db.prepare<[string], { id: string }>('SELECT id FROM groups WHERE name = ?').get(name)?.id ?? null;
    },
    /** Which of these ids name no group. */
    unknown(ids: readonly string[]): string[] {
      const known = db.prepare<[string], { id: string }>('SELECT id FROM groups WHERE id = ?');
      return [...new Set(ids)].filter((id) => !known.get(id));
    },
    insert(name: string, now: Date): string {
      const id = randomUUID();
      const at = now.toISOString();
      const next = (db.prepare('SELECT coalesce(max(sort_order), 0) + 10 AS n FROM groups').get() as { n: number }).n;
      db.prepare('INSERT INTO groups (id, name, sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, name, next, at, at);
      return id;
    },
    update(id: string, changes: { name?: string | undefined; sortOrder?: number | undefined }, now: Date): void {
      db.prepare('UPDATE groups SET name = coalesce(?, name), sort_order = coalesce(?, sort_order), updated_at = ? WHERE id = ?').run(
        changes.name ?? null,
        changes.sortOrder ?? null,
        now.toISOString(),
        id,
      );
    },
    /** How many login users are limited to the group. */
    userCount(id: string): number {
      return (db.prepare('SELECT count(*) AS n FROM user_groups WHERE group_id = ?').get(id) as { n: number }).n;
    },
    /** Moves the group's registrants into another group; returns how many moved. */
    moveMembers(from: string, to: string, now: Date): number {
      return db.prepare('UPDATE registrants SET group_id = ?, updated_at = ? WHERE group_id = ?').run(to, now.toISOString(), from).changes;
    },
    /** Users limited to `from` are limited to `to` instead (once, if they already had it); returns how many. */
    moveUsers(from: string, to: string): number {
      db.prepare('INSERT OR IGNORE INTO user_groups (user_id, group_id) SELECT user_id, ? FROM user_groups WHERE group_id = ?').run(to, from);
      return db.prepare('DELETE FROM user_groups WHERE group_id = ?').run(from).changes;
    },
    delete(id: string): void {
      db.prepare('DELETE FROM groups WHERE id = ?').run(id);
    },
  };
}

export type GroupRepository = ReturnType<typeof createGroupRepository>;
