// Reuse of what is read on every call while its tables are unchanged (migration 0250): each
// read first compares the stamp the triggers keep; any write to those tables, from any
// connection, rolled back or not, gives a stamp never seen before.
import type { Db } from './open';

export type StampName = 'staff' | 'settings';

/** `load(key)` as of now, reused until the stamp `name` changes. Values are frozen: shared between calls. */
export function stampedMemo<K, V>(db: Db, name: StampName, load: (key: K) => V): (key: K) => V {
  const stampOf = db.prepare<[string], string>('SELECT stamp FROM change_stamps WHERE name = ?').pluck(true);
  let seen: string | undefined;
  let values = new Map<K, V>();
  return (key) => {
    const stamp = stampOf.get(name);
    if (stamp !== seen) {
      seen = stamp;
      values = new Map();
    }
    if (values.has(key)) return values.get(key)!;
    const value = load(key);
    if (value && typeof value === 'object') Object.freeze(value);
    values.set(key, value);
    return value;
  };
}
