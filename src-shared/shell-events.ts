// Events the desktop shell sends the page, outside the request/response channels.
// The preload implements them over IPC; the test harness's bridge provides them too.

/** Sent by main when the OS screen locks or the machine suspends. */
export const VAULT_LOCK_EVENT = 'vault:lock';

export interface VaultShellEvents {
  /** Called when the OS screen locks or the machine suspends; returns an unsubscribe. */
  onLock(listener: () => void): () => void;
}
