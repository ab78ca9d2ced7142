// The audit trail: append-only rows (triggers refuse UPDATE and DELETE) chained by
// hash = HMAC(auditKey, prevHash ‖ canonical(entry)), and a MACed head so that cutting
// entries off the end is caught as well. No entry ever holds a number, password, code or key.
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import { AUDIT_COUNT_CAP, type AUDIT_CHAIN_PROBLEMS, type AuditRow } from '../../../../src-shared/contract';
import {
  ROUTINE_VIEW_ACTIONS,
  type AuditAction,
  type AuditOutcome,
  type AuditReason,
  type AuditTargetKind,
} from '../../../../src-shared/audit-vocabulary';
import type { Db } from '../db/open';

export type { AuditOutcome };

type DetailValue = string | number | boolean | null;

export interface AuditEntry {
  actorId?: string | null;
  actorLabel?: string | null;
  action: AuditAction;
  outcome?: AuditOutcome;
  targetType?: AuditTargetKind | null;
  targetId?: string | null;
  /** Small, non-secret facts (a reason code, a channel name). Never a secret. */
  detail?: ({ reason?: AuditReason } & Record<string, DetailValue | undefined>) | null;
}

interface StoredRow {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  outcome: AuditOutcome;
  target_type: string | null;
  target_id: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

/**
 * The purpose of use an entry was made for: `purposeId` (reveals, exports) or `purpose`
 * (image views). Written exactly as migration 0240's index is, so a purpose filter uses it.
 */
export const AUDIT_PURPOSE_SQL = "coalesce(json_extract(detail, '$.purposeId'), json_extract(detail, '$.purpose'))";

/** Keys sorted at every depth, so the same entry always hashes the same. */
function canonical(row: Omit<StoredRow, 'prev_hash' | 'hash'>): string {
  return JSON.stringify([
    row.seq,
    row.at,
    row.actor_id,
    row.actor_label,
    row.action,
    row.outcome,
    row.target_type,
    row.target_id,
    row.detail,
  ]);
}

// Words that must never name a detail field: a secret has no place in the trail.
const SECRET_WORDS = new Set(['password', 'passcode', 'passphrase', 'secret', 'code', 'token', 'otp', 'totp', 'key', 'mynumber']);

function looksSecret(field: string): boolean {
  const words = field.split(/(?=[A-Z])|[_\s-]+/).map((w) => w.toLowerCase());
  return words.some((w) => SECRET_WORDS.has(w)) || /mynumber|my_number/i.test(field);
}

// The answer for each detail key seen (keys are the code's own names, a few dozen in all).
const keyChecked = new Map<string, boolean>();
function keyLooksSecret(field: string): boolean {
  let secret = keyChecked.get(field);
  if (secret === undefined) {
    secret = looksSecret(field);
    if (keyChecked.size < 10_000) keyChecked.set(field, secret);
  }
  return secret;
}

function detailJson(detail: AuditEntry['detail']): string | null {
  if (!detail) return null;
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(detail).sort()) {
    if (keyLooksSecret(k)) throw new Error(`audit detail key "${k}" looks like a secret`);
    if (detail[k] !== undefined) sorted[k] = detail[k];
  }
  return JSON.stringify(sorted);
}

/** The chain's last entry, MACed; kept in the database and, mirrored, outside it. */
export interface AuditHead {
  seq: number;
  hash: string;
  mac: string;
}

export type ChainProblem = (typeof AUDIT_CHAIN_PROBLEMS)[number];

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBadSeq?: number;
  problem?: ChainProblem;
}

export interface AuditLog {
  /** Appends one entry; call inside the transaction of the change it records. */
  append(entry: AuditEntry, at: Date): number;
  /** A page, newest first, and how many match (counted up to AUDIT_COUNT_CAP; totalIsLowerBound past it). */
  query(filter: AuditFilter, offset: number, limit: number): { rows: Omit<AuditRow, 'targetLabel'>[]; total: number; totalIsLowerBound: boolean };
  /** The filtered entries newest first, at most `limit`, without counting them all. */
  rows(filter: AuditFilter, limit: number): Omit<AuditRow, 'targetLabel'>[];
  /** The last entry recorded before `before` (an ISO instant), as the chain stood then. */
  headBefore(before: string): { seq: number; hash: string; at: string } | null;
  /** The head as the database holds it now (null before the first entry). */
  head(): AuditHead | null;
  /**
   * Walks the whole chain, then holds the database against `outside`, the head kept outside
   * it: an older copy of the file, or one with its tail cut, falls short of that head.
   */
  verify(outside?: AuditHead | null): ChainVerification;
  /** The quick part of verify: the database against the outside head only. */
  checkHead(outside: AuditHead | null): ChainProblem | null;
  /** Notes (once) that the head has been written outside: from then on it must be there. */
  markMirrored(at: Date): void;
  /** Whether the head has ever been written outside this database. */
  wasMirrored(): boolean;
}

