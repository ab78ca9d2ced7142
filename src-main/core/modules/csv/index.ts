// The CSV module: registrants, or separately their dependents, imported from a spreadsheet
// (previewed, then committed all or nothing) and lists exported for Excel and payroll software. The only tables it owns hold the
// saved layouts (column mappings, export presets); every registrant row it writes goes
// through the services that own it.
import type { Clock } from '../../kernel/clock';
import type { Jobs } from '../../kernel/jobs';
import type { Db } from '../../platform/db/open';
import type { FieldCrypto } from '../../platform/crypto/field';
import type { AttributesService } from '../attributes';
import type { DependentsService } from '../dependents';
import type { GroupsService } from '../groups';
import type { MyNumbersService } from '../mynumbers';
import type { RegistrantsService } from '../registrants';
import type { StatusService } from '../status';
import type { SubmissionsService } from '../submissions';
import { createCsvExportService } from './export-service';
import { createDependentsImportService, type KeptDependentsPreview } from './dependents-import-service';
import { csvHandlers } from './handlers';
import { createCsvImportService, type KeptPreview } from './import-service';
import { createPreviewStore } from './previews';
import { createSavedLayoutRepository } from './saved-repository';
import { createSavedLayoutsService } from './saved-service';

export function createCsvModule(deps: {
  db: Db;
  jobs: Jobs;
  clock: Clock;
  fields: FieldCrypto;
  registrants: RegistrantsService;
  groups: GroupsService;
  attributes: AttributesService;
  status: StatusService;
  dependents: DependentsService;
  myNumbers: MyNumbersService;
  submissions: SubmissionsService;
}) {
  const previews = createPreviewStore<KeptPreview>(() => deps.clock.now().getTime());
  const csvImport = createCsvImportService({ ...deps, previews });
  const dependentsImport = createDependentsImportService({ ...deps, previews: createPreviewStore<KeptDependentsPreview>(() => deps.clock.now().getTime()) });
  const savedLayouts = createSavedLayoutsService(createSavedLayoutRepository(deps.db));
  const csvExport = createCsvExportService({ ...deps, savedPreset: (id) => savedLayouts.preset(id) });
  return { services: { csvImport, dependentsImport, csvExport, savedLayouts }, handlers: csvHandlers({ csvImport, dependentsImport }, csvExport, savedLayouts) };
}

export type { CsvImportService } from './import-service';
export type { DependentsImportService } from './dependents-import-service';
export type { CsvExportService } from './export-service';
export type { SavedLayoutsService } from './saved-service';
