// The SQL of collection: its settings (a row of the settings table) and the invitation links.
// A link's token is never stored, only its HMAC (token_hash).
import { DEFAULT_MAIL_TEMPLATES, type MailTemplates } from '../../../../src-shared/collection-mail';
import { LINK_VALID_DAYS_DEFAULT } from '../../../../src-shared/contract';
import type { Db } from '../../platform/db/open';

export interface CollectionSettings {
  companyName: string;
  /** argon2id of the company passcode, or null while none is set. */
  passcodeHash: string | null;
  requireBirthDate: boolean;
  linkValidDays: number;
}

export const DEFAULT_COLLECTION: CollectionSettings = { companyName: '', passcodeHash: null, requireBirthDate: false, linkValidDays: LINK_VALID_DAYS_DEFAULT };

export type RevokedReason = 'replaced' | 'revoked' | 'blocked';

export interface InvitationRecord {
  id: string;
  registrantId: string;
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedReason: RevokedReason | null;
  failures: number;
  lockedUntil: string | null;
  lastOpenedAt: string | null;
}

interface Row {
  id: string;
  registrant_id: string;
  issued_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_reason: RevokedReason | null;
  failures: number;
  locked_until: string | null;
  last_opened_at: string | null;
}

const COLUMNS = 'id, registrant_id, issued_at, expires_at, revoked_at, revoked_reason, failures, locked_until, last_opened_at';

function toRecord(r: Row): InvitationRecord {
  return {
    id: r.id,
    registrantId: r.registrant_id,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    revokedReason: r.revoked_reason,
    failures: r.failures,
    lockedUntil: r.locked_until,
    lastOpenedAt: r.last_opened_at,
  };
}

export function createCollectionRepository(db: Db) {
  const settingsRow = db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'collection'");
  const byTokenHash = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM invitations WHERE token_hash = ?`);
  const liveOf = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM invitations WHERE registrant_id = ? AND revoked_at IS NULL`);
  const byId = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM invitations WHERE id = ?`);

  return {
    settings(): CollectionSettings {
      const row = settingsRow.get();
      return { ...DEFAULT_COLLECTION, ...(row ? (JSON.parse(row.value) as Partial<CollectionSettings>) : {}) };
    },
    setSettings(value: CollectionSettings): void {
      db.prepare("INSERT INTO settings (key, value) VALUES ('collection', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(value));
    },

    /** The collection e-mails' templates: the stored ones, the defaults for any not stored. */
    mailTemplates(): MailTemplates {
      const row = db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'collection.mailTemplates'").get();
      return { ...DEFAULT_MAIL_TEMPLATES, ...(row ? (JSON.parse(row.value) as Partial<MailTemplates>) : {}) };
    },
    setMailTemplates(value: MailTemplates): void {
      db.prepare("INSERT INTO settings (key, value) VALUES ('collection.mailTemplates', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(value));
    },

    findByTokenHash: (tokenHash: string): InvitationRecord | null => {
      const r = byTokenHash.get(tokenHash);
      return r ? toRecord(r) : null;
    },
    findById: (id: string): InvitationRecord | null => {
      const r = byId.get(id);
      return r ? toRecord(r) : null;
    },
    liveOf: (registrantId: string): InvitationRecord | null => {
      const r = liveOf.get(registrantId);
      return r ? toRecord(r) : null;
    },
    history: (registrantId: string): InvitationRecord[] =>
      db
        .prepare<[string], Row>(`SELECT ${COLUMNS} FROM invitations WHERE registrant_id = ? ORDER BY issued_at DESC, rowid DESC LIMIT 50`)
        .all(registrantId)
        .map(toRecord),

    insert(i: { id: string; registrantId: string; tokenHash: string; issuedBy: string | null; issuedAt: Date; expiresAt: Date }): void {
      db.prepare('INSERT INTO invitations (id, registrant_id, token_hash, issued_at, issued_by, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        i.id,
        i.registrantId,
        i.tokenHash,
        i.issuedAt.toISOString(),
        i.issuedBy,
        i.expiresAt.toISOString(),
      );
    },

    /** Revokes the registrant's live link, if any; returns it. */
    revokeLive(registrantId: string, reason: RevokedReason, now: Date): InvitationRecord | null {
      const live = liveOf.get(registrantId);
      if (!live) return null;
      db.prepare('UPDATE invitations SET revoked_at = ?, revoked_reason = ? WHERE id = ?').run(now.toISOString(), reason, live.id);
      return toRecord(live);
    },

    /** Counts a failure; locks the link until `lockedUntil`, or blocks it for good. */
    recordFailure(id: string, failures: number, lockedUntil: Date | null, block: boolean, now: Date): void {
      db.prepare(
        `UPDATE invitations SET failures = ?, locked_until = coalesce(?, locked_until),
           revoked_at = CASE WHEN ? THEN ? ELSE revoked_at END, revoked_reason = CASE WHEN ? THEN 'blocked' ELSE revoked_reason END
         WHERE id = ?`,
      ).run(failures, lockedUntil?.toISOString() ?? null, block ? 1 : 0, now.toISOString(), block ? 1 : 0, id);
    },

    markOpened(id: string, now: Date): void {
      db.prepare('UPDATE invitations SET last_opened_at = ? WHERE id = ?').run(now.toISOString(), id);
    },
  };
}

export type CollectionRepository = ReturnType<typeof createCollectionRepository>;
