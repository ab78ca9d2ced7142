// Registrants: HR adds and edits the people whose numbers are kept; every role may list and
// view them (rows carry no number). Each read and change of personal data is audited.
//
// Visibility (scope.ts): a caller reaches only the registrants of their scope. `require` is the
// one door for anything registrant-scoped, here and in the other modules (dependents, numbers,
// status, submissions): outside the scope a registrant is NOT_FOUND, exactly like one that does
// not exist; lists and counts carry the scope in their SQL (scopeCondition).
import type { RegistrantStatus } from '../../../../src-shared/domain';
import { REGISTRANT_STATUSES } from '../../../../src-shared/domain';
import type { CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { AttributesService } from '../attributes';
import type { GroupsService } from '../groups';
import type { RecordLock } from '../status';
import type { NewRowState, RegistrantFields, RegistrantFilter, RegistrantQuery, RegistrantRepository } from './repository';
import { auditVisibility, groupInScope, scopeGroups, scopeOf, type RegistrantScope } from './scope';

/** The fields an edit may change, as the audit trail names them (never their values). */
const RECORD_FIELDS = [
  'employeeCode',
  'familyName',
  'givenName',
  'familyNameKana',
  'givenNameKana',
  'email',
  'birthDate',
  'phone',
  'postalCode',
  'address',
  'hireDate',
  'leaveDate',
  'groupId',
  'notes',
] as const;

export interface RegistrantsDeps {
  repository: RegistrantRepository;
  lock: RecordLock;
  groups: GroupsService;
  attributes: AttributesService;
}

/**
 * What checkPut would otherwise ask the database row by row, answered from look-ups the CSV
 * import made for the whole file at once (the rules stay checkPut's).
 */
export interface PutLookups {
  /** The id of the registrant holding the employee code, if any. */
  codeHolder(code: string): string | null;
  /** Whether the group exists. */
  groupExists(id: string): boolean;
  /** Whether the attribute exists, and whether it is retired. */
  attributeState(code: string): 'unknown' | 'retired' | 'usable';
}

const notFound = () => new AppError('NOT_FOUND', 'errors.registrants.notFound');

type StoredRegistrant = ReturnType<RegistrantRepository['findById']> & {};

/** A stored row's fields as create and update take them (absent for null). */
export function fieldsOfRow(r: StoredRegistrant): RegistrantFields {
  const fields: RegistrantFields = { familyName: r.familyName, givenName: r.givenName, familyNameKana: r.familyNameKana, givenNameKana: r.givenNameKana, attributes: [...r.attributes] };
  for (const k of RECORD_FIELDS) if (r[k] !== null && fields[k] === undefined) (fields as unknown as Record<string, string>)[k] = r[k];
  return fields;
}

/** Which fields (by name, never their values) `fields` would change on `before`. */
export function changedRecordFields(before: StoredRegistrant, fields: RegistrantFields): string[] {
  const changed: string[] = RECORD_FIELDS.filter((k) => (before[k] ?? undefined) !== (fields[k] ?? undefined));
  if (before.attributes.join(',') !== [...new Set(fields.attributes)].sort().join(',')) changed.push('attributes');
  return changed;
}

function zeroByStatus(): Record<RegistrantStatus, number> {
  return Object.fromEntries(REGISTRANT_STATUSES.map((s) => [s, 0])) as Record<RegistrantStatus, number>;
}

/** The calendar date in Japan (where the employer is) as YYYY-MM-DD. */
function japanDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function createRegistrantsService({ repository, lock, groups, attributes }: RegistrantsDeps) {
  const scope = (ctx: CallContext): RegistrantScope => scopeOf(ctx.principal);

  /** The registrant, or NOT_FOUND when there is none or it is outside the caller's scope. */
  function require(ctx: CallContext, id: string) {
    const registrant = repository.findById(id);
    if (!registrant || !inScope(ctx, registrant)) throw notFound();
    return registrant;
  }

  /** Whether this registrant (a row already read) is in the caller's scope. */
  function inScope(ctx: CallContext, registrant: StoredRegistrant): boolean {
    const s = scope(ctx);
    return s.kind === 'one' ? s.registrantId === registrant.id : groupInScope(s, registrant.groupId);
  }

  /** Whether the registrant exists and is in the caller's scope. */
  function visible(ctx: CallContext, id: string): boolean {
    try {
      require(ctx, id);
      return true;
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return false;
      throw err;
    }
  }

  function assertEmployeeCodeFree(fields: RegistrantFields, selfId?: string, known?: PutLookups) {
    if (!fields.employeeCode) return;
    const holder = known ? known.codeHolder(fields.employeeCode) : repository.idByEmployeeCode(fields.employeeCode);
    // Codes are unique across the company: the refusal names nobody, whoever holds it.
    if (holder && holder !== selfId) throw new AppError('CONFLICT', 'errors.registrants.employeeCodeTaken');
  }

  /**
   * The group must exist, and a caller limited to groups must put the registrant in one of
   * theirs (a registrant in no group would be out of their own sight at once).
   */
  function assertGroupAllowed(ctx: CallContext, groupId: string | undefined, known?: PutLookups) {
    const limitedTo = scopeGroups(scope(ctx));
    if (groupId === undefined) {
      if (limitedTo) throw new AppError('VALIDATION', 'errors.registrants.groupRequired');
      return;
    }
    if (limitedTo && !limitedTo.includes(groupId)) throw new AppError('NOT_FOUND', 'errors.groups.notFound');
    if (!known) groups.assertExist([groupId]);
    else if (!known.groupExists(groupId)) throw new AppError('NOT_FOUND', 'errors.groups.notFound');
  }

  /**
   * For the CSV import, which audits the whole file once: the rules of create (`before`
   * null) and of update, without writing anything; the fields that would change. Refuses
   * exactly as create and update do. With `known`, `before` is a row read in this
   * transaction and the look-ups answer for the database.
   */
  function checkPut(ctx: CallContext, before: StoredRegistrant | null, fields: RegistrantFields, known?: PutLookups): string[] {
    if (before && !known) require(ctx, before.id);
    else if (before && !inScope(ctx, before)) throw notFound();
    assertGroupAllowed(ctx, fields.groupId, known);
    attributes.assertAssignable(fields.attributes, before?.attributes ?? [], known?.attributeState);
    assertEmployeeCodeFree(fields, before?.id, known);
    if (!before) return [];
    const changed = changedRecordFields(before, fields);
    lock.assertEditable(ctx, before, { action: 'csv.importCommit', changed });
    return changed;
  }

  return {
    require,
    /** The caller's scope on the audit trail (null: they read all of it). */
    auditVisibility: (ctx: CallContext) => auditVisibility(scope(ctx)),

    visible,
    inScope,

    /** The caller's scope, for other modules' lists and counts (with scopeCondition). */
    scope,

    create(ctx: CallContext, fields: RegistrantFields) {
      const id = ctx.tx(() => {
        assertGroupAllowed(ctx, fields.groupId);
        attributes.assertAssignable(fields.attributes);
        assertEmployeeCodeFree(fields);
        const newId = repository.insert(fields, ctx.now);
        ctx.audit({ action: 'registrants.create', targetType: 'registrant', targetId: newId, detail: { attributes: fields.attributes.join(',') } });
        return newId;
      });
      return { id };
    },

    /** Replaces every field of the record (one left out is cleared). */
    update(ctx: CallContext, id: string, fields: RegistrantFields) {
      ctx.tx(() => {
        const before = require(ctx, id);
        assertGroupAllowed(ctx, fields.groupId);
        attributes.assertAssignable(fields.attributes, before.attributes);
        assertEmployeeCodeFree(fields, id);
        // Which fields changed, never their values: the trail is not a second copy of the data.
        const changed = changedRecordFields(before, fields);
        // A completed registrant's identity fields are locked until an admin unlocks it (status module).
        lock.assertEditable(ctx, before, { action: 'registrants.update', changed });
        repository.update(id, fields, ctx.now);
        ctx.audit({ action: 'registrants.update', targetType: 'registrant', targetId: id, detail: { changed: changed.join(',') } });
      });
      return {};
    },

    /**
     * One page and the total, within the scope, and the audit entry (counts only): a routine
     * view (ctx.viewTx), committed with the views around it and not waiting for the disk, so
     * typing costs neither an fsync nor a commit per keystroke.
     */
    list(ctx: CallContext, query: RegistrantQuery) {
      return ctx.viewTx(() => {
        const result = repository.list(query, scope(ctx));
        // The search text is not recorded: a person may have typed anything into it.
        const filtered = Object.values(query.filter ?? {}).some((v) => v !== undefined && v !== '');
        ctx.audit({ action: 'registrants.list', detail: { returned: result.rows.length, total: result.total, filtered } });
        return result;
      });
    },

    /**
     * Every registrant a list filter finds within the caller's scope (of these statuses only,
     * when given), at most `limit`, and how many it finds in all. Not audited: the caller's
     * own entry says what it did with them.
     */
    matching(ctx: CallContext, filter: RegistrantFilter, options: { statuses?: readonly RegistrantStatus[]; limit: number }) {
      return repository.matching(filter, scope(ctx), options);
    },

    get(ctx: CallContext, id: string) {
      return ctx.tx(() => {
        const registrant = require(ctx, id);
        ctx.audit({ action: 'registrants.view', targetType: 'registrant', targetId: registrant.id });
        return { registrant };
      });
    },

    /**
     * Counts for the dashboard within the caller's scope: no person in them, so reading them
     * is not audited. Per group: every group the caller reaches (empty ones too), in display
     * order, then those in no group (for callers who see them).
     */
    summary(ctx: CallContext) {
      const s = scope(ctx);
      const counted = repository.summary(s);
      const byStatus = zeroByStatus();
      const perGroup = new Map<string | null, { groupId: string | null; total: number; byStatus: Record<RegistrantStatus, number>; withMyNumber: number }>();
      for (const id of groups.idsInOrder(ctx)) perGroup.set(id, { groupId: id, total: 0, byStatus: zeroByStatus(), withMyNumber: 0 });
      let total = 0;
      let withMyNumber = 0;
      for (const c of counted) {
        byStatus[c.status] += c.n;
        total += c.n;
        withMyNumber += c.withNumber;
        let entry = perGroup.get(c.groupId);
        if (!entry) {
          entry = { groupId: c.groupId, total: 0, byStatus: zeroByStatus(), withMyNumber: 0 };
          perGroup.set(c.groupId, entry);
        }
        entry.total += c.n;
        entry.byStatus[c.status] += c.n;
        entry.withMyNumber += c.withNumber;
      }
      const byGroup = [...perGroup.values()].sort((a, b) => (a.groupId === null ? 1 : 0) - (b.groupId === null ? 1 : 0));
      // Left the company (退職日 passed): the candidates for disposal once its rule is in.
      const leaveDatePassed = repository.countLeftBefore(s, japanDate(ctx.now));
      return { total, byStatus, withMyNumber, byGroup, leaveDatePassed };
    },

    /**
     * What the vault holds, counted (never a person): for the handling report, which its
     * caller audits. Groups in display order, then those in no group (key '').
     */
    heldCounts(ctx: CallContext) {
      const held = repository.heldCounts();
      const order = groups.idsInOrder(ctx);
      const byGroup = [...held.byGroup]
        .sort((a, b) => (a.key === null ? Infinity : order.indexOf(a.key)) - (b.key === null ? Infinity : order.indexOf(b.key)))
        .map((g) => ({ ...g, key: g.key ?? '', label: g.key === null ? '' : (groups.label(g.key) ?? g.key) }));
      const byAttribute = held.byAttribute.map((a) => ({ ...a, key: a.key ?? '', label: attributes.label(a.key ?? '') ?? a.key ?? '' }));
      return { ...held, byAttribute, byGroup };
    },

    /**
     * What a registrant is called now, for the audit trail's rows; with a caller, null for a
     * registrant outside their scope (the row then shows no name).
     */
    label(id: string, ctx?: CallContext): string | null {
      const r = repository.findById(id);
      if (!r || (ctx && !visible(ctx, id))) return null;
      return `${r.familyName} ${r.givenName}`;
    },

    /** Every registrant in the caller's scope that the filter lets through, for an export (which audits). */
    all: (ctx: CallContext, filter: RegistrantQuery['filter']) => repository.all(filter ?? {}, scope(ctx)),

    /** The registrant holding this employee code, in the caller's scope or not (the CSV import matches rows by it). */
    byEmployeeCode(code: string) {
      const id = repository.idByEmployeeCode(code);
      return id ? repository.findById(id) : null;
    },

    /** The registrants holding these codes, by code, in the caller's scope or not (one query for a whole file). */
    byEmployeeCodes: (codes: readonly string[]) => repository.byEmployeeCodes(codes),

    checkPut,

    /**
     * checkPut, then the row written (unless nothing changes). Call inside the import's
     * transaction. A new row may come with its id chosen beforehand and the status the
     * status module moved it to (`status.moveNew`, which keeps the move in the history).
     */
    put(
      ctx: CallContext,
      before: StoredRegistrant | null,
      fields: RegistrantFields,
      options: { known?: PutLookups; initial?: NewRowState } = {},
    ): { id: string; changed: string[] } {
      const changed = checkPut(ctx, before, fields, options.known);
      if (!before) return { id: repository.insert(fields, ctx.now, options.initial), changed };
      if (changed.length > 0) repository.update(before.id, fields, ctx.now);
      return { id: before.id, changed };
    },

    /**
     * New registrants, many at once (the CSV import's batches): each checked as create checks
     * it (checkPut, on the file's look-ups), then all written together. Inside the import's transaction.
     */
    putNew(ctx: CallContext, rows: readonly (NewRowState & { id: string; fields: RegistrantFields })[], known: PutLookups): void {
      for (const r of rows) checkPut(ctx, null, r.fields, known);
      repository.insertMany(rows, ctx.now);
    },

    /** Merges the search index so deleted rows leave no entries behind (before a VACUUM). */
    compactSearchIndex: () => repository.compactSearchIndex(),
  };
}

export type RegistrantsService = ReturnType<typeof createRegistrantsService>;
