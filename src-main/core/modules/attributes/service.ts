// Attributes (属性): the built-in ones and those an admin adds, renames (an added one only),
// reorders, retires or brings back. Never deleted: a retired attribute is given to nobody
// new, and a row that has it keeps it (and may keep it through an edit).
import { randomBytes } from 'node:crypto';
import type { AttributeCode, CustomAttributeCode } from '../../../../src-shared/domain';
import type { CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { AttributeRepository } from './repository';

export function createAttributesService(repository: AttributeRepository) {
  function assertLabelFree(label: string, selfCode?: string) {
    const holder = repository.codeByLabel(label);
    if (holder && holder !== selfCode) throw new AppError('CONFLICT', 'errors.attributes.labelTaken');
  }

  return {
    /** Labels and counts, no person: not audited. */
    list: () => ({ rows: repository.list() }),

    create(ctx: CallContext, input: { label: string }) {
      const code: CustomAttributeCode = `x_${randomBytes(5).toString('hex')}`;
      ctx.tx(() => {
        assertLabelFree(input.label);
        repository.insert(code, input.label, ctx.now);
        ctx.audit({ action: 'attributes.create', targetType: 'attribute', targetId: code });
      });
      return { code };
    },

    update(ctx: CallContext, input: { attribute: AttributeCode; label?: string | undefined; sortOrder?: number | undefined; retired?: boolean | undefined }) {
      ctx.tx(() => {
        const attribute = repository.find(input.attribute);
        if (!attribute) throw new AppError('NOT_FOUND', 'errors.attributes.notFound');
        const renamed = input.label !== undefined && input.label !== attribute.label;
        // A built-in attribute is named by the UI's translations: its label stays.
        if (renamed && attribute.builtin) throw new AppError('CONFLICT', 'errors.attributes.builtinLabel');
        if (renamed) assertLabelFree(input.label!, attribute.code);
        repository.update(attribute.code, input, ctx.now);
        ctx.audit({
          action: 'attributes.update',
          targetType: 'attribute',
          targetId: attribute.code,
          detail: { renamed, sortOrder: input.sortOrder ?? null, retired: input.retired ?? null },
        });
      });
      return {};
    },

    /**
     * Refuses (VALIDATION) codes that name no attribute, and retired ones unless `kept` (the
     * row's codes before an edit) already has them. Call inside the edit's transaction.
     * `stateOf`: the CSV import's look-up of every attribute at once.
     */
    assertAssignable(codes: readonly string[], kept: readonly string[] = [], stateOf: (code: string) => 'unknown' | 'retired' | 'usable' = repository.stateOf): void {
      for (const code of codes) {
        const state = stateOf(code);
        if (state === 'unknown') throw new AppError('VALIDATION', 'errors.attributes.notFound');
        if (state === 'retired' && !kept.includes(code)) throw new AppError('VALIDATION', 'errors.attributes.retired');
      }
    },

    /** What an attribute is called now, for the audit trail's rows. */
    label: (code: string) => repository.find(code)?.label ?? null,
  };
}

export type AttributesService = ReturnType<typeof createAttributesService>;
