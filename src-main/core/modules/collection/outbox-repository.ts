// The SQL of the collection e-mails' outbox (migration 0160): batches, and one row per mail.
// A queued row holds its rendered message (recipient, subject, body with the link's token)
// sealed with the field key, bound to the row's id and its registrant, so a sealed message
// copied onto another row does not open; settling a row (sent or failed) wipes it. This file
// is the one place that seals or opens a message.
import { randomUUID } from 'node:crypto';
import type { MailFailureCode, MailKind } from '../../../../src-shared/collection-mail';
import type { RegistrantStatus } from '../../../../src-shared/domain';
import type { FieldCrypto } from '../../platform/crypto/field';
import type { Db } from '../../platform/db/open';
import type { MailMessage } from '../../platform/mail/mailer';
import { scopeCondition, type RegistrantScope } from '../registrants';
import type { InvitationRecord } from './repository';

const sealContext = (id: string, registrantId: string) => `mail_outbox:${id}:${registrantId}`;

export interface BatchCounts {
  batchId: string;
  kind: MailKind;
  createdAt: string;
  createdBy: string | null;
  total: number;
  queued: number;
  sent: number;
  failed: number;
  retrying: number;
  lastProblem: { code: MailFailureCode; text: string | null } | null;
}

/** A queued mail as the sender needs it: its message opened, and its link as it stands. */
export interface QueuedMail {
  id: string;
  batchId: string;
  kind: MailKind;
  registrantId: string;
  attempts: number;
  /** null when the sealed message does not open (tampered with, or moved from another row). */
  message: MailMessage | null;
  link: Pick<InvitationRecord, 'revokedReason' | 'expiresAt' | 'lockedUntil'>;
  registrantStatus: RegistrantStatus;
}

export interface FailedMail {
  id: string;
  registrantId: string;
  familyName: string;
  givenName: string;
  email: string | null;
  code: MailFailureCode;
  text: string | null;
  attempts: number;
  at: string | null;
}

interface QueuedRow {
  id: string;
  batch_id: string;
  kind: MailKind;
  registrant_id: string;
  attempts: number;
  sealed_message: Buffer;
  revoked_reason: InvitationRecord['revokedReason'];
  expires_at: string;
  locked_until: string | null;
  status: RegistrantStatus;
}

