// Submissions at rest: the SQL of the submissions module. The numbers a submission carries are
// sealed under the field key, bound to the submission and their slot in it (a sealed value
// copied elsewhere does not open), and wiped when the submission is decided; this file is the
// one place that opens them, for the approval that moves them into my_numbers.
import type { PROXY_APPROVAL, SUBMISSION_SOURCES, SUBMISSION_STATES } from '../../../../src-shared/contract';
import type { DocumentSet } from '../../../../src-shared/contract/collect';
import type { CrossCheckVerdict } from '../../../../src-shared/contract/crosscheck';
import type { Db } from '../../platform/db/open';
import type { FieldCrypto } from '../../platform/crypto/field';
import type { DependentFields } from '../dependents';
import type { SqlCondition } from '../registrants';

export type SubmissionState = (typeof SUBMISSION_STATES)[number];
export type SubmissionSource = (typeof SUBMISSION_SOURCES)[number];
export type ProxyApproval = (typeof PROXY_APPROVAL)[number];

export interface Actor {
  id: string;
  label: string | null;
}

export interface SubmittedDependent extends DependentFields {
  dependentId?: string | undefined;
  myNumber?: string | undefined;
  /** The phone form's id for a dependent it adds (its documents' subject). */
  tempId?: string | undefined;
  documentSet?: DocumentSet | undefined;
}

export interface NewSubmission {
  id: string;
  registrantId: string;
  source: SubmissionSource;
  reviewRequired: boolean;
  enteredBy: Actor | null;
  myNumber?: string | undefined;
  documentSet?: DocumentSet | undefined;
  dependents: readonly SubmittedDependent[];
}

export interface SubmittedDependentRecord {
  position: number;
  dependentId: string | null;
  relationship: DependentFields['relationship'];
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  birthDate: string | null;
  taxDependent: boolean;
  category3: boolean;
  hasMyNumber: boolean;
  tempId: string | null;
  documentSet: DocumentSet | null;
  crossCheck: CrossCheckVerdict | null;
}

export interface SubmissionRecord {
  id: string;
  registrantId: string;
  source: SubmissionSource;
  status: SubmissionState;
  reviewRequired: boolean;
  enteredBy: Actor | null;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: Actor | null;
  reason: string | null;
  hasMyNumber: boolean;
  documentSet: DocumentSet | null;
  /** Whether the number read from the ID photos matched the one typed; null until checked (or with nothing to check). */
  crossCheck: CrossCheckVerdict | null;
  dependents: SubmittedDependentRecord[];
}

/** The numbers of a pending submission, opened: the registrant's own, and by dependent position. */
export interface OpenedNumbers {
  self: string | null;
  dependents: Map<number, string>;
}

interface Row {
  id: string;
  registrant_id: string;
  source: SubmissionSource;
  state: SubmissionState;
  review_required: number;
  entered_by: string | null;
  entered_by_label: string | null;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
  decided_by_label: string | null;
  reason: string | null;
  has_number: number;
  document_set: DocumentSet | null;
  cross_check: CrossCheckVerdict | null;
}

interface DependentRow {
  position: number;
  dependent_id: string | null;
  relationship: DependentFields['relationship'];
  family_name: string;
  given_name: string;
  family_name_kana: string;
  given_name_kana: string;
  birth_date: string | null;
  tax_dependent: number;
  category3: number;
  has_number: number;
  temp_id: string | null;
  document_set: DocumentSet | null;
  cross_check: CrossCheckVerdict | null;
}

const COLUMNS = `id, registrant_id, source, state, review_required, entered_by, entered_by_label, created_at,
  decided_at, decided_by, decided_by_label, reason, has_number, document_set, cross_check`;
const DEPENDENT_COLUMNS = `position, dependent_id, relationship, family_name, given_name, family_name_kana, given_name_kana,
  birth_date, tax_dependent, category3, has_number, temp_id, document_set, cross_check`;

/** The associated data that ties a pending number to its submission and its slot in it. */
function sealContext(submissionId: string, slot: 'self' | number): string {
  return slot === 'self' ? `submission:${submissionId}:self` : `submission:${submissionId}:dependent:${slot}`;
}

const actorOf = (id: string | null, label: string | null): Actor | null => (id ? { id, label } : null);

const SETTINGS_KEY = 'submissions.review';

