// The disposal module: retention rules and the 廃棄予定 list, physical disposal (物理削除)
// and its record (廃棄記録).
import path from 'node:path';
import type { Db } from '../../platform/db/open';
import { eraseFreedPages } from '../../platform/db/open';
import { removePreMigrationCopies } from '../../platform/db/migrate';
import { PRE_MIGRATION_DIR } from '../../platform/vault';
import type { AttributesService } from '../attributes';
import type { DependentsService } from '../dependents';
import type { RegistrantsService } from '../registrants';
import { disposalHandlers } from './handlers';
import { createDisposalRepository } from './repository';
import { NO_BACKUPS_KNOWN, createDisposalService, type BackupCopies } from './service';

export function createDisposalModule(deps: {
  db: Db;
  dataDir: string;
  registrants: RegistrantsService;
  dependents: DependentsService;
  attributes: AttributesService;
  backups?: BackupCopies | undefined;
  log: (line: string) => void;
}) {
  const disposal = createDisposalService({
    repository: createDisposalRepository(deps.db),
    registrants: deps.registrants,
    dependents: deps.dependents,
    attributes: deps.attributes,
    backups: deps.backups ?? NO_BACKUPS_KNOWN,
    eraseFreedPages: () => eraseFreedPages(deps.db),
    removeOldCopies: () => void removePreMigrationCopies(path.join(deps.dataDir, PRE_MIGRATION_DIR)),
    log: deps.log,
  });
  return { services: { disposal }, handlers: disposalHandlers(disposal) };
}

export { NO_BACKUPS_KNOWN, type BackupCopies, type DisposalService } from './service';
