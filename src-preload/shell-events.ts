// Subscriptions to events main sends the page. The listener gets no arguments: the
// IpcRendererEvent (which holds ipcRenderer as `sender`) never reaches the page.
import type { IpcRenderer } from 'electron';
import { JOB_PROGRESS_EVENT, readJobProgress, type VaultJobEvents } from '../src-shared/jobs';
import { readSaveExportRequest, readSaveExportResult, SAVE_EXPORT_CHANNEL, type VaultFiles } from '../src-shared/save-export';
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

/**
 * `vault.jobs.onProgress`: the caller's own jobs' progress (main sends each only to the window
 * whose session started the job). The listener gets a plain, checked object, never the event.
 */
export function createJobEvents(ipcRenderer: Pick<IpcRenderer, 'on' | 'removeListener'>): VaultJobEvents {
  return {
    onProgress(listener) {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      const wrapped = (_event: unknown, payload: unknown) => {
        const progress = readJobProgress(payload);
        if (progress) listener(progress);
      };
      ipcRenderer.on(JOB_PROGRESS_EVENT, wrapped);
      return () => {
        ipcRenderer.removeListener(JOB_PROGRESS_EVENT, wrapped);
      };
    },
  };
}

/**
 * `vault.files.saveExport`: main shows the native save dialog and writes the file owner-only
 * (src-main/electron/save-file.ts). Only a checked, plain request crosses; the answer is read
 * back field by field.
 */
export function createFileSaving(ipcRenderer: Pick<IpcRenderer, 'invoke'>): VaultFiles {
  return {
    async saveExport(request) {
      const checked = readSaveExportRequest(request);
      if (!checked) throw new TypeError('saveExport takes { fileName, contentBase64 }: a .csv or .zip name and base64 content');
      return readSaveExportResult(await ipcRenderer.invoke(SAVE_EXPORT_CHANNEL, checked));
    },
  };
}
