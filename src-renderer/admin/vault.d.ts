// `window.vault`: provided by the preload (desktop) or by the harness bridge (tests).
import type { VaultApi } from '../../src-shared/vault-api';

declare global {
  interface Window {
    readonly vault: VaultApi;
  }
}

export {};
