// csv.*: translation between the contract and the CSV import and export services.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { CsvExportService } from './export-service';
import type { CsvImportService } from './import-service';
import type { SavedLayoutsService } from './saved-service';

export type CsvChannel = Extract<ChannelName, `csv.${string}`>;

export function csvHandlers(csvImport: CsvImportService, csvExport: CsvExportService, savedLayouts: SavedLayoutsService): Handlers<CsvChannel> {
  return {
    'csv.importPreview': (input, ctx) => csvImport.preview(ctx, input),
    'csv.importCommit': (input, ctx) => csvImport.commit(ctx, input),
    'csv.export': (input, ctx) => csvExport.export(ctx, input),
    'csv.listMappings': (_input, ctx) => savedLayouts.listMappings(ctx),
    'csv.saveMapping': (input, ctx) => savedLayouts.saveMapping(ctx, input),
    'csv.deleteMapping': (input, ctx) => savedLayouts.deleteMapping(ctx, input.id),
    'csv.listPresets': (_input, ctx) => savedLayouts.listPresets(ctx),
    'csv.savePreset': (input, ctx) => savedLayouts.savePreset(ctx, input),
    'csv.deletePreset': (input, ctx) => savedLayouts.deletePreset(ctx, input.id),
  };
}
