// Subscriptions to events main sends the page. The listener gets no arguments: the
// IpcRendererEvent (which holds ipcRenderer as `sender`) never reaches the page.
import type { IpcRenderer } from 'electron';

/** Sent by main when the OS screen locks or the machine suspends. */
export const VAULT_LOCK_EVENT = 'vault:lock';

export interface VaultShellEvents {
  /** Called when the OS screen locks or the machine suspends; returns an unsubscribe. */
  onLock(listener: () => void): () => void;
}

export function createShellEvents(ipcRenderer: Pick<IpcRenderer, 'on' | 'removeListener'>): VaultShellEvents {
  return {
    onLock(listener) {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      const wrapped = () => listener();
      ipcRenderer.on(VAULT_LOCK_EVENT, wrapped);
      return () => {
        ipcRenderer.removeListener(VAULT_LOCK_EVENT, wrapped);
      };
    },
  };
}
