// Retention and physical disposal (物理削除).
//
// Retention: a rule per attribute (years, and whether they run from the end date or from
// 1月11日 of the year after it: src-shared/retention.ts); a registrant is due for disposal from
// the latest due date of their attributes' rules, counted from their leave or end date; one
// without such a date is never due.
//
// Disposal, an admin's act with the password re-entered: the chosen registrants or dependents
// lose either their numbers and ID images only, or their whole record, in one transaction with
// one disposal record (廃棄記録) per subject and one audit entry each; then the freed pages are
// erased from every file (platform/db/open.ts eraseFreedPages) and the pre-migration copies,
// which hold the data too, are deleted. The audit trail names people by id only (their names
// are looked up when the trail is read), so it keeps nothing of a disposed record and its
// chain is untouched.
import { randomUUID } from 'node:crypto';
import { DISPOSAL_ITEM_KINDS, type DisposalItemKind, type DisposalRecordRow, type DisposalScope, type DisposalSubjectInput, type DueRow } from '../../../../src-shared/contract';
import { latestDueDate, type RetentionBasis, type RetentionRule } from '../../../../src-shared/retention';
import type { CallContext } from '../../kernel/context';
import { staffOf } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { AttributesService } from '../attributes';
import type { DependentsService } from '../dependents';
import type { RegistrantsService } from '../registrants';
import { encodeTable } from '../csv/encode';
import type { DisposalRepository, StoredDisposalRecord } from './repository';

/**
 * What the backups know of a disposal: the backups taken before `disposedAt` that still exist
 * (they hold the disposed data) and the day the backup rotation removes the last of them; null
 * when none is known. The backups module provides it; without one, none is known.
 */
export interface BackupCopies {
  /** `until` is a date (YYYY-MM-DD), or null when no schedule will remove them. */
  heldSince(disposedAt: Date): { count: number; until: string | null } | null;
}

export const NO_BACKUPS_KNOWN: BackupCopies = { heldSince: () => null };

export interface DisposalDeps {
  repository: DisposalRepository;
  registrants: RegistrantsService;
  dependents: DependentsService;
  attributes: AttributesService;
  backups: BackupCopies;
  /** Erases the freed pages from every file of the database; outside a transaction. */
  eraseFreedPages(): { walTruncated: boolean };
  /** Deletes the copies of the database taken before migrations (they hold the disposed data). */
  removeOldCopies(): void;
  log(line: string): void;
}

/** The rule an attribute without one of its own follows. */
const FALLBACK_ATTRIBUTE = 'other';

/** The calendar date in Japan (where the employer is) as YYYY-MM-DD. */
function japanDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The instant a day begins in Japan (UTC+9, no summer time), as ISO. */
function japanDayStart(date: string, plusDays = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + plusDays) - 9 * 3_600_000).toISOString();
}

type Items = Partial<Record<DisposalItemKind, number>>;

/** The kinds actually removed (counts above zero). */
function removed(items: Items): Items {
  return Object.fromEntries(Object.entries(items).filter(([, n]) => (n ?? 0) > 0)) as Items;
}

const ITEM_HEADERS_JA: Record<DisposalItemKind, string> = {
  myNumber: '個人番号',
  documents: '本人確認書類の画像',
  dependentNumbers: '扶養親族の個人番号',
  dependents: '扶養親族の記録',
  submissions: '提出',
  record: '登録者の記録',
};