export function createSubmissionRepository(db: Db, fields: FieldCrypto) {
  const byId = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM submissions WHERE id = ?`);
  const dependentsOf = db.prepare<[string], DependentRow>(`SELECT ${DEPENDENT_COLUMNS} FROM submission_dependents WHERE submission_id = ? ORDER BY position`);
  const idsByRegistrant = db.prepare<[string], { id: string }>('SELECT id FROM submissions WHERE registrant_id = ? ORDER BY created_at, rowid');
  const insertSubmission = db.prepare(
    `INSERT INTO submissions (id, registrant_id, source, state, review_required, entered_by, entered_by_label, created_at, has_number, number_sealed, document_set)
     VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDependent = db.prepare(
    `INSERT INTO submission_dependents (submission_id, position, dependent_id, relationship, family_name, given_name,
       family_name_kana, given_name_kana, birth_date, tax_dependent, category3, has_number, number_sealed, temp_id, document_set)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  return {
    /** Stores a pending submission, its numbers sealed. Call inside a transaction. */
    insert(s: NewSubmission, now: Date): void {
      const sealedSelf = s.myNumber ? fields.seal(s.myNumber, sealContext(s.id, 'self')) : null;
      insertSubmission.run(s.id, s.registrantId, s.source, s.reviewRequired ? 1 : 0, s.enteredBy?.id ?? null, s.enteredBy?.label ?? null, now.toISOString(), sealedSelf ? 1 : 0, sealedSelf, s.documentSet ?? null);
      s.dependents.forEach((d, position) => {
        const sealed = d.myNumber ? fields.seal(d.myNumber, sealContext(s.id, position)) : null;
        insertDependent.run(
          s.id,
          position,
          d.dependentId ?? null,
          d.relationship,
          d.familyName,
          d.givenName,
          d.familyNameKana,
          d.givenNameKana,
          d.birthDate ?? null,
          d.taxDependent ? 1 : 0,
          d.category3 ? 1 : 0,
          sealed ? 1 : 0,
          sealed,
          d.tempId ?? null,
          d.documentSet ?? null,
        );
      });
    },

    findById(id: string): SubmissionRecord | null {
      const r = byId.get(id);
      if (!r) return null;
      return {
        id: r.id,
        registrantId: r.registrant_id,
        source: r.source,
        status: r.state,
        reviewRequired: r.review_required === 1,
        enteredBy: actorOf(r.entered_by, r.entered_by_label),
        createdAt: r.created_at,
        decidedAt: r.decided_at,
        decidedBy: actorOf(r.decided_by, r.decided_by_label),
        reason: r.reason,
        hasMyNumber: r.has_number === 1,
        documentSet: r.document_set,
        crossCheck: r.cross_check,
        dependents: dependentsOf.all(id).map((d) => ({
          position: d.position,
          dependentId: d.dependent_id,
          relationship: d.relationship,
          familyName: d.family_name,
          givenName: d.given_name,
          familyNameKana: d.family_name_kana,
          givenNameKana: d.given_name_kana,
          birthDate: d.birth_date,
          taxDependent: d.tax_dependent === 1,
          category3: d.category3 === 1,
          hasMyNumber: d.has_number === 1,
          tempId: d.temp_id,
          documentSet: d.document_set,
          crossCheck: d.cross_check,
        })),
      };
    },

    /**
     * One page of submissions (id and registrant) in the queue's order, oldest first, and the
     * total; only those whose registrant meets `scope` (the registrants module's condition on `r`).
     */
    page(state: SubmissionState | undefined, scope: SqlCondition, offset: number, limit: number): { refs: { id: string; registrantId: string }[]; total: number } {
      const where = `WHERE (${scope.sql})${state ? ' AND s.state = ?' : ''}`;
      const params = [...scope.params, ...(state ? [state] : [])];
      const from = `FROM submissions s JOIN registrants r ON r.id = s.registrant_id ${where}`;
      const total = (db.prepare(`SELECT count(*) AS n ${from}`).get(...params) as { n: number }).n;
      const refs = db
        .prepare<unknown[], { id: string; registrant_id: string }>(`SELECT s.id, s.registrant_id ${from} ORDER BY s.created_at, s.rowid LIMIT ? OFFSET ?`)
        .all(...params, limit, offset)
        .map((r) => ({ id: r.id, registrantId: r.registrant_id }));
      return { refs, total };
    },

    /** The ids of every submission made for a registrant, whatever became of it (for the audit trail's filter). */
    idsOfRegistrant(registrantId: string): string[] {
      return idsByRegistrant.all(registrantId).map((r) => r.id);
    },

    /** Why the registrant's latest submission was sent back (差戻し), if it was. */
    latestReturnReason(registrantId: string): string | null {
      const row = db
        .prepare<[string], { state: string; reason: string | null }>('SELECT state, reason FROM submissions WHERE registrant_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1')
        .get(registrantId);
      return row?.state === 'returned' ? row.reason : null;
    },

    /** How many submissions wait for review among the registrants that meet `scope`. */
    countPending(scope: SqlCondition): number {
      return (
        db.prepare(`SELECT count(*) AS n FROM submissions s JOIN registrants r ON r.id = s.registrant_id WHERE (${scope.sql}) AND s.state = 'pending'`).get(...scope.params) as {
          n: number;
        }
      ).n;
    },

    /** The pending numbers, opened. Only the approval calls this, before deciding. */
    openNumbers(id: string): OpenedNumbers {
      const self = db.prepare<[string], { number_sealed: Buffer | null }>("SELECT number_sealed FROM submissions WHERE id = ? AND state = 'pending'").get(id);
      const rows = db
        .prepare<[string], { position: number; number_sealed: Buffer }>('SELECT position, number_sealed FROM submission_dependents WHERE submission_id = ? AND number_sealed IS NOT NULL')
        .all(id);
      return {
        self: self?.number_sealed ? fields.open(self.number_sealed, sealContext(id, 'self')).toString('utf8') : null,
        dependents: new Map(rows.map((r) => [r.position, fields.open(r.number_sealed, sealContext(id, r.position)).toString('utf8')])),
      };
    },

    /**
     * Closes a pending submission and wipes its sealed numbers (the trigger wipes its
     * dependents'). False when it was no longer pending: it is decided once.
     */
    decide(id: string, state: Exclude<SubmissionState, 'pending'>, by: Actor | null, reason: string | null, now: Date): boolean {
      const result = db
        .prepare(
          `UPDATE submissions SET state = ?, decided_at = ?, decided_by = ?, decided_by_label = ?, reason = ?, number_sealed = NULL
           WHERE id = ? AND state = 'pending'`,
        )
        .run(state, now.toISOString(), by?.id ?? null, by?.label ?? null, reason, id);
      return result.changes === 1;
    },

    /** Phone submissions waiting for review whose cross-check has not been kept (the app closed meanwhile). */
    pendingWithoutCrossCheck(): string[] {
      return db
        .prepare<[], { id: string }>(
          `SELECT s.id FROM submissions s WHERE s.state = 'pending' AND s.source = 'registrant'
             AND (s.cross_check IS NULL OR EXISTS (SELECT 1 FROM submission_dependents d WHERE d.submission_id = s.id AND d.has_number = 1 AND d.document_set IS NOT NULL AND d.cross_check IS NULL))
           ORDER BY s.created_at`,
        )
        .all()
        .map((r) => r.id);
    },

    /** Keeps the cross-check's verdict for the registrant's number ('self') or a dependent's (by position). */
    setCrossCheck(id: string, slot: 'self' | number, verdict: CrossCheckVerdict): void {
      if (slot === 'self') db.prepare('UPDATE submissions SET cross_check = ? WHERE id = ?').run(verdict, id);
      else db.prepare('UPDATE submission_dependents SET cross_check = ? WHERE submission_id = ? AND position = ?').run(verdict, id, slot);
    },

    /** Notes the dependent an approved entry created. */
    setAppliedDependent(id: string, position: number, dependentId: string): void {
      db.prepare('UPDATE submission_dependents SET dependent_id = ? WHERE submission_id = ? AND position = ?').run(dependentId, id, position);
    },

    proxyApproval(): ProxyApproval {
      const row = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(SETTINGS_KEY);
      return row ? (JSON.parse(row.value) as { proxyApproval: ProxyApproval }).proxyApproval : 'auto';
    },
    setProxyApproval(value: ProxyApproval): void {
      db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(SETTINGS_KEY, JSON.stringify({ proxyApproval: value }));
    },
    /** Login users who could review a submission: admins and managers not disabled. */
    activeReviewers(): number {
      return (db.prepare("SELECT count(*) AS n FROM users WHERE role IN ('admin', 'manager') AND disabled = 0").get() as { n: number }).n;
    },
  };
}

export type SubmissionRepository = ReturnType<typeof createSubmissionRepository>;
