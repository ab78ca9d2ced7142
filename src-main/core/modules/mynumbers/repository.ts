// My Numbers at rest: sealed with AES-256-GCM under the field key, the subject bound as
// associated data, and found twice only through the HMAC blind index. This file is the one
// place that opens a sealed number; the service's audited paths (the reveal, an export with a
// purpose) are its only callers.
import type { Db } from '../../platform/db/open';
import type { FieldCrypto } from '../../platform/crypto/field';

export type SubjectType = 'registrant' | 'dependent';

export interface NumberSubject {
  type: SubjectType;
  id: string;
}

interface StoredNumber {
  sealed: Buffer;
  blind_index: string;
}

const INDEX_PURPOSE = 'mynumber';

/** The associated data that ties a sealed number to its row. */
function sealContext(subject: NumberSubject): string {
  return `mynumber:${subject.type}:${subject.id}`;
}

export type SetOutcome = 'added' | 'replaced' | 'unchanged';

/** A number sealed for its subject ahead of storing it, with its blind index (the CSV import's preview makes these). */
/**
 * A number sealed ahead of its write (the CSV import keeps one a row from preview to commit).
 * Held as hex, the form the set-wise insert takes: a Buffer of 41 bytes would cost its object
 * and keep the whole pool slab it was cut from alive (about 200 bytes a number, measured).
 */
export interface SealedNumber {
  subject: NumberSubject;
  sealedHex: string;
  blindIndex: string;
}

export function createMyNumberStore(db: Db, fields: FieldCrypto) {
  const find = db.prepare<[string, string], StoredNumber>('SELECT sealed, blind_index FROM my_numbers WHERE subject_type = ? AND subject_id = ?');
  const holderOf = db.prepare<[string], { subject_type: SubjectType; subject_id: string }>(
    'SELECT subject_type, subject_id FROM my_numbers WHERE blind_index = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO my_numbers (subject_type, subject_id, sealed, blind_index, set_at, set_by) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (subject_type, subject_id) DO UPDATE SET sealed = excluded.sealed, blind_index = excluded.blind_index,
       set_at = excluded.set_at, set_by = excluded.set_by`,
  );
  const holdersIn = db.prepare<[string], { blind_index: string; subject_type: SubjectType; subject_id: string }>(
    'SELECT blind_index, subject_type, subject_id FROM my_numbers WHERE blind_index IN (SELECT value FROM json_each(?))',
  );

  const insertMany = db.prepare(
    `INSERT INTO my_numbers (subject_type, subject_id, sealed, blind_index, set_at, set_by)
     SELECT value->>0, value->>1, unhex(value->>2), value->>3, ?, ? FROM json_each(?)`,
  );

  function store(subject: NumberSubject, index: string, sealed: () => Buffer, by: string | null, now: Date): SetOutcome {
    const existing = find.get(subject.type, subject.id);
    if (existing?.blind_index === index) return 'unchanged';
    upsert.run(subject.type, subject.id, sealed(), index, now.toISOString(), by);
    return existing ? 'replaced' : 'added';
  }

  return {
    /** The blind index of a number (an HMAC: it finds duplicates, never the number). */
    indexOf: (digits: string) => fields.blindIndex(digits, INDEX_PURPOSE),
    /** Who holds each of these blind indexes, for a whole file at once. */
    holdersOf(indexes: readonly string[]): Map<string, NumberSubject> {
      const found = new Map<string, NumberSubject>();
      for (let i = 0; i < indexes.length; i += 20_000) {
        for (const r of holdersIn.all(JSON.stringify(indexes.slice(i, i + 20_000)))) found.set(r.blind_index, { type: r.subject_type, id: r.subject_id });
      }
      return found;
    },
    /** The number sealed for its subject (bound to it as it will be stored), and its blind index. */
    sealFor(subject: NumberSubject, digits: string, blindIndex = fields.blindIndex(digits, INDEX_PURPOSE)): SealedNumber {
      return { subject, sealedHex: fields.seal(digits, sealContext(subject)).toString('hex'), blindIndex };
    },
    /** Stores a number sealed by sealFor. Call inside a transaction. */
    setSealed(number: SealedNumber, by: string | null, now: Date): SetOutcome {
      return store(number.subject, number.blindIndex, () => Buffer.from(number.sealedHex, 'hex'), by, now);
    },
    /** Numbers of subjects that hold none yet, all at once (sealed by sealFor). Call inside a transaction. */
    addSealed(numbers: readonly SealedNumber[], by: string | null, now: Date): void {
      if (numbers.length === 0) return;
      insertMany.run(now.toISOString(), by, JSON.stringify(numbers.map((n) => [n.subject.type, n.subject.id, n.sealedHex, n.blindIndex])));
    },
    has(subject: NumberSubject): boolean {
      return find.get(subject.type, subject.id) !== undefined;
    },
    /** Whether the subject holds exactly this number (compared through the blind index). */
    holdsThis(subject: NumberSubject, digits: string): boolean {
      return find.get(subject.type, subject.id)?.blind_index === fields.blindIndex(digits, INDEX_PURPOSE);
    },
    /** Who else holds this number, if anyone: duplicates are found without the number. */
    otherHolder(subject: NumberSubject, digits: string): NumberSubject | null {
      const row = holderOf.get(fields.blindIndex(digits, INDEX_PURPOSE));
      if (!row || (row.subject_type === subject.type && row.subject_id === subject.id)) return null;
      return { type: row.subject_type, id: row.subject_id };
    },
    /** Stores (or replaces) the subject's number. Call inside a transaction. */
    set(subject: NumberSubject, digits: string, by: string | null, now: Date): SetOutcome {
      return store(subject, fields.blindIndex(digits, INDEX_PURPOSE), () => fields.seal(digits, sealContext(subject)), by, now);
    },
    /** The plain number, or null when none is held. Only the audited paths call this: the reveal and an export with a purpose. */
    open(subject: NumberSubject): string | null {
      const row = find.get(subject.type, subject.id);
      return row ? fields.open(row.sealed, sealContext(subject)).toString('utf8') : null;
    },
  };
}

export type MyNumberStore = ReturnType<typeof createMyNumberStore>;
