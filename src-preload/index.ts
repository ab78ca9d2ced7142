// The preload (sandboxed, bundled to one CommonJS file): exposes `window.vault`, one named
// function per contract channel, plus the lock and job-progress subscriptions and
// files.saveExport (the native save dialog). Never ipcRenderer itself, never
// a free-form invoke: the page can reach only the channels the contract declares.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES } from '../src-shared/access';
import { buildVaultApi } from '../src-shared/vault-api';
import { createFileSaving, createJobEvents, createShellEvents } from './shell-events';

const api = buildVaultApi(CHANNEL_NAMES, (channel, input) => ipcRenderer.invoke(channel, input));

contextBridge.exposeInMainWorld('vault', {
  ...api,
  jobs: { ...api.jobs, ...createJobEvents(ipcRenderer) },
  events: createShellEvents(ipcRenderer),
  files: createFileSaving(ipcRenderer),
});
