// The settings module: stored settings (SMTP, security) and the recovery code.
import type { Db } from '../../platform/db/open';
import type { FieldCrypto } from '../../platform/crypto/field';
import { settingsHandlers } from './handlers';
import { createSettingsRepository } from './repository';
import { createSettingsService, type SettingsDeps } from './service';

export function createSettingsModule(deps: { db: Db; fields: FieldCrypto } & Omit<SettingsDeps, 'repository'>) {
  const service = createSettingsService({ ...deps, repository: createSettingsRepository(deps.db, deps.fields) });
  return { services: { settings: service }, handlers: settingsHandlers(service) };
}

export type { SettingsService } from './service';