export interface AuditFilter {
  from?: string;
  to?: string;
  actorId?: string;
  action?: string;
  outcome?: AuditOutcome;
  targetId?: string;
  /** Entries whose target is any of these (through the audit_log_target index); none when empty. */
  targetIds?: readonly string[];
  hideRoutineViews?: boolean;
  /** The purpose of use in the entry's detail (AUDIT_PURPOSE_SQL). */
  purpose?: string;
  /** What the caller may read, from the registrants module's scope (named parameters); absent: everything. */
  visible?: { sql: string; params: Record<string, string> } | null;
}

export interface AuditLogOptions {
  /** Told after each append (inside its transaction): the head mirror schedules a write. */
  onAppend?: () => void;
}

export function createAuditLog(db: Db, auditKeyHex: string, { onAppend }: AuditLogOptions = {}): AuditLog {
  // Imported once, not at each of the two MACs of every append.
  const key = createSecretKey(Buffer.from(auditKeyHex, 'hex'));
  const mac = (data: string) => createHmac('sha256', key).update(data, 'utf8').digest('hex');
  const chainHash = (prevHash: string, row: Omit<StoredRow, 'prev_hash' | 'hash'>) => mac(`${prevHash}\n${canonical(row)}`);
  const headMac = (seq: number, hash: string) => mac(`head\n${seq}\n${hash}`);

  const lastRow = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(
    `INSERT INTO audit_log (seq, at, actor_id, actor_label, action, outcome, target_type, target_id, detail, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const upsertHead = db.prepare(
    `INSERT INTO audit_head (id, seq, hash, mac) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac`,
  );
  const readHead = db.prepare<[], AuditHead>('SELECT seq, hash, mac FROM audit_head WHERE id = 1');
  const hashAt = db.prepare<[number], { hash: string }>('SELECT hash FROM audit_log WHERE seq = ?');
  // Prepared when first asked (the column arrives with migration 0030).
  const wasMirrored = () =>
    !!db.prepare<[], { mirrored_at: string | null }>('SELECT mirrored_at FROM audit_head WHERE id = 1').get()?.mirrored_at;

  function checkHead(outside: AuditHead | null): ChainProblem | null {
    // None outside: fine for a vault that never mirrored one (new, or older than the mirror).
    if (!outside) return wasMirrored() ? 'head_missing' : null;
    if (!safeEqual(outside.mac, headMac(outside.seq, outside.hash))) return 'head_mismatch';
    const row = hashAt.get(outside.seq);
    if (!row) return 'older_than_head';
    return safeEqual(row.hash, outside.hash) ? null : 'head_mismatch';
  }

  return {
    append(entry, at) {
      const last = lastRow.get();
      const row = {
        seq: (last?.seq ?? 0) + 1,
        at: at.toISOString(),
        actor_id: entry.actorId ?? null,
        actor_label: entry.actorLabel ?? null,
        action: entry.action,
        outcome: entry.outcome ?? 'success',
        target_type: entry.targetType ?? null,
        target_id: entry.targetId ?? null,
        detail: detailJson(entry.detail),
      };
      const prevHash = last?.hash ?? GENESIS;
      const hash = chainHash(prevHash, row);
      insert.run(row.seq, row.at, row.actor_id, row.actor_label, row.action, row.outcome, row.target_type, row.target_id, row.detail, prevHash, hash);
      upsertHead.run(row.seq, hash, headMac(row.seq, hash));
      onAppend?.();
      return row.seq;
    },

    head: () => readHead.get() ?? null,
    checkHead,
    wasMirrored,
    markMirrored(at) {
      db.prepare('UPDATE audit_head SET mirrored_at = ? WHERE id = 1 AND mirrored_at IS NULL').run(at.toISOString());
    },

    query(filter, offset, limit) {
      const { clause, params } = whereOf(filter);
      // Counted up to the cap only: an exact count of a million entries costs a read of them all.
      const counted = (db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM audit_log ${clause} LIMIT @cap)`).get({ ...params, cap: AUDIT_COUNT_CAP + 1 }) as { n: number }).n;
      const rows = db
        .prepare(`SELECT * FROM audit_log ${clause} ORDER BY seq DESC LIMIT @limit OFFSET @offset`)
        .all({ ...params, limit, offset }) as StoredRow[];
      return { total: Math.min(counted, AUDIT_COUNT_CAP), totalIsLowerBound: counted > AUDIT_COUNT_CAP, rows: rows.map(toRow) };
    },

    rows(filter, limit) {
      const { clause, params } = whereOf(filter);
      const rows = db.prepare(`SELECT * FROM audit_log ${clause} ORDER BY seq DESC LIMIT @limit`).all({ ...params, limit }) as StoredRow[];
      return rows.map(toRow);
    },

    headBefore(before) {
      // Entries are appended in time order: the newest before the instant is the head then.
      return db.prepare<[string], { seq: number; hash: string; at: string }>('SELECT seq, hash, at FROM audit_log WHERE at < ? ORDER BY at DESC, seq DESC LIMIT 1').get(before) ?? null;
    },

    verify(outside = null) {
      let prevHash = GENESIS;
      let expectedSeq = 1;
      let checked = 0;
      for (const r of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<StoredRow>) {
        const { prev_hash, hash, ...row } = r;
        const good = r.seq === expectedSeq && prev_hash === prevHash && safeEqual(hash, chainHash(prevHash, row));
        if (!good) return { ok: false, checked, firstBadSeq: r.seq, problem: 'entry_altered' };
        prevHash = hash;
        expectedSeq++;
        checked++;
      }
      const head = readHead.get();
      const lastSeq = expectedSeq - 1;
      const headGood = head
        ? head.seq === lastSeq && head.hash === prevHash && safeEqual(head.mac, headMac(head.seq, head.hash))
        : lastSeq === 0;
      if (!headGood) return { ok: false, checked, firstBadSeq: lastSeq + 1, problem: 'tail_cut' };
      const problem = checkHead(outside);
      if (problem === 'older_than_head') return { ok: false, checked, firstBadSeq: lastSeq + 1, problem };
      if (problem === 'head_missing' || !outside) return problem ? { ok: false, checked, problem } : { ok: true, checked };
      if (problem) return { ok: false, checked, firstBadSeq: Math.min(outside.seq, lastSeq + 1), problem };
      return { ok: true, checked };
    },
  };
}