export function createOutboxRepository(db: Db, fields: FieldCrypto) {
  const insertBatch = db.prepare('INSERT INTO mail_batches (id, kind, created_at, created_by, created_by_label) VALUES (?, ?, ?, ?, ?)');
  const insertMail = db.prepare(
    "INSERT INTO mail_outbox (id, batch_id, registrant_id, invitation_id, state, sealed_message, queued_at) VALUES (?, ?, ?, ?, 'queued', ?, ?)",
  );
  const queuedIds = db.prepare<[number], { id: string }>("SELECT id FROM mail_outbox WHERE state = 'queued' ORDER BY seq LIMIT ?");
  const queuedById = db.prepare<[string], QueuedRow>(
    `SELECT o.id, o.batch_id, b.kind, o.registrant_id, o.attempts, o.sealed_message, i.revoked_reason, i.expires_at, i.locked_until, r.status
     FROM mail_outbox o JOIN mail_batches b ON b.id = o.batch_id JOIN invitations i ON i.id = o.invitation_id JOIN registrants r ON r.id = o.registrant_id
     WHERE o.id = ? AND o.state = 'queued'`,
  );
  const markSent = db.prepare(
    "UPDATE mail_outbox SET state = 'sent', sealed_message = NULL, attempts = attempts + 1, failure_code = NULL, failure_text = NULL, last_attempt_at = ?, settled_at = ? WHERE id = ? AND state = 'queued'",
  );
  const markFailed = db.prepare(
    "UPDATE mail_outbox SET state = 'failed', sealed_message = NULL, attempts = attempts + ?, failure_code = ?, failure_text = ?, last_attempt_at = coalesce(?, last_attempt_at), settled_at = ? WHERE id = ? AND state = 'queued'",
  );
  const markRetry = db.prepare(
    "UPDATE mail_outbox SET attempts = attempts + 1, failure_code = ?, failure_text = ?, last_attempt_at = ? WHERE id = ? AND state = 'queued'",
  );

  return {
    insertBatch(b: { id: string; kind: MailKind; createdAt: Date; createdBy: { id: string; label: string } | null }): void {
      insertBatch.run(b.id, b.kind, b.createdAt.toISOString(), b.createdBy?.id ?? null, b.createdBy?.label ?? null);
    },

    /** Queues one mail, its message sealed to the new row; its id. Call inside a transaction. */
    enqueue(m: { batchId: string; registrantId: string; invitationId: string; message: MailMessage }, now: Date): string {
      const id = randomUUID();
      insertMail.run(id, m.batchId, m.registrantId, m.invitationId, fields.seal(JSON.stringify(m.message), sealContext(id, m.registrantId)), now.toISOString());
      return id;
    },

    /** A failed row queued again with a new link and message (the previous try's reason dropped). */
    requeue(id: string, registrantId: string, invitationId: string, message: MailMessage, now: Date): void {
      db.prepare(
        `UPDATE mail_outbox SET state = 'queued', invitation_id = ?, sealed_message = ?, attempts = 0, failure_code = NULL, failure_text = NULL,
           queued_at = ?, last_attempt_at = NULL, settled_at = NULL WHERE id = ? AND state = 'failed'`,
      ).run(invitationId, fields.seal(JSON.stringify(message), sealContext(id, registrantId)), now.toISOString(), id);
    },

    /** The first `limit` queued rows' ids, oldest first. */
    queuedIds: (limit: number): string[] => queuedIds.all(limit).map((r) => r.id),

    /** A row still queued, its message opened; null once it has been settled (or deleted with its registrant). */
    queued(id: string): QueuedMail | null {
      const r = queuedById.get(id);
      if (!r) return null;
      let message: MailMessage | null;
      try {
        message = JSON.parse(fields.open(r.sealed_message, sealContext(r.id, r.registrant_id)).toString('utf8')) as MailMessage;
      } catch {
        message = null;
      }
      return {
        id: r.id,
        batchId: r.batch_id,
        kind: r.kind,
        registrantId: r.registrant_id,
        attempts: r.attempts,
        message,
        link: { revokedReason: r.revoked_reason, expiresAt: r.expires_at, lockedUntil: r.locked_until },
        registrantStatus: r.status,
      };
    },

    /** Call inside a transaction; false when the row was no longer queued. */
    markSent: (id: string, now: Date): boolean => markSent.run(now.toISOString(), now.toISOString(), id).changes === 1,
    /** Settles a row as failed; `tried`: whether this settles an attempt to send (not a link found dead first). */
    markFailed: (id: string, code: MailFailureCode, text: string | null, tried: boolean, now: Date): boolean =>
      markFailed.run(tried ? 1 : 0, code, text, tried ? now.toISOString() : null, now.toISOString(), id).changes === 1,
    /** Counts a try that will be made again. */
    markRetry: (id: string, code: MailFailureCode, text: string | null, now: Date): boolean => markRetry.run(code, text, now.toISOString(), id).changes === 1,

    /** A batch's counts over its rows within the scope; null when it has none there (or does not exist). */
    counts(batchId: string, scope: RegistrantScope): BatchCounts | null {
      const c = scopeCondition(scope);
      const batch = db
        .prepare<[string], { id: string; kind: MailKind; created_at: string; created_by_label: string | null }>(
          'SELECT id, kind, created_at, created_by_label FROM mail_batches WHERE id = ?',
        )
        .get(batchId);
      if (!batch) return null;
      const rows = db
        .prepare<unknown[], { state: 'queued' | 'sent' | 'failed'; n: number; tried: number }>(
          `SELECT o.state, count(*) AS n, sum(o.attempts > 0) AS tried FROM mail_outbox o JOIN registrants r ON r.id = o.registrant_id
           WHERE o.batch_id = ? AND ${c.sql} GROUP BY o.state`,
        )
        .all(batchId, ...c.params);
      const n = (state: string) => rows.find((r) => r.state === state)?.n ?? 0;
      const total = n('queued') + n('sent') + n('failed');
      if (total === 0) return null;
      const problem = db
        .prepare<unknown[], { failure_code: MailFailureCode; failure_text: string | null }>(
          `SELECT o.failure_code, o.failure_text FROM mail_outbox o JOIN registrants r ON r.id = o.registrant_id
           WHERE o.batch_id = ? AND o.state = 'queued' AND o.failure_code IS NOT NULL AND ${c.sql} ORDER BY o.last_attempt_at DESC LIMIT 1`,
        )
        .get(batchId, ...c.params);
      return {
        batchId: batch.id,
        kind: batch.kind,
        createdAt: batch.created_at,
        createdBy: batch.created_by_label,
        total,
        queued: n('queued'),
        sent: n('sent'),
        failed: n('failed'),
        retrying: rows.find((r) => r.state === 'queued')?.tried ?? 0,
        lastProblem: problem ? { code: problem.failure_code, text: problem.failure_text } : null,
      };
    },

    /** The latest batches with a row within the scope, newest first. */
    recentBatchIds(scope: RegistrantScope, limit: number): string[] {
      const c = scopeCondition(scope);
      return db
        .prepare<unknown[], { id: string }>(
          `SELECT b.id FROM mail_batches b
           WHERE EXISTS (SELECT 1 FROM mail_outbox o JOIN registrants r ON r.id = o.registrant_id WHERE o.batch_id = b.id AND ${c.sql})
           ORDER BY b.created_at DESC, b.rowid DESC LIMIT ?`,
        )
        .all(...c.params, limit)
        .map((r) => r.id);
    },

    /** A batch's failed rows within the scope, in gojūon order of their registrants. */
    failures(batchId: string, scope: RegistrantScope): FailedMail[] {
      const c = scopeCondition(scope);
      return db
        .prepare<unknown[], { id: string; registrant_id: string; family_name: string; given_name: string; email: string | null; failure_code: MailFailureCode; failure_text: string | null; attempts: number; settled_at: string | null }>(
          `SELECT o.id, o.registrant_id, r.family_name, r.given_name, r.email, o.failure_code, o.failure_text, o.attempts, o.settled_at
           FROM mail_outbox o JOIN registrants r ON r.id = o.registrant_id
           WHERE o.batch_id = ? AND o.state = 'failed' AND ${c.sql}
           ORDER BY r.family_name_kana, r.given_name_kana, r.seq`,
        )
        .all(batchId, ...c.params)
        .map((r) => ({
          id: r.id,
          registrantId: r.registrant_id,
          familyName: r.family_name,
          givenName: r.given_name,
          email: r.email,
          code: r.failure_code,
          text: r.failure_text,
          attempts: r.attempts,
          at: r.settled_at,
        }));
    },

    kindOf(batchId: string): MailKind | null {
      return db.prepare<[string], { kind: MailKind }>('SELECT kind FROM mail_batches WHERE id = ?').get(batchId)?.kind ?? null;
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
