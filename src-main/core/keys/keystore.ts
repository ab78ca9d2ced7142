// Key custody behind one interface: the OS keychain ('os') or a passphrase-wrapped key
// file ('file'). A store is chosen explicitly; there is no silent fallback between them.
import type { VaultKeys } from './vault-keys';

export interface KeyStore {
  readonly kind: 'os' | 'file';
  /** The vault's keys, or null when this store holds none for the vault. */
  load(vaultId: string): Promise<VaultKeys | null>;
  save(vaultId: string, keys: VaultKeys): Promise<void>;
}
