// Every value sealed under the field key and every HMAC under the index key, as the rotation
// (rekey.ts) walks them. The contexts repeat the modules' own (each module binds a sealed value
// to its row the same way); a value sealed in a new place must be added here, or the rotation
// leaves it under a key that is then gone — test/integration/rekey.test.ts seals one of each.
import type { Db } from '../db/open';
import type { FieldCrypto } from '../crypto/field';

/** One sealed BLOB column: how its rows are walked (by primary key) and the associated data of each. */
interface SealedColumn {
  name: string;
  /** The table holding the column (and the keys). */
  table: string;
  column: string;
  keys: readonly string[];
  /** The FROM clause, when the context needs a column of another table (a join); default: the table. */
  from?: string;
  /** What the context needs beside the keys, as select expressions (`other.col AS col`). */
  extra?: readonly string[];
  context(row: Record<string, unknown>): string;
  /** Rows per transaction: ID images are large, numbers small. */
  batch: number;
}

const SEALED_COLUMNS: readonly SealedColumn[] = [
  { name: 'numbers', table: 'my_numbers', column: 'sealed', keys: ['subject_type', 'subject_id'], context: (r) => `mynumber:${r.subject_type}:${r.subject_id}`, batch: 100 },
  {
    name: 'submissions',
    table: 'submissions',
    column: 'number_sealed',
    keys: ['id'],
    context: (r) => `submission:${r.id}:self`,
    batch: 100,
  },
  {
    name: 'submissionDependents',
    table: 'submission_dependents',
    column: 'number_sealed',
    keys: ['submission_id', 'position'],
    context: (r) => `submission:${r.submission_id}:dependent:${r.position}`,
    batch: 100,
  },
  {
    name: 'images',
    table: 'document_images',
    column: 'sealed_image',
    keys: ['document_id'],
    from: 'document_images JOIN documents ON documents.id = document_images.document_id',
    extra: ['documents.registrant_id AS registrant_id'],
    context: (r) => `document:image:${r.document_id}:${r.registrant_id}`,
    batch: 10,
  },
  {
    name: 'thumbnails',
    table: 'document_images',
    column: 'sealed_thumbnail',
    keys: ['document_id'],
    from: 'document_images JOIN documents ON documents.id = document_images.document_id',
    extra: ['documents.registrant_id AS registrant_id'],
    context: (r) => `document:thumbnail:${r.document_id}:${r.registrant_id}`,
    batch: 50,
  },
  { name: 'totpSecrets', table: 'users', column: 'totp_secret_sealed', keys: ['id'], context: (r) => `totp:${r.id}`, batch: 100 },
  {
    name: 'mails',
    table: 'mail_outbox',
    column: 'sealed_message',
    keys: ['id'],
    extra: ['mail_outbox.registrant_id AS registrant_id'],
    context: (r) => `mail_outbox:${r.id}:${r.registrant_id}`,
    batch: 100,
  },
];

