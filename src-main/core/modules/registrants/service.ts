// Registrants: HR adds and edits the people whose numbers are kept; every role may list and
// view them (rows carry no number). Each read and change of personal data is audited.
import type { CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { RegistrantFields, RegistrantQuery, RegistrantRepository } from './repository';

const TEXT_FIELDS = ['employeeCode', 'familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'email', 'birthDate'] as const;

export function createRegistrantsService(repository: RegistrantRepository) {
  function assertEmployeeCodeFree(fields: RegistrantFields, selfId?: string) {
    if (!fields.employeeCode) return;
    const holder = repository.idByEmployeeCode(fields.employeeCode);
    if (holder && holder !== selfId) throw new AppError('CONFLICT', 'errors.registrants.employeeCodeTaken');
  }

  return {
    /** The registrant, or NOT_FOUND. */
    require(id: string) {
      const registrant = repository.findById(id);
      if (!registrant) throw new AppError('NOT_FOUND', 'errors.registrants.notFound');
      return registrant;
    },

    exists: (id: string) => repository.findById(id) !== null,

    create(ctx: CallContext, fields: RegistrantFields) {
      const id = ctx.tx(() => {
        assertEmployeeCodeFree(fields);
        const newId = repository.insert(fields, ctx.now);
        ctx.audit({ action: 'registrants.create', targetType: 'registrant', targetId: newId, detail: { attributes: fields.attributes.join(',') } });
        return newId;
      });
      return { id };
    },

    update(ctx: CallContext, id: string, fields: RegistrantFields) {
      ctx.tx(() => {
        const before = repository.findById(id);
        if (!before) throw new AppError('NOT_FOUND', 'errors.registrants.notFound');
        assertEmployeeCodeFree(fields, id);
        repository.update(id, fields, ctx.now);
        // Which fields changed, never their values: the trail is not a second copy of the data.
        const changed: string[] = TEXT_FIELDS.filter((k) => (before[k] ?? undefined) !== (fields[k] ?? undefined));
        if (before.attributes.join(',') !== [...new Set(fields.attributes)].sort().join(',')) changed.push('attributes');
        ctx.audit({ action: 'registrants.update', targetType: 'registrant', targetId: id, detail: { changed: changed.join(',') } });
      });
      return {};
    },

    list(ctx: CallContext, query: RegistrantQuery) {
      return ctx.tx(() => {
        const result = repository.list(query);
        // The search text is not recorded: a person may have typed anything into it.
        const { text, status, attribute } = query.filter ?? {};
        ctx.audit({ action: 'registrants.list', detail: { returned: result.rows.length, total: result.total, filtered: !!(text || status || attribute) } });
        return result;
      });
    },

    get(ctx: CallContext, id: string) {
      return ctx.tx(() => {
        const registrant = repository.findById(id);
        if (!registrant) throw new AppError('NOT_FOUND', 'errors.registrants.notFound');
        ctx.audit({ action: 'registrants.view', targetType: 'registrant', targetId: registrant.id });
        return { registrant };
      });
    },

    /** Counts for the dashboard: no person in them, so reading them is not audited. */
    summary: () => repository.summary(),

    /** What a registrant is called now, for the audit trail's rows. */
    label(id: string): string | null {
      const r = repository.findById(id);
      return r ? `${r.familyName} ${r.givenName}` : null;
    },
  };
}

export type RegistrantsService = ReturnType<typeof createRegistrantsService>;
