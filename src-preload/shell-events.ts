// Subscriptions to events main sends the page. The listener gets no arguments: the
// IpcRendererEvent (which holds ipcRenderer as `sender`) never reaches the page.
import type { IpcRenderer } from 'electron';
import { VAULT_LOCK_EVENT, type VaultShellEvents } from '../src-shared/shell-events';

export { VAULT_LOCK_EVENT };
export type { VaultShellEvents };

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