/** `table.column` of every sealed column the rotation walks (a test holds the schema to it). */
export const RESEALED_COLUMNS: readonly string[] = SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`);

/** Sealed values inside a JSON setting, base64-encoded: the SMTP password and the LAN certificate's private key. */
const SEALED_SETTINGS = [
  { key: 'smtp', field: 'passwordSealed', context: 'smtp-password' },
  { key: 'lan.certificate', field: 'keySealed', context: 'lan-tls-key' },
] as const;

const NUMBER_INDEX_PURPOSE = 'mynumber';
const THROTTLE_PURPOSE = 'login-throttle';

export interface RekeyCounts {
  resealed: number;
  indexed: number;
}

export type Progress = (phase: string, done: number, total: number) => void;

/** Tells the key that sealed a value from the GCM tag: a value that opens under the new key is done. */
function opensWith(fields: FieldCrypto, sealed: Buffer, context: string): boolean {
  try {
    fields.open(sealed, context);
    return true;
  } catch {
    return false;
  }
}

export function createSealedValuesRepository(db: Db) {
  const sourceOf = (c: SealedColumn) => c.from ?? c.table;

  function countOf(c: SealedColumn): number {
    return (db.prepare(`SELECT count(*) AS n FROM ${sourceOf(c)} WHERE ${c.table}.${c.column} IS NOT NULL`).get() as { n: number }).n;
  }

  /**
   * Re-seals every value of one column under `next`, a batch per transaction. Values already
   * under `next` (a run resumed after a crash) are left as they are; each value is opened with
   * `current` first, so one that opens under neither key stops the rotation before anything
   * of it is lost.
   */
  function resealColumn(c: SealedColumn, current: FieldCrypto, next: FieldCrypto, progress: Progress): number {
    const total = countOf(c);
    const keys = c.keys.map((k) => `${c.table}.${k}`);
    const cols = [...keys.map((k, i) => `${k} AS ${c.keys[i]}`), ...(c.extra ?? []), `${c.table}.${c.column} AS ${c.column}`].join(', ');
    const keyList = keys.join(', ');
    const after = keys.length === 1 ? `${keys[0]} > ?` : `(${keyList}) > (${keys.map(() => '?').join(', ')})`;
    const where = `${c.table}.${c.column} IS NOT NULL`;
    const first = db.prepare(`SELECT ${cols} FROM ${sourceOf(c)} WHERE ${where} ORDER BY ${keyList} LIMIT ?`);
    const following = db.prepare(`SELECT ${cols} FROM ${sourceOf(c)} WHERE ${where} AND ${after} ORDER BY ${keyList} LIMIT ?`);
    const update = db.prepare(`UPDATE ${c.table} SET ${c.column} = ? WHERE ${c.keys.map((k) => `${k} = ?`).join(' AND ')}`);
    let done = 0;
    let resealed = 0;
    let last: unknown[] | null = null;
    progress(c.name, 0, total);
    for (;;) {
      const rows = (last ? following.all(...last, c.batch) : first.all(c.batch)) as Record<string, unknown>[];
      if (rows.length === 0) break;
      db.transaction(() => {
        for (const row of rows) {
          const sealed = row[c.column] as Buffer;
          const context = c.context(row);
          if (opensWith(next, sealed, context)) continue;
          const plain = current.open(sealed, context);
          update.run(next.seal(plain, context), ...c.keys.map((k) => row[k]));
          resealed++;
        }
      })();
      done += rows.length;
      last = c.keys.map((k) => rows[rows.length - 1]![k]);
      progress(c.name, done, total);
    }
    return resealed;
  }

  function resealSettings(current: FieldCrypto, next: FieldCrypto): number {
    const read = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    const write = db.prepare('UPDATE settings SET value = ? WHERE key = ?');
    let resealed = 0;
    db.transaction(() => {
      for (const s of SEALED_SETTINGS) {
        const row = read.get(s.key);
        if (!row) continue;
        const value = JSON.parse(row.value) as Record<string, unknown>;
        const text = value[s.field];
        if (typeof text !== 'string' || text === '') continue;
        const sealed = Buffer.from(text, 'base64');
        if (opensWith(next, sealed, s.context)) continue;
        value[s.field] = next.seal(current.open(sealed, s.context), s.context).toString('base64');
        write.run(JSON.stringify(value), s.key);
        resealed++;
      }
    })();
    return resealed;
  }

  return {
    /** Re-seals every sealed value; returns how many were re-sealed in this run. */
    resealAll(current: FieldCrypto, next: FieldCrypto, progress: Progress): number {
      let resealed = 0;
      for (const c of SEALED_COLUMNS) resealed += resealColumn(c, current, next, progress);
      return resealed + resealSettings(current, next);
    },

    /**
     * The blind index of every number, computed again under the next index key from the number
     * (opened under the next field key, so after resealAll). Idempotent: a resumed run writes
     * the same values again.
     */
    reindexNumbers(next: FieldCrypto, progress: Progress): number {
      const c = SEALED_COLUMNS[0]!;
      const total = countOf(c);
      const page = db.prepare<[string, string, number], { subject_type: string; subject_id: string; sealed: Buffer }>(
        'SELECT subject_type, subject_id, sealed FROM my_numbers WHERE (subject_type, subject_id) > (?, ?) ORDER BY subject_type, subject_id LIMIT ?',
      );
      const update = db.prepare('UPDATE my_numbers SET blind_index = ? WHERE subject_type = ? AND subject_id = ?');
      let done = 0;
      let last: [string, string] = ['', ''];
      progress('blindIndex', 0, total);
      for (;;) {
        const rows = page.all(...last, c.batch);
        if (rows.length === 0) break;
        db.transaction(() => {
          for (const r of rows) {
            const digits = next.open(r.sealed, c.context(r)).toString('utf8');
            update.run(next.blindIndex(digits, NUMBER_INDEX_PURPOSE), r.subject_type, r.subject_id);
          }
        })();
        done += rows.length;
        const tail = rows[rows.length - 1]!;
        last = [tail.subject_type, tail.subject_id];
        progress('blindIndex', done, total);
      }
      return done;
    },

    /**
     * The HMACs of things the vault does not keep (link tokens, e-mailed codes) cannot be
     * computed again: live links are revoked (issue them again) and unused codes expire. The
     * login throttle's are computed again for the login IDs of existing users; those of IDs
     * nobody has lose their count.
     */
    rekeyUnrecoverableHmacs(current: FieldCrypto, next: FieldCrypto, now: Date): { linksRevoked: number } {
      const at = now.toISOString();
      return db.transaction(() => {
        const users = db.prepare<[], { login_id: string }>('SELECT login_id FROM users').all();
        const known = new Map(users.map((u) => [current.blindIndex(u.login_id.trim().toLowerCase(), THROTTLE_PURPOSE), next.blindIndex(u.login_id.trim().toLowerCase(), THROTTLE_PURPOSE)]));
        const nextSubjects = new Set(known.values());
        for (const table of ['login_throttle', 'login_failures']) {
          for (const [from, to] of known) db.prepare(`UPDATE ${table} SET subject = ? WHERE subject = ?`).run(to, from);
          const stale = db.prepare<[], { subject: string }>(`SELECT DISTINCT subject FROM ${table}`).all().filter((r) => !nextSubjects.has(r.subject));
          for (const r of stale) db.prepare(`DELETE FROM ${table} WHERE subject = ?`).run(r.subject);
        }
        db.prepare('UPDATE one_time_codes SET expires_at = ? WHERE used_at IS NULL AND expires_at > ?').run(at, at);
        const revoked = db.prepare("UPDATE invitations SET revoked_at = ?, revoked_reason = 'revoked' WHERE revoked_at IS NULL").run(at);
        return { linksRevoked: revoked.changes };
      })();
    },

    queuedMails(): number {
      return (db.prepare("SELECT count(*) AS n FROM mail_outbox WHERE state = 'queued'").get() as { n: number }).n;
    },
  };
}
