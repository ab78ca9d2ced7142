// The OS keychain: macOS Keychain, Windows Credential Manager, Linux Secret Service (pinned:
// never the kernel-keyring fallback, which does not survive a reboot).
import { AsyncEntry } from '@napi-rs/keyring';
import { VaultOpenError } from '../../kernel/errors';
import type { KeyStore } from './keystore';
import { parseVaultKeys, serializeVaultKeys, type VaultKeys } from './vault-keys';

export interface OsKeyStoreOptions {
  /** The keychain service name; tests use their own so they never touch the app's entry. */
  service?: string;
}

export const DEFAULT_KEYCHAIN_SERVICE = 'jp.mynumber-vault.keys';

export function createOsKeyStore({ service = DEFAULT_KEYCHAIN_SERVICE }: OsKeyStoreOptions = {}): KeyStore {
  const entry = (account: string) => new AsyncEntry(service, account, { linux: { store: 'secret-service' } });
  const headAccount = (vaultId: string) => `${vaultId}:audit-head`;
  return {
    kind: 'os',
    async load(vaultId) {
      let text: string | null;
      try {
        text = await entry(vaultId).getPassword();
      } catch (err) {
        throw new VaultOpenError('KEYCHAIN_UNAVAILABLE', errorName(err));
      }
      return text === null ? null : parseVaultKeys(text);
    },
    async save(vaultId: string, keys: VaultKeys) {
      try {
        await entry(vaultId).setPassword(serializeVaultKeys(keys));
      } catch (err) {
        throw new VaultOpenError('KEYCHAIN_UNAVAILABLE', errorName(err));
      }
    },
    async loadAuditHead(vaultId) {
      try {
        return (await entry(headAccount(vaultId)).getPassword()) ?? null;
      } catch (err) {
        throw new VaultOpenError('KEYCHAIN_UNAVAILABLE', errorName(err));
      }
    },
    async saveAuditHead(vaultId, head) {
      try {
        await entry(headAccount(vaultId)).setPassword(head);
      } catch (err) {
        throw new VaultOpenError('KEYCHAIN_UNAVAILABLE', errorName(err));
      }
    },
  };
}

// The keychain's error text names no secret, but keep only its first line.
function errorName(err: unknown): string {
  return String(err instanceof Error ? err.message : err).split('\n')[0]!.slice(0, 200);
}
