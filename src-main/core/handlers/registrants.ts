// Registrants: HR adds and edits the people whose numbers are kept; every role may list and
// view them (rows carry no number). Each read and change of personal data is audited.
import type { CallContext, Handler } from './context';
import { AppError } from '../errors';
import type { RegistrantFields } from '../services/registrants';

const NOT_FOUND = '登録者が見つかりません';
const TEXT_FIELDS = ['employeeCode', 'familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'email', 'birthDate'] as const;
const CODE_TAKEN = 'この従業員番号は別の登録者に使われています';

function assertEmployeeCodeFree(ctx: CallContext, fields: RegistrantFields, selfId?: string) {
  if (!fields.employeeCode) return;
  const holder = ctx.vault.registrants.idByEmployeeCode(fields.employeeCode);
  if (holder && holder !== selfId) throw new AppError('CONFLICT', CODE_TAKEN);
}

export const registrantsCreate: Handler<'registrants.create'> = (input, ctx) => {
  const id = ctx.tx(() => {
    assertEmployeeCodeFree(ctx, input);
    const newId = ctx.vault.registrants.insert(input, ctx.now);
    ctx.audit({ action: 'registrants.create', targetType: 'registrant', targetId: newId, detail: { attributes: input.attributes.join(',') } });
    return newId;
  });
  return { id };
};

export const registrantsUpdate: Handler<'registrants.update'> = (input, ctx) => {
  const { id, ...fields } = input;
  ctx.tx(() => {
    const before = ctx.vault.registrants.findById(id);
    if (!before) throw new AppError('NOT_FOUND', NOT_FOUND);
    assertEmployeeCodeFree(ctx, fields, id);
    ctx.vault.registrants.update(id, fields, ctx.now);
    // Which fields changed, never their values: the trail is not a second copy of the data.
    const changed: string[] = TEXT_FIELDS.filter((k) => (before[k] ?? undefined) !== (fields[k] ?? undefined));
    if (before.attributes.join(',') !== [...new Set(fields.attributes)].sort().join(',')) changed.push('attributes');
    ctx.audit({ action: 'registrants.update', targetType: 'registrant', targetId: id, detail: { changed: changed.join(',') } });
  });
  return {};
};

export const registrantsList: Handler<'registrants.list'> = (input, ctx) => {
  return ctx.tx(() => {
    const result = ctx.vault.registrants.list(input);
    // The search text is not recorded: a person may have typed anything into it.
    ctx.audit({
      action: 'registrants.list',
      detail: { returned: result.rows.length, total: result.total, filtered: !!(input.filter?.text || input.filter?.status || input.filter?.attribute) },
    });
    return result;
  });
};

export const registrantsGet: Handler<'registrants.get'> = (input, ctx) => {
  return ctx.tx(() => {
    const registrant = ctx.vault.registrants.findById(input.id);
    if (!registrant) throw new AppError('NOT_FOUND', NOT_FOUND);
    ctx.audit({ action: 'registrants.view', targetType: 'registrant', targetId: registrant.id });
    return { registrant };
  });
};

export const registrantsSummary: Handler<'registrants.summary'> = (_input, ctx) => ctx.vault.registrants.summary();
