// Importing registrants from a CSV file: a preview that reads the whole file and lists every
// problem by row and column, then a commit that writes all of it in one transaction or
// nothing at all. Rows are matched by 社員番号: a new code creates a registrant, a known one
// updates the columns the file has (a column the file lacks keeps its value), and a row that
// would change nothing is counted as unchanged, so importing the same file twice changes
// nothing. Every rule is its service's: the registrants service's for the record (group,
// attributes, employee code, the completed lock), the status service's for the move to 完了
// or 承認待ち, the My Numbers service's for a number (check digit by the contract's schema,
// duplicates by the blind index); the preview asks them without writing, the commit asks
// them again as it writes. Numbers follow the proxy-entry setting: stored at once when no
// second approval is wanted, else each one a proxy entry (代理入力) waiting for review.
// The file is audited once (counts only, never a name or a number).
import { randomUUID } from 'node:crypto';
import { can, contract, type CsvEncoding, type CsvRegistrantField } from '../../../../src-shared/contract';
import { staffOf, type CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import { yieldToEventLoop, type Job, type Jobs } from '../../kernel/jobs';
import { withBulkWriteCache, type Db } from '../../platform/db/open';
import { orderedUuid } from '../../platform/ids';
import type { FieldCrypto } from '../../platform/crypto/field';
import type { AttributesService } from '../attributes';
import type { GroupsService } from '../groups';
import type { MyNumbersService, NumberSubject, SealedNumber } from '../mynumbers';
import { fieldsOfRow, type PutLookups, type RegistrantFields, type RegistrantsService } from '../registrants';
import type { StatusEvent, StatusService } from '../status';
import type { SubmissionsService } from '../submissions';
import { issueProblem, prepareRow, readHeader, type Columns, type PreparedRow } from './columns';
import { readFileRows, type RowReader } from './file-rows';
import type { PreviewOwner, PreviewStore } from './previews';
import { toProblem, type CsvRowProblem } from './problems';
import { createSharedValues, type SharedValues } from './shared-values';

export { MAX_IMPORT_ROWS } from './file-rows';
/** Problems the preview lists (errorCount counts them all). */
const MAX_LISTED_PROBLEMS = 1000;
/** 属性 of a new row whose file gives none: what a personnel system's export holds. */
const DEFAULT_ATTRIBUTES = ['employee'] as const;
/** Rows planned between two turns of the event loop (when a cancel or another request may run). */
const PLAN_BATCH_ROWS = 2000;
/** New rows written together in a few set-wise statements (and between two progress reports). */
const WRITE_BATCH_ROWS = 5000;

const recordSchema = contract['registrants.create'].input;

/** A registrants file's rows: the same 社員番号 on two rows is a duplicate. */
const registrantsFile = (mapping: Record<string, CsvRegistrantField | 'ignore'> | undefined): RowReader<CsvRegistrantField, Columns, PreparedRow> => ({
  readHeader: (cells) => readHeader(cells, mapping),
  prepareRow,
  duplicate: { keyOf: (r) => r.values.employeeCode || null, field: 'employeeCode', problem: 'errors.csv.duplicateEmployeeCode' },
});

type Registrant = NonNullable<ReturnType<RegistrantsService['byEmployeeCode']>>;

/**
 * A row's number as kept between preview and commit, never in the clear, with its blind index:
 * either sealed for the registrant it will be stored under (stored at once), or, when a second
 * approval is required, sealed to this preview and row for its proxy entry. One object a row,
 * no wrapper: a preview keeps 100,000 of them.
 */
type KeptNumber = SealedNumber | { blindIndex: string; forReview: Buffer };

/** The row's number sealed for its registrant, if it is kept so. */
const storedOf = (kept: KeptRow): SealedNumber | undefined => (kept.number && 'sealedHex' in kept.number ? kept.number : undefined);
/** The row's number sealed for its proxy entry, if it is kept so. */
const forReviewOf = (kept: KeptRow): Buffer | undefined => (kept.number && 'forReview' in kept.number ? kept.number.forReview : undefined);

/** A row as kept between preview and commit: its cells cleaned, a new row's id chosen, its number sealed. */
interface KeptRow extends Omit<PreparedRow, 'myNumber'> {
  /** The id a new row is created with (its number is sealed to it). */
  newId: string;
  number?: KeptNumber;
}

export interface KeptPreview {
  id: string;
  encoding: CsvEncoding;
  columns: Columns;
  rows: KeptRow[];
  /** Groups the user confirmed creating that the file uses and that do not exist. */
  groupsToCreate: string[];
  errorCount: number;
  /** The proxy-entry setting the numbers were sealed for; a commit under another setting is refused. */
  reviewRequired: boolean;
  /**
   * The preview's plans, and the vault's write mark just after it: a commit that finds the
   * vault unwritten since writes these plans without planning every row again.
   */
  planned: { plans: PlannedRow[]; look: FileLookups; mark: string } | null;
}

export interface CsvImportDeps {
  db: Db;
  registrants: RegistrantsService;
  groups: GroupsService;
  attributes: AttributesService;
  status: StatusService;
  myNumbers: MyNumbersService;
  submissions: SubmissionsService;
  fields: FieldCrypto;
  previews: PreviewStore<KeptPreview>;
  jobs: Jobs;
}

type NumberPlan = 'none' | 'unchanged' | 'store' | 'review';

interface PlannedRow {
  kind: 'create' | 'update' | 'unchanged';
  before: Registrant | null;
  /** The registrant's id: its own, or the one a new row is created with. */
  id: string;
  fields: RegistrantFields;
  number: NumberPlan;
}

/** What a plan needs from the vault, read once per file. */
interface PlanEnv {
  columns: Columns;
  groupIdByName: Map<string, string>;
  attributeByLabel: Map<string, string>;
  /** Unknown groups the user confirmed creating (the preview: they do not exist yet). */
  toCreate: ReadonlySet<string>;
  mayCreateGroups: boolean;
  reviewRequired: boolean;
  /** Filled with the unknown group names found (for the UI to ask about creating them). */
  unknownGroups: Set<string>;
  /** The file's lists of attribute codes, each held once (a preview keeps every row's record). */
  shared: SharedValues;
}

/**
 * The vault as the file's rows meet it, read set-wise (one query for the file's codes, one
 * for its numbers' blind indexes) instead of row by row; the rules asked of it stay the
 * services'.
 */
interface FileLookups {
  /** The registrants holding the file's codes, by code. */
  byCode: Map<string, Registrant>;
  /** The codes looked up (held or not). */
  looked: Set<string>;
  /** Who holds each of the file's numbers, by blind index. */
  holders: Map<string, NumberSubject>;
  put: PutLookups;
}

/** A row to plan: its cells, the id a new row would get, its number by blind index. */
interface RowToPlan {
  row: number;
  values: PreparedRow['values'];
  attributeLabels?: string[] | undefined;
  newId: string;
  blindIndex?: string | undefined;
}

/** Which column a refusal of the registrants service is about. */
function columnOfRefusal(key: string): CsvRegistrantField | null {
  if (key === 'errors.registrants.employeeCodeTaken') return 'employeeCode';
  if (key === 'errors.registrants.groupRequired' || key.startsWith('errors.groups.')) return 'group';
  if (key.startsWith('errors.attributes.')) return 'attributes';
  if (key.startsWith('errors.mynumber.')) return 'myNumber';
  return null;
}

const sealContext = (previewId: string, row: number) => `csv-preview:${previewId}:${row}`;

/** Whether anything was written to the database since: this connection's changes and any other's. */
function writeMark(db: Db): string {
  const changes = db.prepare<[], { n: number }>('SELECT total_changes() AS n').get()!.n;
  return `${changes}:${String(db.pragma('data_version', { simple: true }))}`;
}

export function createCsvImportService(deps: CsvImportDeps) {
  const { db, registrants, groups, attributes, status, myNumbers, submissions, fields, previews, jobs } = deps;
  const ownerOf = (ctx: CallContext): PreviewOwner => ({ sessionKey: ctx.session.key, userId: staffOf(ctx).id });
  const reviewRequiredNow = () => !myNumbers.directEntryAllowed();

  function environment(ctx: CallContext, columns: Columns, toCreate: ReadonlySet<string>): PlanEnv {
    const groupIdByName = new Map(groups.list(ctx).rows.map((g) => [g.name, g.id]));
    const attributeByLabel = new Map<string, string>();
    for (const a of attributes.list().rows) {
      attributeByLabel.set(a.label, a.code);
      attributeByLabel.set(a.code, a.code);
    }
    const mayCreateGroups = can(ctx.user?.role, 'groups.create');
    return { columns, groupIdByName, attributeByLabel, toCreate: mayCreateGroups ? toCreate : new Set(), mayCreateGroups, reviewRequired: reviewRequiredNow(), unknownGroups: new Set(), shared: createSharedValues() };
  }

  /** The vault's answers for these rows (and any added later by lookUp), two queries a batch. Inside the transaction that uses them. */
  function lookups(ctx: CallContext, rows: readonly RowToPlan[] = []): FileLookups {
    const byCode = new Map<string, Registrant>();
    const looked = new Set<string>();
    const holders = new Map<string, NumberSubject>();
    const groupIds = new Set(groups.list(ctx).rows.map((g) => g.id));
    const attributeStates = new Map<string, 'retired' | 'usable'>(attributes.list().rows.map((a) => [a.code, a.retired ? 'retired' : 'usable']));
    const put: PutLookups = {
      // The file's codes were looked up; any other code (none: checkPut asks for the row's own) is asked of the database.
      codeHolder: (code) => byCode.get(code)?.id ?? (looked.has(code) ? null : (registrants.byEmployeeCode(code)?.id ?? null)),
      groupExists: (id) => groupIds.has(id),
      attributeState: (code) => attributeStates.get(code) ?? 'unknown',
    };
    const look = { byCode, looked, holders, put };
    lookUp(look, rows);
    return look;
  }

  /** The vault's answers for more of the file's rows, added to the file's look-ups (set-wise, in two queries). */
  function lookUp(look: FileLookups, rows: readonly RowToPlan[]): void {
    const codes = rows.map((r) => r.values.employeeCode).filter((c): c is string => !!c);
    for (const [code, registrant] of registrants.byEmployeeCodes(codes)) look.byCode.set(code, registrant);
    for (const code of codes) look.looked.add(code);
    for (const [index, subject] of myNumbers.holdersOf(rows.flatMap((r) => (r.blindIndex ? [r.blindIndex] : [])))) look.holders.set(index, subject);
  }

  /** Whether the AppError is one of a rule's refusals (then a problem of the row), not a fault. */
  function refusal(err: unknown): AppError {
    if (err instanceof AppError) return err;
    throw err;
  }

  /**
   * The row against the vault as it is now: what it would do, or its problems. Writes
   * nothing; the services' rules are asked exactly as the commit will ask them.
   */
  function planRow(ctx: CallContext, row: RowToPlan, env: PlanEnv, look: FileLookups): { planned: PlannedRow | null; problems: CsvRowProblem[] } {
    const problems: CsvRowProblem[] = [];
    const header = (f: CsvRegistrantField) => env.columns.headerOf.get(f) ?? null;
    const problem = (field: CsvRegistrantField | null, key: CsvRowProblem['key'], params?: CsvRowProblem['params']) =>
      problems.push({ row: row.row, column: field ? header(field) : null, key, ...(params ? { params } : {}) });

    const code = row.values.employeeCode ?? '';
    if (code === '') {
      problem('employeeCode', 'validation.required', { field: 'employeeCode' });
      return { planned: null, problems };
    }
    const holder = look.byCode.get(code) ?? null;
    // Someone out of the caller's sight holds the code: refused as create would refuse it.
    const before = holder && registrants.inScope(ctx, holder) ? holder : null;
    const merged: Record<string, unknown> = before ? { ...fieldsOfRow(before) } : {};
    for (const [field, value] of Object.entries(row.values)) if (field !== 'group') merged[field] = value;

    if (row.values.group !== undefined) {
      const name = row.values.group;
      const id = name === '' ? undefined : env.groupIdByName.get(name);
      if (name !== '' && !id && !env.toCreate.has(name)) {
        if (env.mayCreateGroups) {
          env.unknownGroups.add(name);
          problem('group', 'errors.csv.unknownGroup', { name });
        } else problem('group', 'errors.csv.groupNotFound', { name });
      }
      // A group to be created is made before the rows at the commit; here it stands as none.
      merged.groupId = id;
    }

    if (row.attributeLabels !== undefined && row.attributeLabels.length > 0) {
      const codes: string[] = [];
      for (const label of row.attributeLabels) {
        const found = env.attributeByLabel.get(label);
        if (found) codes.push(found);
        else problem('attributes', 'errors.csv.unknownAttribute', { label });
      }
      merged.attributes = codes;
    } else if (!before) merged.attributes = [...DEFAULT_ATTRIBUTES];

    const parsed = recordSchema.safeParse(merged, { reportInput: true });
    if (!parsed.success) {
      // A column already reported (an unknown attribute, say) is not reported twice.
      const seen = new Set<string>(problems.map((p) => (p.column === header('group') ? 'groupId' : p.column === header('attributes') ? 'attributes' : '')));
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (seen.has(field)) continue;
        seen.add(field);
        const column = field === 'groupId' ? 'group' : (field as CsvRegistrantField);
        problems.push(issueProblem(issue, field, row.row, header(column) ?? null));
      }
    }
    if (problems.length > 0 || !parsed.success) return { planned: null, problems };
    const record = parsed.data as RegistrantFields;
    if (record.attributes) record.attributes = env.shared.list(record.attributes);

    let changed: string[];
    try {
      changed = registrants.checkPut(ctx, before, record, look.put);
    } catch (err) {
      const e = refusal(err);
      problem(columnOfRefusal(e.messageKey), e.messageKey, e.params);
      return { planned: null, problems };
    }

    let number: NumberPlan = 'none';
    if (row.blindIndex) {
      const subject = { type: 'registrant', id: before?.id ?? row.newId } as const;
      const known = { blindIndex: row.blindIndex, holders: look.holders };
      const standing = before ?? { id: row.newId, status: 'unregistered' as const };
      try {
        if (before && myNumbers.standingOf(subject, known) === 'this') number = 'unchanged';
        else if (env.reviewRequired) {
          if (myNumbers.standingOf(subject, known) === 'elsewhere') throw new AppError('CONFLICT', 'errors.mynumber.heldElsewhere');
          status.check(ctx, standing, 'pending', 'submit', { action: 'csv.importCommit' });
          number = 'review';
        } else {
          myNumbers.checkImported(subject, known);
          status.check(ctx, standing, 'completed', 'staffEntry', { action: 'csv.importCommit' });
          number = 'store';
        }
      } catch (err) {
        const e = refusal(err);
        problem(columnOfRefusal(e.messageKey) ?? 'myNumber', e.messageKey, e.params);
        return { planned: null, problems };
      }
    }
    const kind = !before ? 'create' : changed.length > 0 || number === 'store' || number === 'review' ? 'update' : 'unchanged';
    return { planned: { kind, before, id: before?.id ?? row.newId, fields: record, number }, problems };
  }

  /**
   * Writes every planned row, its rules asked again as it is written (on the file's look-ups).
   * Inside the commit's transaction. New rows go in batches, set-wise: their numbers, then the
   * rows themselves, written straight in their status (完了 with a number) with their search
   * index and attributes, then their moves in the history, a few statements a batch. A row
   * that exists already is updated through the services one at a time. Each row and its plan
   * are let go (their places set to null) once written: the caller has no further use for them.
   */
  function writeAll(ctx: CallContext, plans: (PlannedRow | null)[], rows: (KeptRow | null)[], look: FileLookups, previewId: string, job: Job): void {
    const total = plans.length;
    let numbers: SealedNumber[] = [];
    let created: Parameters<RegistrantsService['putNew']>[1][number][] = [];
    let moves: StatusEvent[] = [];
    let reviews: { id: string; kept: KeptRow }[] = [];
    const proxyEntry = (id: string, kept: KeptRow) => {
      // A proxy entry of its own, for the second user to approve (audited as such).
      const digits = fields.open(forReviewOf(kept)!, sealContext(previewId, kept.row)).toString('utf8');
      submissions.createProxy(ctx, { registrantId: id, myNumber: digits });
    };
    const flush = () => {
      // The numbers first: the rows are then written already holding them (the trigger that
      // keeps has_my_number finds no row to set yet, so no row is written twice).
      myNumbers.keepSealedNew(ctx, numbers, look.holders);
      registrants.putNew(ctx, created, look.put);
      status.recordNew(moves);
      for (const r of reviews) proxyEntry(r.id, r.kept);
      numbers = [];
      created = [];
      moves = [];
      reviews = [];
    };
    job.progress('write', 0, total);
    for (let i = 0; i < total; i++) {
      const plan = plans[i]!;
      const kept = rows[i]!;
      // Let go once in its batch: what the rows written held is free for the rows still to write.
      plans[i] = null;
      rows[i] = null;
      // A number was sealed at the preview for the registrant the row then meant: the row must mean it still.
      const sealedFor = storedOf(kept);
      if (sealedFor && plan.number === 'store' && sealedFor.subject.id !== plan.id) {
        throw new AppError('CONFLICT', 'errors.csv.changedSincePreview', {
          params: { row: kept.row },
          audit: { action: 'csv.importCommit', outcome: 'failure', detail: { reason: 'invalid_rows', problems: 1 } },
        });
      }
      if (plan.kind === 'create') {
        const moved = plan.number === 'store' ? status.moveNew(ctx, plan.id, 'completed', 'staffEntry', { action: 'csv.importCommit' }) : null;
        const stored = moved ? sealedFor : undefined;
        if (moved?.event) moves.push(moved.event);
        if (stored) numbers.push(stored);
        created.push({ id: plan.id, fields: plan.fields, status: moved?.status ?? 'unregistered', hasMyNumber: stored !== undefined });
        if (plan.number === 'review' && forReviewOf(kept)) reviews.push({ id: plan.id, kept });
      } else if (plan.kind === 'update' && plan.before) {
        registrants.put(ctx, plan.before, plan.fields, { known: look.put });
        if (plan.number === 'store' && sealedFor) {
          status.move(ctx, plan.before, 'completed', 'staffEntry', { action: 'csv.importCommit' });
          myNumbers.keepSealed(ctx, sealedFor, look.holders);
        } else if (plan.number === 'review' && forReviewOf(kept)) proxyEntry(plan.id, kept);
      }
      if ((i + 1) % WRITE_BATCH_ROWS === 0 || i + 1 === total) {
        flush();
        job.progress('write', i + 1, total);
      }
    }
  }

  function counts(plans: PlannedRow[]) {
    const c = { created: 0, updated: 0, unchanged: 0, numbers: 0 };
    for (const p of plans) {
      c[p.kind === 'create' ? 'created' : p.kind === 'update' ? 'updated' : 'unchanged']++;
      if (p.number === 'store' || p.number === 'review') c.numbers++;
    }
    return c;
  }

  /** The rows of a kept preview or a read file as the planner takes them. */
  const toPlan = (r: KeptRow): RowToPlan => ({ row: r.row, values: r.values, attributeLabels: r.attributeLabels, newId: r.newId, blindIndex: r.number?.blindIndex });

  /** Every row planned against the vault as it is now, or the first row that no longer passes. Inside a transaction. */
  function planAll(ctx: CallContext, rows: readonly KeptRow[], env: PlanEnv, look: FileLookups, from = 0, to = rows.length): PlannedRow[] {
    const plans: PlannedRow[] = [];
    for (let i = from; i < to; i++) {
      const row = rows[i]!;
      const { planned, problems } = planRow(ctx, toPlan(row), env, look);
      if (!planned) {
        // The vault changed since the preview (someone took a code or a number meanwhile).
        throw new AppError('CONFLICT', 'errors.csv.changedSincePreview', {
          params: { row: row.row },
          audit: { action: 'csv.importCommit', outcome: 'failure', detail: { reason: 'invalid_rows', problems: problems.length } },
        });
      }
      plans.push(planned);
    }
    return plans;
  }

  return {
    preview(ctx: CallContext, input: { fileName: string; contentBase64: string; createGroups?: string[] | undefined; columns?: Record<string, CsvRegistrantField | 'ignore'> | undefined }) {
      const owner = ownerOf(ctx);
      const previewId = randomUUID();
      const plans: PlannedRow[] = [];
      const planProblems: CsvRowProblem[] = [];
      const groupsUsed = new Set<string>();
      /** The rows kept for the commit, each number sealed as its row is planned: only while the file has no problem. */
      let kept: KeptRow[] = [];
      let env: PlanEnv | null = null;
      let look: FileLookups | null = null;
      /** A row kept for the commit, its number sealed now, once: for the registrant it will be stored under (the commit stores these bytes), or, when it goes for review, to this preview and row. */
      const keep = ({ digits, blindIndex, row, values, attributeLabels, newId }: RowToPlan & { digits?: string }, subjectId: string, reviewRequired: boolean): KeptRow => {
        // Written out field by field (not spread): 100,000 of these then share one shape.
        if (!digits || !blindIndex) return { row, values, attributeLabels, newId };
        const number: KeptNumber = reviewRequired
          ? { blindIndex, forReview: fields.seal(digits, sealContext(previewId, row)) }
          : myNumbers.sealImported({ type: 'registrant', id: subjectId }, digits, blindIndex);
        return { row, values, attributeLabels, newId, number };
      };
      const result = ctx.tx(() => {
        // Read, planned and sealed a batch at a time: no more than a batch of rows' cells and numbers held at once.
        const file = readFileRows(Buffer.from(input.contentBase64, 'base64'), registrantsFile(input.columns), (batch, columns, withProblems) => {
          const batchEnv = (env ??= environment(ctx, columns, new Set(input.createGroups ?? [])));
          // Each row's number only by its blind index from here on (and sealed below while the file passes).
          const rows: (RowToPlan & { digits?: string })[] = batch.map((r) => ({
            row: r.row,
            values: r.values,
            attributeLabels: r.attributeLabels,
            newId: orderedUuid(),
            ...(r.myNumber ? { blindIndex: r.myNumberIndex ?? myNumbers.indexOf(r.myNumber), digits: r.myNumber } : {}),
          }));
          for (const r of batch) if (r.values.group) groupsUsed.add(r.values.group);
          if (look) lookUp(look, rows);
          else look = lookups(ctx, rows);
          for (const row of rows) {
            if (withProblems.has(row.row)) continue;
            const { planned, problems: rowProblems } = planRow(ctx, row, batchEnv, look);
            if (rowProblems.length > 0) planProblems.push(...rowProblems);
            if (!planned) continue;
            plans.push(planned);
            if (withProblems.size === 0 && planProblems.length === 0) kept.push(keep(row, planned.id, batchEnv.reviewRequired));
          }
        }, myNumbers.indexOf);
        if (file.columns && !env) {
          env = environment(ctx, file.columns, new Set(input.createGroups ?? []));
          look = lookups(ctx);
        }
        const problems = [...file.problems, ...planProblems].sort((a, b) => a.row - b.row);
        const planEnv = env as PlanEnv | null;
        const groupsToCreate = planEnv ? [...planEnv.toCreate].filter((name) => groupsUsed.has(name) && !planEnv.groupIdByName.has(name)) : [];
        const summary = counts(plans);
        ctx.audit({
          action: 'csv.importPreview',
          detail: { kind: 'registrants', encoding: file.encoding, rows: file.dataRows, problems: problems.length, ...summary, groupsToCreate: groupsToCreate.length },
        });
        return { file, problems, env: planEnv, summary, groupsToCreate };
      });
      const { file, problems } = result;
      const reviewRequired = result.env?.reviewRequired ?? reviewRequiredNow();
      // Kept for the commit only when there is something to commit.
      if (problems.length > 0) kept = [];
      // Plans made against groups still to be created (they exist only in the commit) are not kept.
      const keepPlans = problems.length === 0 && look !== null && result.groupsToCreate.length === 0;
      previews.put(previewId, owner, {
        planned: keepPlans ? { plans, look: look!, mark: writeMark(db) } : null,
        id: previewId,
        encoding: file.encoding,
        columns: file.columns ?? { fields: [], headerOf: new Map() },
        rows: kept,
        groupsToCreate: result.groupsToCreate,
        errorCount: problems.length,
        reviewRequired,
      });
      return {
        previewId,
        rowCount: file.dataRows,
        encoding: file.encoding,
        errors: problems.slice(0, MAX_LISTED_PROBLEMS).map(toProblem),
        errorCount: problems.length,
        unknownGroups: result.env ? [...result.env.unknownGroups] : [],
        summary: result.summary,
        reviewRequired,
      };
    },

    /**
     * The commit, as a job when the caller names one: the preview's plans when nothing has been
     * written to the vault since the preview (then the rows meet the vault they were planned
     * against), else every row planned again in batches, letting other work run between them
     * (progress 'validate'; a cancel stops it here); then one transaction that writes every row
     * (progress 'write'). Should anything have been written to the vault meanwhile, the rows are
     * planned again inside that transaction.
     * Once writing has begun the job can no longer stop: it is one synchronous transaction.
     */
    async commit(ctx: CallContext, input: { previewId: string; jobId?: string | undefined }) {
      // The job first: a jobId already running is refused before the preview is used up.
      const job = jobs.start(ctx, input.jobId, 'csv.import');
      try {
        const kept = previews.take(input.previewId, ownerOf(ctx));
        if (!kept) {
          throw new AppError('NOT_FOUND', 'errors.csv.previewGone', { audit: { action: 'csv.importCommit', outcome: 'failure', detail: { reason: 'preview_gone' } } });
        }
        if (kept.errorCount > 0) {
          throw new AppError('VALIDATION', 'errors.csv.hasErrors', {
            params: { count: kept.errorCount },
            audit: { action: 'csv.importCommit', outcome: 'failure', detail: { reason: 'invalid_rows', problems: kept.errorCount } },
          });
        }
        const total = kept.rows.length;
        const refuseChanged = () => {
          throw new AppError('CONFLICT', 'errors.csv.changedSincePreview', {
            params: { row: 1 },
            audit: { action: 'csv.importCommit', outcome: 'failure', detail: { reason: 'setting_changed' } },
          });
        };
        // Planned outside the write transaction, a batch at a time (groups still to be created
        // exist only inside it: such a file is planned there).
        const cancelled = { action: 'csv.importCommit', outcome: 'failure', detail: { reason: 'cancelled' } } as const;
        // The preview's own plans when nothing was written since it; else every row planned again.
        let planned = kept.planned !== null && kept.planned.mark === writeMark(db) ? kept.planned : null;
        if (planned) {
          job.progress('validate', 0, total);
          job.progress('validate', total, total);
          await yieldToEventLoop();
          job.throwIfCancelled(cancelled);
        } else if (kept.groupsToCreate.length === 0) {
          job.progress('validate', 0, total);
          const mark = writeMark(db);
          const env = environment(ctx, kept.columns, new Set());
          if (env.reviewRequired !== kept.reviewRequired) refuseChanged();
          const look = lookups(ctx, kept.rows.map(toPlan));
          const plans: PlannedRow[] = [];
          for (let i = 0; i < total; i += PLAN_BATCH_ROWS) {
            await yieldToEventLoop();
            job.throwIfCancelled(cancelled);
            // A write between two batches (another user's) makes the plans stale: they are made again below.
            plans.push(...planAll(ctx, kept.rows, env, look, i, Math.min(total, i + PLAN_BATCH_ROWS)));
            job.progress('validate', Math.min(total, i + PLAN_BATCH_ROWS), total);
          }
          await yieldToEventLoop();
          job.throwIfCancelled(cancelled);
          planned = { plans, look, mark };
        }
        job.pastCancel();
        // One transaction: the groups confirmed, then every row; any refusal undoes all of it.
        // With a smaller page cache: what the write's dirty pages would hold is the import's peak.
        return withBulkWriteCache(db, () => ctx.tx(() => {
          const unchangedSince = planned !== null && planned.mark === writeMark(db);
          for (const name of kept.groupsToCreate) groups.create(ctx, { name });
          const env = environment(ctx, kept.columns, new Set());
          if (env.reviewRequired !== kept.reviewRequired) refuseChanged();
          const look = unchangedSince ? planned!.look : lookups(ctx, kept.rows.map(toPlan));
          const plans = unchangedSince ? planned!.plans : planAll(ctx, kept.rows, env, look);
          const summary = counts(plans);
          // The preview was taken: its rows and plans are let go as they are written.
          writeAll(ctx, plans, kept.rows, look, kept.id, job);
          ctx.audit({
            action: 'csv.importCommit',
            detail: { kind: 'registrants', encoding: kept.encoding, rows: total, ...summary, groupsCreated: kept.groupsToCreate.length, reviewRequired: env.reviewRequired },
          });
          return { ...summary, groupsCreated: kept.groupsToCreate.length, reviewRequired: env.reviewRequired };
        }));
      } finally {
        job.end();
      }
    },
  };
}

export type CsvImportService = ReturnType<typeof createCsvImportService>;
