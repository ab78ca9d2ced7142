// Key custody behind one interface: the OS keychain ('os') or a passphrase-wrapped key
// file ('file'). A store is chosen explicitly; there is no silent fallback between them.
// Beside the keys it keeps the audit chain's head, so a database file put back from an older
// copy no longer matches what the store remembers.
import type { VaultKeys } from './vault-keys';

export interface KeyStore {
  readonly kind: 'os' | 'file';
  /** The vault's keys, or null when this store holds none for the vault. */
  load(vaultId: string): Promise<VaultKeys | null>;
  save(vaultId: string, keys: VaultKeys): Promise<void>;
  /** The audit chain head last mirrored here (JSON, MACed by the audit key), or null. */
  loadAuditHead(vaultId: string): Promise<string | null>;
  saveAuditHead(vaultId: string, head: string): Promise<void>;
}
