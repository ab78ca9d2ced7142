// The SQL of retention and disposal: the rules per attribute, the due list's rows, what a
// subject still holds, the deletions themselves and the disposal record. The deletions reach the
// other modules' tables by their registrant or dependent: disposal is the one place that
// removes a person's rows for good, so it names every table that holds any of them.
import type { Db } from '../../platform/db/open';
import { scopeCondition, type RegistrantScope } from '../registrants';
import type { RetentionBasis } from '../../../../src-shared/retention';
import type { DisposalItemKind, DisposalScope } from '../../../../src-shared/contract';

export interface RuleRow {
  attribute_code: string;
  years: number;
  basis: RetentionBasis;
}

export interface DueCandidate {
  id: string;
  employee_code: string | null;
  family_name: string;
  given_name: string;
  leave_date: string;
  attributes: string | null;
  has_my_number: number;
  document_count: number;
  dependent_count: number;
  dependent_number_count: number;
}

export interface NewDisposalRecord {
  id: string;
  batchId: string;
  disposedAt: string;
  actorId: string;
  actorLabel: string;
  subjectType: 'registrant' | 'dependent';
  subjectId: string;
  employeeCode: string | null;
  subjectName: string;
  registrantName: string | null;
  scope: DisposalScope;
  items: Partial<Record<DisposalItemKind, number>>;
  reason: string;
}

export interface StoredDisposalRecord {
  id: string;
  batch_id: string;
  disposed_at: string;
  actor_label: string;
  subject_type: 'registrant' | 'dependent';
  subject_id: string;
  employee_code: string | null;
  subject_name: string;
  registrant_name: string | null;
  scope: DisposalScope;
  items: string;
  reason: string;
}

/** The documents of one dependent: those the phone form handed in under the temporary id a submission gave them. */
const DEPENDENT_DOCUMENTS = `SELECT d.id FROM documents d
  JOIN submission_dependents sd ON sd.submission_id = d.submission_id AND sd.temp_id = d.subject
  WHERE sd.dependent_id = ?`;

