// Dependents (扶養親族): HR lists, adds and edits a registrant's dependents; every role may list
// them (rows carry no number). A dependent is reached only through its registrant, so whoever
// may not see the registrant gets NOT_FOUND for the dependent too. Identity fields of the
// dependents of a completed (locked) registrant are locked with it.
import type { DependentRow } from '../../../../src-shared/contract';
import type { CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { RegistrantsService } from '../registrants';
import type { RecordLock } from '../status';
import type { DependentFields, DependentRepository } from './repository';

type LockableRegistrant = Parameters<RecordLock['assertEditable']>[1];

const FIELDS = ['relationship', 'familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'birthDate', 'taxDependent', 'category3'] as const;

/** The fields a change would alter, by name (never their values). */
export function changedFields(before: DependentRow, after: DependentFields): string[] {
  const normal = (k: (typeof FIELDS)[number], v: unknown) => (k === 'taxDependent' || k === 'category3' ? v === true : (v ?? null));
  return FIELDS.filter((k) => normal(k, before[k]) !== normal(k, after[k]));
}

export interface DependentsDeps {
  repository: DependentRepository;
  registrants: RegistrantsService;
  lock: RecordLock;
}

export function createDependentsService({ repository, registrants, lock }: DependentsDeps) {
  /** The registrant, or NOT_FOUND when absent or outside what the caller may see. */
  const requireRegistrant = (ctx: CallContext, id: string) => registrants.require(ctx, id);
  const notFound = () => new AppError('NOT_FOUND', 'errors.dependents.notFound');

  /** The dependent and its registrant; NOT_FOUND alike when either is absent or out of sight. */
  function requireDependent(ctx: CallContext, id: string) {
    const dependent = repository.findById(id);
    if (!dependent) throw notFound();
    try {
      return { dependent, registrant: requireRegistrant(ctx, dependent.registrantId) };
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') throw notFound();
      throw err;
    }
  }

  return {
    require: requireDependent,

    list(ctx: CallContext, registrantId: string) {
      return ctx.tx(() => {
        const registrant = requireRegistrant(ctx, registrantId);
        const rows = repository.listByRegistrant(registrant.id);
        ctx.audit({ action: 'dependents.list', targetType: 'registrant', targetId: registrant.id, detail: { returned: rows.length } });
        return { rows };
      });
    },

    create(ctx: CallContext, registrantId: string, fields: DependentFields) {
      const id = ctx.tx(() => {
        const registrant = requireRegistrant(ctx, registrantId);
        lock.assertEditable(ctx, registrant, { action: 'dependents.create' });
        const newId = repository.insert(registrant.id, fields, ctx.now);
        ctx.audit({ action: 'dependents.create', targetType: 'dependent', targetId: newId, detail: { registrantId: registrant.id, relationship: fields.relationship } });
        return newId;
      });
      return { id };
    },

    update(ctx: CallContext, id: string, fields: DependentFields) {
      ctx.tx(() => {
        const { dependent, registrant } = requireDependent(ctx, id);
        const changed = changedFields(dependent, fields);
        lock.assertEditable(ctx, registrant, { action: 'dependents.update', targetType: 'dependent', targetId: id, changed });
        repository.update(id, fields, ctx.now);
        ctx.audit({ action: 'dependents.update', targetType: 'dependent', targetId: id, detail: { registrantId: registrant.id, changed: changed.join(',') } });
      });
      return {};
    },

    /** For an approved submission, inside its transaction (which audits): adds a dependent. */
    add: (registrantId: string, fields: DependentFields, now: Date) => repository.insert(registrantId, fields, now),
    /** For an approved submission, inside its transaction: replaces a dependent's fields, returns what changed. */
    replace(dependent: DependentRow, fields: DependentFields, now: Date): string[] {
      const changed = changedFields(dependent, fields);
      if (changed.length > 0) repository.update(dependent.id, fields, now);
      return changed;
    },
    /**
     * For the CSV import, which writes with add/replace and audits the file once: the fields
     * the row would change (all of them for a new dependent), refused (LOCKED) as create,
     * update and mynumber.set refuse while the registrant's record is locked. Writes nothing.
     */
    checkImported(ctx: CallContext, registrant: LockableRegistrant, before: DependentRow | null, fields: DependentFields, storesNumber: boolean): string[] {
      if (!before) {
        lock.assertEditable(ctx, registrant, { action: 'csv.importCommit' });
        return [...FIELDS];
      }
      const attempt = { action: 'csv.importCommit', targetType: 'dependent', targetId: before.id } as const;
      const changed = changedFields(before, fields);
      if (changed.length > 0) lock.assertEditable(ctx, registrant, { ...attempt, changed });
      if (storesNumber) lock.assertEditable(ctx, registrant, attempt);
      return changed;
    },
    /** A dependent of this registrant, or null: a submission may change only the registrant's own. */
    findOf(registrantId: string, id: string): DependentRow | null {
      const dependent = repository.findById(id);
      return dependent && dependent.registrantId === registrantId ? dependent : null;
    },

    /** A registrant's dependents, for an export (which audits); the caller has required the registrant. */
    listOf: (registrantId: string) => repository.listByRegistrant(registrantId),

    /** The ids of a registrant's dependents, for the audit trail's filter; the caller has required the registrant. */
    idsOfRegistrant: (registrantId: string) => repository.idsOfRegistrant(registrantId),

    /** What a dependent is called now, for the audit trail's rows; null when gone or out of the caller's sight. */
    label(id: string, ctx: CallContext): string | null {
      const d = repository.findById(id);
      return d && registrants.visible(ctx, d.registrantId) ? `${d.familyName} ${d.givenName}` : null;
    },
  };
}

export type DependentsService = ReturnType<typeof createDependentsService>;
