// The vault module: the rotation of its keys (鍵の更新).
import { vaultHandlers } from './handlers';
import { createRekeyService, type RekeyServiceDeps } from './service';

export function createVaultModule(deps: RekeyServiceDeps) {
  const rekey = createRekeyService(deps);
  return { services: { rekey }, handlers: vaultHandlers(rekey) };
}

export type { VaultKeysHolder } from './service';
