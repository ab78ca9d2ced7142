// csv.*: translation between the contract and the CSV import and export services.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { CsvExportService } from './export-service';
import type { CsvImportService } from './import-service';

export type CsvChannel = Extract<ChannelName, `csv.${string}`>;

export function csvHandlers(csvImport: CsvImportService, csvExport: CsvExportService): Handlers<CsvChannel> {
  return {
    'csv.importPreview': (input, ctx) => csvImport.preview(ctx, input),
    'csv.importCommit': (input, ctx) => csvImport.commit(ctx, input),
    'csv.export': (input, ctx) => csvExport.export(ctx, input),
  };
}
