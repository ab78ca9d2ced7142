// Saved CSV layouts: column mappings for importing another system's files and export presets
// of the office's own. They hold no person, so HR shares them; a manager limited to groups
// changes or deletes only the ones they saved (admins and unlimited managers, any). A name is
// used once per kind. Saving and deleting are audited (without the layout itself).
import type { CallContext } from '../../kernel/context';
import { staffOf } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { StaffIdentity } from '../../kernel/principal';
import type { MappingColumns, PresetFields, SavedLayoutRepository } from './saved-repository';

const mayChange = (user: StaffIdentity, createdBy: string | null) => user.role === 'admin' || user.groupIds.length === 0 || createdBy === user.id;

export function createSavedLayoutsService(repository: SavedLayoutRepository) {
  function ownedOrRefused(user: StaffIdentity, found: { createdBy: string | null } | null): void {
    if (!found) throw new AppError('NOT_FOUND', 'errors.csv.layoutNotFound');
    if (!mayChange(user, found.createdBy)) throw new AppError('FORBIDDEN', 'errors.csv.layoutNotYours');
  }

  return {
    listMappings(ctx: CallContext) {
      const user = staffOf(ctx);
      return { rows: repository.mappings().map(({ createdBy, ...m }) => ({ ...m, editable: mayChange(user, createdBy) })) };
    },

    saveMapping(ctx: CallContext, input: { id?: string | undefined; name: string; columns: MappingColumns }) {
      const user = staffOf(ctx);
      if (Object.keys(input.columns).length === 0) throw new AppError('VALIDATION', 'errors.csv.emptyMapping');
      return ctx.tx(() => {
        const holder = repository.mappingIdByName(input.name);
        if (holder && holder !== input.id) throw new AppError('CONFLICT', 'errors.csv.layoutNameTaken', { params: { name: input.name } });
        let id = input.id;
        if (id) {
          ownedOrRefused(user, repository.mapping(id));
          repository.updateMapping(id, input.name, input.columns, ctx.now);
        } else id = repository.insertMapping(input.name, input.columns, user.id, ctx.now);
        ctx.audit({ action: 'csv.saveMapping', detail: { id, replaced: input.id !== undefined, columns: Object.keys(input.columns).length } });
        return { id };
      });
    },

    deleteMapping(ctx: CallContext, id: string) {
      const user = staffOf(ctx);
      ctx.tx(() => {
        ownedOrRefused(user, repository.mapping(id));
        repository.deleteMapping(id);
        ctx.audit({ action: 'csv.deleteMapping', detail: { id } });
      });
      return {};
    },

    listPresets(ctx: CallContext) {
      const user = staffOf(ctx);
      return { rows: repository.presets().map(({ createdBy, ...p }) => ({ ...p, editable: mayChange(user, createdBy) })) };
    },

    savePreset(ctx: CallContext, input: PresetFields & { id?: string | undefined }) {
      const user = staffOf(ctx);
      const fields = input.columns.map((c) => c.field);
      if (new Set(fields).size !== fields.length) throw new AppError('VALIDATION', 'errors.csv.duplicatePresetField');
      const { id: given, ...preset } = input;
      return ctx.tx(() => {
        const holder = repository.presetIdByName(preset.name);
        if (holder && holder !== given) throw new AppError('CONFLICT', 'errors.csv.layoutNameTaken', { params: { name: preset.name } });
        let id = given;
        if (id) {
          ownedOrRefused(user, repository.preset(id));
          repository.updatePreset(id, preset, ctx.now);
        } else id = repository.insertPreset(preset, user.id, ctx.now);
        ctx.audit({ action: 'csv.savePreset', detail: { id, replaced: given !== undefined, columns: preset.columns.length, dateStyle: preset.dateStyle, encoding: preset.encoding } });
        return { id };
      });
    },

    deletePreset(ctx: CallContext, id: string) {
      const user = staffOf(ctx);
      ctx.tx(() => {
        ownedOrRefused(user, repository.preset(id));
        repository.deletePreset(id);
        ctx.audit({ action: 'csv.deletePreset', detail: { id } });
      });
      return {};
    },

    /** The saved preset an export names, for anyone who may export. */
    preset: (id: string) => repository.preset(id),
  };
}

export type SavedLayoutsService = ReturnType<typeof createSavedLayoutsService>;
