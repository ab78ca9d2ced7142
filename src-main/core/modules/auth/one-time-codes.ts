// One-time codes sent by e-mail: 6 random digits, stored as an HMAC (a bare hash of six
// digits is reversed in a moment), valid 10 minutes, single use, at most 5 tries.
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../platform/db/open';
import type { FieldCrypto } from '../../platform/crypto/field';

export const CODE_TTL_MS = 10 * 60 * 1000;
export const CODE_MAX_ATTEMPTS = 5;
export const RESEND_INTERVAL_MS = 60 * 1000;
export const MAX_CODES_PER_HOUR = 5;

export type CodePurpose = 'login' | 'reset';
export type CodeCheck = 'ok' | 'wrong' | 'spent';

interface Row {
  id: string;
  user_id: string | null;
  code_hash: string;
  expires_at: string;
  attempts: number;
  used_at: string | null;
}

export function createOneTimeCodes(db: Db, fields: FieldCrypto) {
  const hashOf = (id: string, code: string) => fields.blindIndex(`${id}:${code}`, 'one-time-code');
  const byId = db.prepare<[string, string], Row>('SELECT * FROM one_time_codes WHERE id = ? AND purpose = ?');

  return {
    /** Issues a code (call inside a transaction); returns its id and the digits to send. */
    issue(userId: string | null, purpose: CodePurpose, now: Date): { id: string; code: string } {
      const id = randomBytes(16).toString('hex');
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      // For an unknown user the stored hash can never match: the flow looks the same but cannot succeed.
      const codeHash = userId ? hashOf(id, code) : 'unsatisfiable';
      db.prepare(
        'INSERT INTO one_time_codes (id, user_id, purpose, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(id, userId, purpose, codeHash, now.toISOString(), new Date(now.getTime() + CODE_TTL_MS).toISOString());
      // Spent codes of this user and purpose are no longer needed.
      db.prepare('DELETE FROM one_time_codes WHERE expires_at < ?').run(new Date(now.getTime() - 24 * 3600 * 1000).toISOString());
      return { id, code };
    },

    /**
     * Checks a code (call inside a transaction). A wrong one spends a try; a right one stays
     * valid until `consume`, so a caller can still refuse (a weak new password) without using it up.
     */
    check(id: string, purpose: CodePurpose, code: string, now: Date): { result: CodeCheck; userId: string | null } {
      const row = byId.get(id, purpose);
      if (!row || row.used_at || row.expires_at <= now.toISOString() || row.attempts >= CODE_MAX_ATTEMPTS) {
        return { result: 'spent', userId: row?.user_id ?? null };
      }
      const expected = Buffer.from(row.code_hash);
      const actual = Buffer.from(hashOf(id, code));
      if (row.user_id && expected.length === actual.length && timingSafeEqual(expected, actual)) {
        return { result: 'ok', userId: row.user_id };
      }
      db.prepare('UPDATE one_time_codes SET attempts = attempts + 1 WHERE id = ?').run(id);
      return { result: row.attempts + 1 >= CODE_MAX_ATTEMPTS ? 'spent' : 'wrong', userId: row.user_id };
    },

    /** Whose code this is (null for a decoy or an unknown id), without spending a try. */
    ownerOf(id: string, purpose: CodePurpose): string | null {
      return byId.get(id, purpose)?.user_id ?? null;
    },

    /** Marks a code used: after a successful check, or when a resend replaces it. */
    consume(id: string, now: Date): void {
      db.prepare('UPDATE one_time_codes SET used_at = coalesce(used_at, ?) WHERE id = ?').run(now.toISOString(), id);
    },

    /** Whether another code may be sent to this user now: one a minute, five an hour. */
    maySend(userId: string, purpose: CodePurpose, now: Date): { ok: true } | { ok: false; retryAt: Date } {
      const recent = db
        .prepare<[string, string, string], { created_at: string }>(
          'SELECT created_at FROM one_time_codes WHERE user_id = ? AND purpose = ? AND created_at > ? ORDER BY created_at DESC',
        )
        .all(userId, purpose, new Date(now.getTime() - 60 * 60 * 1000).toISOString());
      const last = recent[0] ? new Date(recent[0].created_at).getTime() : 0;
      if (last + RESEND_INTERVAL_MS > now.getTime()) return { ok: false, retryAt: new Date(last + RESEND_INTERVAL_MS) };
      if (recent.length >= MAX_CODES_PER_HOUR) return { ok: false, retryAt: new Date(new Date(recent.at(-1)!.created_at).getTime() + 60 * 60 * 1000) };
      return { ok: true };
    },
  };
}

export type OneTimeCodes = ReturnType<typeof createOneTimeCodes>;