export function createDisposalRepository(db: Db) {
  const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
  const run = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params).changes;

  return {
    rules(): RuleRow[] {
      return db.prepare<[], RuleRow>('SELECT attribute_code, years, basis FROM retention_rules').all();
    },
    setRule(code: string, years: number, basis: RetentionBasis, by: string, now: Date): void {
      db.prepare(
        `INSERT INTO retention_rules (attribute_code, years, basis, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (attribute_code) DO UPDATE SET years = excluded.years, basis = excluded.basis, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      ).run(code, years, basis, now.toISOString(), by);
    },

    /** Registrants in the scope with a leave or end date, with what of theirs is still held. */
    candidates(scope: RegistrantScope): DueCandidate[] {
      const c = scopeCondition(scope);
      return db
        .prepare(
          `SELECT r.id, r.employee_code, r.family_name, r.given_name, r.leave_date, r.has_my_number,
             (SELECT group_concat(code) FROM registrant_attributes ra WHERE ra.registrant_id = r.id) AS attributes,
             (SELECT count(*) FROM documents d WHERE d.registrant_id = r.id) AS document_count,
             (SELECT count(*) FROM dependents p WHERE p.registrant_id = r.id) AS dependent_count,
             (SELECT count(*) FROM dependents p JOIN my_numbers m ON m.subject_type = 'dependent' AND m.subject_id = p.id
               WHERE p.registrant_id = r.id) AS dependent_number_count
           FROM registrants r WHERE r.leave_date IS NOT NULL AND ${c.sql}`,
        )
        .all(...c.params) as DueCandidate[];
    },

    hasPendingSubmission(registrantId: string): boolean {
      return count("SELECT count(*) AS n FROM submissions WHERE registrant_id = ? AND state = 'pending'", registrantId) > 0;
    },

    /** The number, the ID images (with their thumbnails) of a registrant and of all their dependents. Inside a transaction. */
    deleteRegistrantNumbersAndDocuments(registrantId: string): Partial<Record<DisposalItemKind, number>> {
      const myNumber = run("DELETE FROM my_numbers WHERE subject_type = 'registrant' AND subject_id = ?", registrantId);
      const dependentNumbers = run(
        "DELETE FROM my_numbers WHERE subject_type = 'dependent' AND subject_id IN (SELECT id FROM dependents WHERE registrant_id = ?)",
        registrantId,
      );
      const documents = run('DELETE FROM documents WHERE registrant_id = ?', registrantId);
      return { myNumber, dependentNumbers, documents };
    },

    /**
     * The whole record: the number, and the registrant's row, whose deletion cascades to their
     * attributes, dependents (whose numbers go by trigger), status history, submissions with
     * their dependents' rows, documents, invitation links and queued mails; the search index
     * rows go by trigger. Inside a transaction.
     */
    deleteRegistrant(registrantId: string): Partial<Record<DisposalItemKind, number>> {
      const counts = {
        dependents: count('SELECT count(*) AS n FROM dependents WHERE registrant_id = ?', registrantId),
        submissions: count('SELECT count(*) AS n FROM submissions WHERE registrant_id = ?', registrantId),
      };
      const held = this.deleteRegistrantNumbersAndDocuments(registrantId);
      const record = run('DELETE FROM registrants WHERE id = ?', registrantId);
      return { ...held, ...counts, record };
    },

    /** A dependent's number and the ID images handed in for them. Inside a transaction. */
    deleteDependentNumberAndDocuments(dependentId: string): Partial<Record<DisposalItemKind, number>> {
      const dependentNumbers = run("DELETE FROM my_numbers WHERE subject_type = 'dependent' AND subject_id = ?", dependentId);
      const documents = run(`DELETE FROM documents WHERE id IN (${DEPENDENT_DOCUMENTS})`, dependentId);
      return { dependentNumbers, documents };
    },

    /**
     * The dependent's row, their number and images, and the rows of submissions that named
     * them (which hold their names and birth date: the foreign key would only clear the link).
     */
    deleteDependent(dependentId: string): Partial<Record<DisposalItemKind, number>> {
      const held = this.deleteDependentNumberAndDocuments(dependentId);
      run('DELETE FROM submission_dependents WHERE dependent_id = ?', dependentId);
      const dependents = run('DELETE FROM dependents WHERE id = ?', dependentId);
      return { ...held, dependents };
    },

    /**
     * Rewrites the search indexes without the deleted rows. An FTS5 delete only adds a
     * tombstone: the deleted row's tokens (pieces of names, readings, e-mail) stay in the
     * index's older segments until they are merged, which 'optimize' does now.
     */
    optimizeSearchIndexes(): void {
      db.prepare("INSERT INTO registrant_fts (registrant_fts) VALUES ('optimize')").run();
      db.prepare("INSERT INTO registrant_grams (registrant_grams) VALUES ('optimize')").run();
    },

    insertRecord(r: NewDisposalRecord): void {
      db.prepare(
        `INSERT INTO disposal_records (id, batch_id, disposed_at, actor_id, actor_label, subject_type, subject_id, employee_code,
           subject_name, registrant_name, scope, items, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        r.id,
        r.batchId,
        r.disposedAt,
        r.actorId,
        r.actorLabel,
        r.subjectType,
        r.subjectId,
        r.employeeCode,
        r.subjectName,
        r.registrantName,
        r.scope,
        JSON.stringify(r.items),
        r.reason,
      );
    },

    /** Records disposed at or after `fromIso` and before `toIso` (either open), or one disposal's; newest first. */
    records(filter: { fromIso?: string | undefined; toIso?: string | undefined; batchId?: string | undefined }): StoredDisposalRecord[] {
      return db
        .prepare(
          `SELECT id, batch_id, disposed_at, actor_label, subject_type, subject_id, employee_code, subject_name, registrant_name, scope, items, reason
           FROM disposal_records
           WHERE disposed_at >= @from AND disposed_at < @to AND (@batch IS NULL OR batch_id = @batch)
           ORDER BY disposed_at DESC, seq DESC`,
        )
        .all({ from: filter.fromIso ?? '', to: filter.toIso ?? '~', batch: filter.batchId ?? null }) as StoredDisposalRecord[];
    },

    /** The latest record of a subject, for the audit trail's label of someone no longer held. */
    latestOf(subjectId: string): StoredDisposalRecord | null {
      return (
        (db
          .prepare(
            `SELECT id, batch_id, disposed_at, actor_label, subject_type, subject_id, employee_code, subject_name, registrant_name, scope, items, reason
             FROM disposal_records WHERE subject_id = ? ORDER BY seq DESC LIMIT 1`,
          )
          .get(subjectId) as StoredDisposalRecord | undefined) ?? null
      );
    },
  };
}

export type DisposalRepository = ReturnType<typeof createDisposalRepository>;
