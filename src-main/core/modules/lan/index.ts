// The lan module: the settings and life of the LAN listener the registrants' phones reach.
// The listener itself (fastify over HTTPS) is src-main/lan; the core is given a factory for it.
import type { Db } from '../../platform/db/open';
import type { FieldCrypto } from '../../platform/crypto/field';
import { lanHandlers } from './handlers';
import { createLanRepository } from './repository';
import { createLanService, type LanDeps } from './service';

export function createLanModule(deps: { db: Db; fields: FieldCrypto } & Omit<LanDeps, 'repository'>) {
  const lan = createLanService({ ...deps, repository: createLanRepository(deps.db, deps.fields) });
  return { services: { lan }, handlers: lanHandlers(lan) };
}

export type { LanService } from './service';
export type { ListenerBinding, ListenerHost, ListenerHostFactory } from './host';
export { normalAddress } from './service';
