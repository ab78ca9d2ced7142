// The preload (sandboxed, bundled to one CommonJS file): exposes `window.vault`, one named
// function per contract channel, plus the lock subscription. Never ipcRenderer itself, never
// a free-form invoke: the page can reach only the channels the contract declares.
import { contextBridge, ipcRenderer } from 'electron';
import { channelNames } from '../src-shared/contract';
import { buildVaultApi } from '../src-shared/vault-api';
import { createShellEvents } from './shell-events';

contextBridge.exposeInMainWorld('vault', {
  ...buildVaultApi(channelNames, (channel, input) => ipcRenderer.invoke(channel, input)),
  events: createShellEvents(ipcRenderer),
});
