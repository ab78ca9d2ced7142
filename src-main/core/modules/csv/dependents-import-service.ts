// Importing dependents (扶養家族) from a CSV file, separately from registrants: a preview that
// reads the whole file and lists every problem by row and column, then a commit that writes
// all of it in one transaction or nothing at all. A row names its registrant by 社員番号 (one
// out of the caller's sight reads as unknown, exactly as one that does not exist) and is
// matched to the registrant's dependent with the same 続柄 and 姓+名: that one is updated with
// the columns the file has (a row that would change nothing is unchanged, so importing the
// same file twice changes nothing), else a dependent is created. The rules stay their
// services': the dependents service's for the record and the completed lock, the My Numbers
// service's for a number (check digit by the contract's schema, duplicates by the blind
// index), the status service's for a number sent for review. Numbers follow the proxy-entry
// setting as the registrants import does: stored at once, or one proxy entry (代理入力) per
// registrant carrying their dependents' numbers, waiting for review. The preview and the
// commit are audited once each, with counts only.
import { randomUUID } from 'node:crypto';
import { dependentFields, type CsvDependentField, type CsvEncoding, type DependentRow } from '../../../../src-shared/contract';
import { staffOf, type CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import { yieldToEventLoop, type Jobs } from '../../kernel/jobs';
import { withBulkWriteCache, type Db } from '../../platform/db/open';
import type { FieldCrypto } from '../../platform/crypto/field';
import type { DependentFields, DependentsService } from '../dependents';
import type { MyNumbersService, NumberSubject } from '../mynumbers';
import type { RegistrantsService } from '../registrants';
import type { StatusService } from '../status';
import type { SubmissionsService } from '../submissions';
import { issueProblem } from './columns';
import { prepareDependentRow, readDependentHeader, type DependentColumns, type PreparedDependentRow } from './dependents-columns';
import { readFileRows, type RowReader } from './file-rows';
import type { PreviewOwner, PreviewStore } from './previews';
import { toProblem, type CsvRowProblem } from './problems';

/** Problems the preview lists (errorCount counts them all). */
const MAX_LISTED_PROBLEMS = 1000;
/** Rows planned between two turns of the event loop (when a cancel or another request may run). */
const PLAN_BATCH_ROWS = 2000;

type Registrant = NonNullable<ReturnType<RegistrantsService['byEmployeeCode']>>;
type ProxyDependent = NonNullable<Parameters<SubmissionsService['createProxy']>[1]['dependents']>[number];

/** A row as kept between preview and commit: its cells cleaned, its number sealed to this preview and row. */
interface KeptDependentRow extends Omit<PreparedDependentRow, 'myNumber'> {
  number?: { blindIndex: string; sealed: Buffer };
}

export interface KeptDependentsPreview {
  id: string;
  encoding: CsvEncoding;
  columns: DependentColumns;
  rows: KeptDependentRow[];
  errorCount: number;
  /** The proxy-entry setting the preview was made under; a commit under another setting is refused. */
  reviewRequired: boolean;
}

export interface DependentsImportDeps {
  db: Db;
  registrants: RegistrantsService;
  dependents: DependentsService;
  myNumbers: MyNumbersService;
  status: StatusService;
  submissions: SubmissionsService;
  fields: FieldCrypto;
  previews: PreviewStore<KeptDependentsPreview>;
  jobs: Jobs;
}

type NumberPlan = 'none' | 'unchanged' | 'store' | 'review';

interface PlannedDependent {
  kind: 'create' | 'update' | 'unchanged';
  registrant: Registrant;
  before: DependentRow | null;
  fields: DependentFields;
  changed: boolean;
  number: NumberPlan;
}

/** The vault as the file's rows meet it: registrants by code, their dependents, who holds each number. */
interface Lookups {
  byCode: Map<string, Registrant>;
  holders: ReadonlyMap<string, NumberSubject>;
  dependentsOf(registrantId: string): DependentRow[];
  holdsOwnNumber(registrantId: string): boolean;
}

/** A row's number as the planner sees it: by its blind index only. */
type RowToPlan = Omit<KeptDependentRow, 'number'> & { blindIndex?: string | undefined };

/** The subject a new dependent's number is checked for: anyone holding the number holds it elsewhere. */
const NEW_DEPENDENT = '';

const sealContext = (previewId: string, row: number) => `csv-dependents-preview:${previewId}:${row}`;
const keyOf = (code: string, d: { relationship?: string | undefined; familyName?: string | undefined; givenName?: string | undefined }) =>
  [code, d.relationship ?? '', d.familyName ?? '', d.givenName ?? ''].join('\u0000');

/** A dependents file's rows: the same 社員番号, 続柄 and 姓+名 on two rows is a duplicate. */
const dependentsFile = (mapping: Record<string, string> | undefined): RowReader<CsvDependentField, DependentColumns, PreparedDependentRow> => ({
  readHeader: (cells) => readDependentHeader(cells, mapping),
  prepareRow: prepareDependentRow,
  duplicate: {
    keyOf: (r) => (r.employeeCode && r.relationship && r.values.familyName && r.values.givenName ? keyOf(r.employeeCode, { relationship: r.relationship, ...r.values }) : null),
    field: 'familyName',
    problem: 'errors.csv.duplicateDependent',
  },
});

export function createDependentsImportService(deps: DependentsImportDeps) {
  const { db, registrants, dependents, myNumbers, status, submissions, fields, previews, jobs } = deps;
  const ownerOf = (ctx: CallContext): PreviewOwner => ({ sessionKey: ctx.session.key, userId: staffOf(ctx).id });
  const reviewRequiredNow = () => !myNumbers.directEntryAllowed();

  function lookups(rows: readonly RowToPlan[]): Lookups {
    const byCode = registrants.byEmployeeCodes([...new Set(rows.map((r) => r.employeeCode))]);
    const holders = myNumbers.holdersOf(rows.flatMap((r) => (r.blindIndex ? [r.blindIndex] : [])));
    const listed = new Map<string, DependentRow[]>();
    const own = new Map<string, boolean>();
    return {
      byCode,
      holders,
      dependentsOf(id) {
        if (!listed.has(id)) listed.set(id, dependents.listOf(id));
        return listed.get(id)!;
      },
      holdsOwnNumber(id) {
        if (!own.has(id)) own.set(id, myNumbers.holds({ type: 'registrant', id }));
        return own.get(id)!;
      },
    };
  }

  /** Whether the AppError is one of a rule's refusals (then a problem of the row), not a fault. */
  function refusal(err: unknown): AppError {
    if (err instanceof AppError) return err;
    throw err;
  }

  /** The row against the vault as it is now: what it would do, or its problems. Writes nothing. */
  function planRow(ctx: CallContext, row: RowToPlan, columns: DependentColumns, reviewRequired: boolean, look: Lookups): { planned: PlannedDependent | null; problems: CsvRowProblem[] } {
    const problems: CsvRowProblem[] = [];
    const header = (f: CsvDependentField) => columns.headerOf.get(f) ?? null;
    const problem = (column: string | null, key: CsvRowProblem['key'], params?: CsvRowProblem['params']) => problems.push({ row: row.row, column, key, ...(params ? { params } : {}) });

    const holder = look.byCode.get(row.employeeCode);
    // Out of the caller's sight reads exactly as absent: no hint that the code exists.
    const registrant = holder && registrants.inScope(ctx, holder) ? holder : null;
    if (!registrant) {
      problem(header('employeeCode'), 'errors.csv.unknownEmployeeCode', { code: row.employeeCode });
      return { planned: null, problems };
    }
    const before =
      look.dependentsOf(registrant.id).find((d) => d.relationship === row.relationship && d.familyName === row.values.familyName && d.givenName === row.values.givenName) ?? null;
    const merged: Record<string, unknown> = before
      ? {
          relationship: before.relationship,
          familyName: before.familyName,
          givenName: before.givenName,
          familyNameKana: before.familyNameKana,
          givenNameKana: before.givenNameKana,
          birthDate: before.birthDate ?? undefined,
          taxDependent: before.taxDependent,
          category3: before.category3,
        }
      : {};
    Object.assign(merged, row.values, row.flags, { relationship: row.relationship });
    const parsed = dependentFields.safeParse(merged, { reportInput: true });
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (seen.has(field)) continue;
        seen.add(field);
        // The schema's paths are the dependent's fields, each a column of the file.
        problems.push(issueProblem(issue, field, row.row, header(field as CsvDependentField)));
      }
      return { planned: null, problems };
    }
    const record = parsed.data as DependentFields;

    let number: NumberPlan = 'none';
    if (row.blindIndex) {
      const standing = myNumbers.standingOf({ type: 'dependent', id: before?.id ?? NEW_DEPENDENT }, { blindIndex: row.blindIndex, holders: look.holders });
      try {
        if (standing === 'this') number = 'unchanged';
        else if (standing === 'elsewhere') throw new AppError('CONFLICT', 'errors.mynumber.heldElsewhere');
        else if (reviewRequired) {
          // One proxy entry for the registrant: as submissions.createProxy asks, their own number must be held.
          if (!look.holdsOwnNumber(registrant.id)) throw new AppError('VALIDATION', 'errors.csv.registrantNumberFirst');
          status.check(ctx, registrant, 'pending', 'submit', { action: 'csv.importCommit' });
          number = 'review';
        } else number = 'store';
      } catch (err) {
        const e = refusal(err);
        problem(header('myNumber'), e.messageKey, e.params);
        return { planned: null, problems };
      }
    }

    let changed: string[];
    try {
      changed = dependents.checkImported(ctx, registrant, before, record, number === 'store');
    } catch (err) {
      const e = refusal(err);
      problem(null, e.messageKey, e.params);
      return { planned: null, problems };
    }
    const kind = !before ? 'create' : changed.length > 0 || number === 'store' || number === 'review' ? 'update' : 'unchanged';
    return { planned: { kind, registrant, before, fields: record, changed: changed.length > 0, number }, problems };
  }

  function counts(plans: readonly PlannedDependent[]) {
    const c = { created: 0, updated: 0, unchanged: 0, numbers: 0 };
    for (const p of plans) {
      c[p.kind === 'create' ? 'created' : p.kind === 'update' ? 'updated' : 'unchanged']++;
      if (p.number === 'store' || p.number === 'review') c.numbers++;
    }
    return c;
  }

  const toPlan = ({ number, ...r }: KeptDependentRow): RowToPlan => ({ ...r, blindIndex: number?.blindIndex });

  /** Rows planned again at the commit; the first that no longer passes refuses the whole file. */
  function planAll(ctx: CallContext, rows: readonly KeptDependentRow[], columns: DependentColumns, reviewRequired: boolean, look: Lookups, from = 0, to = rows.length): PlannedDependent[] {
    const plans: PlannedDependent[] = [];
    for (let i = from; i < to; i++) {
      const row = rows[i]!;
      const { planned, problems } = planRow(ctx, toPlan(row), columns, reviewRequired, look);
      if (!planned) {
        throw new AppError('CONFLICT', 'errors.csv.changedSincePreview', {
          params: { row: row.row },
          audit: { action: 'csv.importCommit', outcome: 'failure', detail: { kind: 'dependents', reason: 'invalid_rows', problems: problems.length } },
        });
      }
      plans.push(planned);
    }
    return plans;
  }

  /** Every planned row written, inside the commit's transaction; numbers stored, or one proxy entry per registrant. */
  function writeAll(ctx: CallContext, plans: readonly PlannedDependent[], rows: readonly KeptDependentRow[], previewId: string) {
    const forReview = new Map<string, ProxyDependent[]>();
    plans.forEach((plan, i) => {
      const kept = rows[i]!;
      let id: string;
      if (plan.kind === 'create') id = dependents.add(plan.registrant.id, plan.fields, ctx.now);
      else {
        id = plan.before!.id;
        if (plan.changed) dependents.replace(plan.before!, plan.fields, ctx.now);
      }
      if (plan.number !== 'store' && plan.number !== 'review') return;
      const digits = fields.open(kept.number!.sealed, sealContext(previewId, kept.row)).toString('utf8');
      if (plan.number === 'store') myNumbers.keepImported(ctx, { type: 'dependent', id }, digits);
      else {
        const entries = forReview.get(plan.registrant.id) ?? [];
        entries.push({ dependentId: id, ...plan.fields, myNumber: digits });
        forReview.set(plan.registrant.id, entries);
      }
    });
    // A proxy entry of the registrant's, for the second user to approve (audited as such).
    for (const [registrantId, entries] of forReview) submissions.createProxy(ctx, { registrantId, dependents: entries });
  }

  return {
    /** Whether the preview is one of this import's, the caller's (the commit then is this import's). */
    holds: (ctx: CallContext, previewId: string) => previews.has(previewId, ownerOf(ctx)),

    preview(ctx: CallContext, input: { fileName: string; contentBase64: string; columns?: Record<string, string> | undefined }) {
      const owner = ownerOf(ctx);
      const previewId = randomUUID();
      const fileRows: PreparedDependentRow[] = [];
      const read = readFileRows(Buffer.from(input.contentBase64, 'base64'), dependentsFile(input.columns), (batch) => void fileRows.push(...batch), myNumbers.indexOf);
      const file = { ...read, rows: fileRows };
      const problems = file.problems;
      const withProblems = new Set(problems.map((p) => p.row));
      const rows: (RowToPlan & { digits?: string })[] = file.rows.map(({ myNumber, myNumberIndex, ...r }) => ({ ...r, ...(myNumber ? { blindIndex: myNumberIndex ?? myNumbers.indexOf(myNumber), digits: myNumber } : {}) }));
      const reviewRequired = reviewRequiredNow();
      const plans: PlannedDependent[] = [];
      ctx.tx(() => {
        if (file.columns?.keyed) {
          const look = lookups(rows);
          for (const row of rows) {
            if (withProblems.has(row.row)) continue;
            const { planned, problems: rowProblems } = planRow(ctx, row, file.columns, reviewRequired, look);
            if (planned) plans.push(planned);
            problems.push(...rowProblems);
          }
        }
        problems.sort((a, b) => a.row - b.row);
        ctx.audit({ action: 'csv.importPreview', detail: { kind: 'dependents', encoding: file.encoding, rows: file.dataRows, problems: problems.length, ...counts(plans) } });
      });
      // Kept for the commit only when there is something to commit; each number sealed to this preview and row.
      const kept: KeptDependentRow[] =
        problems.length === 0
          ? rows.map(({ digits, blindIndex, ...row }) => (digits && blindIndex ? { ...row, number: { blindIndex, sealed: fields.seal(digits, sealContext(previewId, row.row)) } } : row))
          : [];
      previews.put(previewId, owner, {
        id: previewId,
        encoding: file.encoding,
        columns: file.columns ?? { fields: [], headerOf: new Map(), keyed: false },
        rows: kept,
        errorCount: problems.length,
        reviewRequired,
      });
      return {
        previewId,
        rowCount: file.dataRows,
        encoding: file.encoding,
        errors: problems.slice(0, MAX_LISTED_PROBLEMS).map(toProblem),
        errorCount: problems.length,
        unknownGroups: [],
        summary: counts(plans),
        reviewRequired,
      };
    },

    /**
     * The commit, as a job when the caller names one: every row planned again against the vault
     * in batches, letting other work run between them (progress 'validate'; a cancel stops it
     * here), then one transaction that plans once more and writes every row (progress 'write').
     */
    async commit(ctx: CallContext, input: { previewId: string; jobId?: string | undefined }) {
      const job = jobs.start(ctx, input.jobId, 'csv.import');
      try {
        const kept = previews.take(input.previewId, ownerOf(ctx));
        if (!kept) {
          throw new AppError('NOT_FOUND', 'errors.csv.previewGone', { audit: { action: 'csv.importCommit', outcome: 'failure', detail: { kind: 'dependents', reason: 'preview_gone' } } });
        }
        if (kept.errorCount > 0) {
          throw new AppError('VALIDATION', 'errors.csv.hasErrors', {
            params: { count: kept.errorCount },
            audit: { action: 'csv.importCommit', outcome: 'failure', detail: { kind: 'dependents', reason: 'invalid_rows', problems: kept.errorCount } },
          });
        }
        const refuseIfSettingChanged = () => {
          if (reviewRequiredNow() === kept.reviewRequired) return;
          throw new AppError('CONFLICT', 'errors.csv.changedSincePreview', {
            params: { row: 1 },
            audit: { action: 'csv.importCommit', outcome: 'failure', detail: { kind: 'dependents', reason: 'setting_changed' } },
          });
        };
        const total = kept.rows.length;
        const cancelled = { action: 'csv.importCommit', outcome: 'failure', detail: { kind: 'dependents', reason: 'cancelled' } } as const;
        job.progress('validate', 0, total);
        refuseIfSettingChanged();
        const look = lookups(kept.rows.map(toPlan));
        for (let i = 0; i < total; i += PLAN_BATCH_ROWS) {
          await yieldToEventLoop();
          job.throwIfCancelled(cancelled);
          planAll(ctx, kept.rows, kept.columns, kept.reviewRequired, look, i, Math.min(total, i + PLAN_BATCH_ROWS));
          job.progress('validate', Math.min(total, i + PLAN_BATCH_ROWS), total);
        }
        await yieldToEventLoop();
        job.throwIfCancelled(cancelled);
        job.pastCancel();
        // One transaction: every row planned again on fresh look-ups (another user may have written
        // meanwhile), then written; any refusal undoes all of it. With the smaller page cache of
        // a bulk write, as the registrants' import.
        return withBulkWriteCache(db, () => ctx.tx(() => {
          refuseIfSettingChanged();
          const plans = planAll(ctx, kept.rows, kept.columns, kept.reviewRequired, lookups(kept.rows.map(toPlan)));
          job.progress('write', 0, total);
          writeAll(ctx, plans, kept.rows, kept.id);
          job.progress('write', total, total);
          const summary = counts(plans);
          ctx.audit({ action: 'csv.importCommit', detail: { kind: 'dependents', encoding: kept.encoding, rows: total, ...summary, reviewRequired: kept.reviewRequired } });
          return { ...summary, groupsCreated: 0, reviewRequired: kept.reviewRequired };
        }));
      } finally {
        job.end();
      }
    },
  };
}

export type DependentsImportService = ReturnType<typeof createDependentsImportService>;
