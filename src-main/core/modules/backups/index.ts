// The backups module: backups of the vault to a folder the admin chooses, manual and daily,
// keeping the last N. The file itself is platform/backup; restoring is done by `mnv restore`.
import type { Db } from '../../platform/db/open';
import { backupsHandlers } from './handlers';
import { createBackupsRepository } from './repository';
import { createBackupsService, type BackupsDeps } from './service';

export function createBackupsModule(deps: { db: Db } & Omit<BackupsDeps, 'repository'>) {
  const backups = createBackupsService({ ...deps, repository: createBackupsRepository(deps.db) });
  return { services: { backups }, handlers: backupsHandlers(backups) };
}

export type { BackupsService, CopiesGone, KeptBackup } from './service';