export function createDisposalService(deps: DisposalDeps) {
  const { repository, registrants, dependents, attributes, backups } = deps;

  function rulesByCode(): Map<string, RetentionRule> {
    return new Map(repository.rules().map((r) => [r.attribute_code, { years: r.years, basis: r.basis }]));
  }

  function ruleFor(rules: Map<string, RetentionRule>, code: string): RetentionRule {
    return rules.get(code) ?? rules.get(FALLBACK_ATTRIBUTE) ?? { years: 7, basis: 'year_after' };
  }

  function toRow(r: StoredDisposalRecord): DisposalRecordRow {
    return {
      id: r.id,
      batchId: r.batch_id,
      disposedAt: r.disposed_at,
      actorLabel: r.actor_label,
      subjectType: r.subject_type,
      employeeCode: r.employee_code,
      subjectName: r.subject_name,
      registrantName: r.registrant_name,
      scope: r.scope,
      items: JSON.parse(r.items) as Items,
      reason: r.reason,
      backupsHoldUntil: backups.heldSince(new Date(r.disposed_at)),
    };
  }

  function periodOf(input: { from?: string | undefined; to?: string | undefined }) {
    return { fromIso: input.from ? japanDayStart(input.from) : undefined, toIso: input.to ? japanDayStart(input.to, 1) : undefined };
  }

  interface Target {
    subject: { type: 'registrant' | 'dependent'; id: string };
    registrant: ReturnType<RegistrantsService['require']>;
    dependent: ReturnType<DependentsService['require']>['dependent'] | null;
  }

  /** The subject and its registrant, or NOT_FOUND (audited): gone already, or out of sight. */
  function resolve(ctx: CallContext, input: DisposalSubjectInput, scope: DisposalScope): Target {
    const subject = 'registrantId' in input ? { type: 'registrant' as const, id: input.registrantId } : { type: 'dependent' as const, id: input.dependentId };
    try {
      if (subject.type === 'registrant') return { subject, registrant: registrants.require(ctx, subject.id), dependent: null };
      const found = dependents.require(ctx, subject.id);
      return { subject, registrant: found.registrant, dependent: found.dependent };
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'NOT_FOUND') throw err;
      throw new AppError('NOT_FOUND', err.messageKey, {
        audit: { action: 'disposal.dispose', outcome: 'failure', targetType: subject.type, targetId: subject.id, detail: { reason: 'not_found', scope } },
      });
    }
  }

  return {
    retentionRules() {
      const rules = rulesByCode();
      const rows = attributes.list().rows.map((a) => {
        const rule = ruleFor(rules, a.code);
        return { attribute: a.code, years: rule.years, basis: rule.basis, own: rules.has(a.code) };
      });
      return { rows };
    },

    setRetentionRule(ctx: CallContext, input: { attribute: string; years: number; basis: RetentionBasis }) {
      const user = staffOf(ctx);
      ctx.tx(() => {
        if (!attributes.label(input.attribute)) throw new AppError('NOT_FOUND', 'errors.attributes.notFound');
        repository.setRule(input.attribute, input.years, input.basis, user.id, ctx.now);
        ctx.audit({ action: 'retention.setRule', targetType: 'attribute', targetId: input.attribute, detail: { years: input.years, basis: input.basis } });
      });
      return {};
    },

    /** The 廃棄予定 list in the caller's scope, earliest due first; audited with its count. */
    due(ctx: CallContext, input: { dueOnly?: boolean | undefined }) {
      return ctx.viewTx(() => {
        const rules = rulesByCode();
        const today = japanDate(ctx.now);
        const all: DueRow[] = [];
        for (const c of repository.candidates(registrants.scope(ctx))) {
          const codes = c.attributes ? c.attributes.split(',') : [];
          const dueDate = latestDueDate(c.leave_date, (codes.length > 0 ? codes : [FALLBACK_ATTRIBUTE]).map((code) => ruleFor(rules, code)));
          if (dueDate === null) continue;
          all.push({
            registrantId: c.id,
            employeeCode: c.employee_code,
            familyName: c.family_name,
            givenName: c.given_name,
            attributes: codes,
            leaveDate: c.leave_date,
            dueDate,
            due: dueDate <= today,
            hasMyNumber: c.has_my_number === 1,
            documentCount: c.document_count,
            dependentCount: c.dependent_count,
            dependentNumberCount: c.dependent_number_count,
          });
        }
        all.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || (a.employeeCode ?? '~').localeCompare(b.employeeCode ?? '~'));
        const dueCount = all.filter((r) => r.due).length;
        const rows = input.dueOnly ? all.filter((r) => r.due) : all;
        ctx.audit({ action: 'disposal.due', detail: { returned: rows.length, dueCount } });
        return { rows, dueCount };
      });
    },

    dispose(ctx: CallContext, input: { subjects: DisposalSubjectInput[]; scope: DisposalScope; reason: string }) {
      const user = staffOf(ctx);
      const batchId = randomUUID();
      const { scope, reason } = input;
      const disposed = ctx.tx(() => {
        const seen = new Set<string>();
        const targets = input.subjects.map((s) => resolve(ctx, s, scope)).filter((t) => !seen.has(t.subject.id) && seen.add(t.subject.id));
        // A registrant's disposal covers their dependents' numbers and images (and, whole,
        // the dependents themselves): a dependent chosen beside them adds nothing.
        const registrantIds = new Set(targets.filter((t) => t.subject.type === 'registrant').map((t) => t.registrant.id));
        const chosen = targets.filter((t) => t.subject.type === 'registrant' || !registrantIds.has(t.registrant.id));
        let anyRecord = false;
        for (const t of chosen) {
          const attempt = { action: 'disposal.dispose', targetType: t.subject.type, targetId: t.subject.id } as const;
          const owner = t.dependent ? { registrantId: t.registrant.id } : {};
          // A submission waiting for review holds sealed numbers and names of its own: it is
          // decided first (a whole record takes it with the registrant).
          if (!(scope === 'whole_record' && t.subject.type === 'registrant') && repository.hasPendingSubmission(t.registrant.id)) {
            throw new AppError('CONFLICT', 'errors.disposal.submissionPending', { audit: { ...attempt, outcome: 'failure', detail: { reason: 'submission_pending', scope, ...owner } } });
          }
          let items: Items;
          if (t.subject.type === 'registrant') {
            items = scope === 'whole_record' ? repository.deleteRegistrant(t.registrant.id) : repository.deleteRegistrantNumbersAndDocuments(t.registrant.id);
          } else {
            items = scope === 'whole_record' ? repository.deleteDependent(t.subject.id) : repository.deleteDependentNumberAndDocuments(t.subject.id);
          }
          items = removed(items);
          if (Object.keys(items).length === 0) {
            throw new AppError('CONFLICT', 'errors.disposal.nothingToDispose', { audit: { ...attempt, outcome: 'failure', detail: { reason: 'nothing_to_dispose', scope, ...owner } } });
          }
          anyRecord ||= scope === 'whole_record';
          const recordId = randomUUID();
          const registrantName = `${t.registrant.familyName} ${t.registrant.givenName}`;
          repository.insertRecord({
            id: recordId,
            batchId,
            disposedAt: ctx.now.toISOString(),
            actorId: user.id,
            actorLabel: `${user.displayName}（${user.loginId}）`,
            subjectType: t.subject.type,
            subjectId: t.subject.id,
            employeeCode: t.registrant.employeeCode ?? null,
            subjectName: t.dependent ? `${t.dependent.familyName} ${t.dependent.givenName}` : registrantName,
            registrantName: t.dependent ? registrantName : null,
            scope,
            items,
            reason,
          });
          // Counts only (the trail's detail keys never name a number field).
          const counts = { numbers: (items.myNumber ?? 0) + (items.dependentNumbers ?? 0), documents: items.documents ?? 0, dependents: items.dependents ?? 0, submissions: items.submissions ?? 0, record: items.record ?? 0 };
          ctx.audit({ ...attempt, detail: { scope, batchId, recordId, ...owner, ...counts } });
        }
        if (anyRecord) repository.optimizeSearchIndexes();
        return chosen.length;
      });
      // The rows are gone with the commit (secure_delete has zeroed their bytes in the pages it
      // wrote); what follows clears the older page images and the freed pages. Should it fail,
      // the disposal stands and the app's close folds the WAL in again.
      try {
        if (!deps.eraseFreedPages().walTruncated) deps.log('after a disposal the WAL could not be emptied at once (another connection was busy); the next checkpoint folds it in');
        deps.removeOldCopies();
      } catch (err) {
        deps.log(`erasing the freed pages after a disposal failed: ${(err as Error).name} ${(err as { code?: string }).code ?? ''}`);
      }
      return { disposed, batchId };
    },

    records(ctx: CallContext, input: { from?: string | undefined; to?: string | undefined; batchId?: string | undefined }) {
      return ctx.viewTx(() => {
        const rows = repository.records({ ...periodOf(input), batchId: input.batchId }).map(toRow);
        ctx.audit({ action: 'disposal.records', detail: { returned: rows.length, batchId: input.batchId ?? null } });
        return { rows };
      });
    },

    exportRecords(ctx: CallContext, input: { from?: string | undefined; to?: string | undefined }) {
      return ctx.tx(() => {
        const rows = repository.records(periodOf(input)).map(toRow);
        const header = ['廃棄日時', '実施者', '対象', '従業員番号', '氏名', '登録者', '廃棄の範囲', '廃棄したデータ', '理由', 'バックアップに残る期限'];
        const cells = rows.map((r) => [
          new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(r.disposedAt)),
          r.actorLabel,
          r.subjectType === 'registrant' ? '登録者' : '扶養親族',
          r.employeeCode ?? '',
          r.subjectName,
          r.registrantName ?? '',
          r.scope === 'whole_record' ? '記録全体' : '個人番号と本人確認書類の画像',
          DISPOSAL_ITEM_KINDS.filter((kind) => r.items[kind])
            .map((kind) => `${ITEM_HEADERS_JA[kind]} ${r.items[kind]}件`)
            .join('・'),
          r.reason,
          r.backupsHoldUntil ? (r.backupsHoldUntil.until ?? '自動では削除されません') : '',
        ]);
        const encoded = encodeTable(header, cells, 'utf8bom');
        if (!encoded.ok) throw new Error('utf8 always encodes');
        ctx.audit({ action: 'disposal.exportRecords', detail: { rowCount: rows.length, from: input.from ?? null, to: input.to ?? null } });
        return { fileName: `disposal-records-${japanDate(ctx.now).replaceAll('-', '')}.csv`, contentBase64: encoded.bytes.toString('base64'), rowCount: rows.length };
      });
    },

    /**
     * For the audit trail, read by an admin: a registrant or dependent no longer held is named
     * as the disposal record keeps them.
     */
    disposedLabel(id: string): string | null {
      const r = repository.latestOf(id);
      if (!r || r.scope !== 'whole_record') return null;
      return `${r.subject_name}（廃棄済み）`;
    },
  };
}

export type DisposalService = ReturnType<typeof createDisposalService>;