function whereOf(filter: AuditFilter): { clause: string; params: Record<string, string> } {
  const conditions: [string, string, string | undefined][] = [
    // `+at`: checked on the rows, never read through the time index (the seq range below is).
    ['+at >= @from', 'from', filter.from && new Date(filter.from).toISOString()],
    ['+at <= @to', 'to', filter.to && new Date(filter.to).toISOString()],
    ['actor_id = @actorId', 'actorId', filter.actorId],
    ['action = @action', 'action', filter.action],
    ['outcome = @outcome', 'outcome', filter.outcome],
    ['target_id = @targetId', 'targetId', filter.targetId],
    [`${AUDIT_PURPOSE_SQL} = @purpose`, 'purpose', filter.purpose],
  ];
  const where: string[] = [];
  const params: Record<string, string> = {};
  for (const [sql, name, value] of conditions) {
    if (!value) continue;
    where.push(sql);
    params[name] = value;
  }
  // Entries are appended in time order, so a period is also a range of seq, found through the
  // time index in two steps; with it every other index (by seq within its key) reads just the
  // period. (Should the clock ever have gone back, entries outside the range stay out.)
  if (params.from) where.push('seq >= (SELECT seq FROM audit_log WHERE at >= @from ORDER BY at, seq LIMIT 1)');
  if (params.to) where.push('seq <= (SELECT seq FROM audit_log WHERE at <= @to ORDER BY at DESC, seq DESC LIMIT 1)');
  if (filter.targetIds) {
    filter.targetIds.forEach((id, i) => (params[`target${i}`] = id));
    where.push(filter.targetIds.length ? `target_id IN (${filter.targetIds.map((_, i) => `@target${i}`).join(', ')})` : '0');
  }
  if (filter.hideRoutineViews) {
    ROUTINE_VIEW_ACTIONS.forEach((action, i) => (params[`view${i}`] = action));
    // `+action`: a condition on the rows read, not a walk of the action index.
    where.push(`+action NOT IN (${ROUTINE_VIEW_ACTIONS.map((_, i) => `@view${i}`).join(', ')})`);
  }
  if (filter.visible) {
    where.push(filter.visible.sql);
    Object.assign(params, filter.visible.params);
  }
  return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

function toRow(r: StoredRow): Omit<AuditRow, 'targetLabel'> {
  return {
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    action: r.action,
    outcome: r.outcome,
    targetType: r.target_type,
    targetId: r.target_id,
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
  };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The head as a database holds it, read without an audit log (for `mnv recover`). */
export function readStoredHead(db: Db): AuditHead | null {
  return db.prepare<[], AuditHead>('SELECT seq, hash, mac FROM audit_head WHERE id = 1').get() ?? null;
}

/** The text a key store keeps for a head: the same for the mirror and for recovery. */
export function serializeHead(head: AuditHead): string {
  return JSON.stringify({ seq: head.seq, hash: head.hash, mac: head.mac });
}
