// csv.*: translation between the contract and the CSV import and export services.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { CsvRegistrantField } from '../../../../src-shared/contract';
import type { DependentsImportService } from './dependents-import-service';
import type { CsvExportService } from './export-service';
import type { CsvImportService } from './import-service';
import type { SavedLayoutsService } from './saved-service';

export type CsvChannel = Extract<ChannelName, `csv.${string}`>;

/** The contract has checked each mapped field against the file's kind. */
const registrantColumns = (columns: Record<string, string> | undefined) => columns as Record<string, CsvRegistrantField | 'ignore'> | undefined;

export function csvHandlers(
  { csvImport, dependentsImport }: { csvImport: CsvImportService; dependentsImport: DependentsImportService },
  csvExport: CsvExportService,
  savedLayouts: SavedLayoutsService,
): Handlers<CsvChannel> {
  return {
    'csv.importPreview': ({ kind, ...input }, ctx) =>
      kind === 'dependents' ? dependentsImport.preview(ctx, input) : csvImport.preview(ctx, { ...input, columns: registrantColumns(input.columns) }),
    // The commit does what its preview read: a dependents preview is the dependents import's.
    'csv.importCommit': (input, ctx) => (dependentsImport.holds(ctx, input.previewId) ? dependentsImport.commit(ctx, input) : csvImport.commit(ctx, input)),
    'csv.export': (input, ctx) => csvExport.export(ctx, input),
    'csv.listMappings': (_input, ctx) => savedLayouts.listMappings(ctx),
    'csv.saveMapping': (input, ctx) => savedLayouts.saveMapping(ctx, input),
    'csv.deleteMapping': (input, ctx) => savedLayouts.deleteMapping(ctx, input.id),
    'csv.listPresets': (_input, ctx) => savedLayouts.listPresets(ctx),
    'csv.savePreset': (input, ctx) => savedLayouts.savePreset(ctx, input),
    'csv.deletePreset': (input, ctx) => savedLayouts.deletePreset(ctx, input.id),
  };
}
