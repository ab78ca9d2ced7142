// Runs in the page (bundled by bridge.ts into /__bridge.js): defines `window.vault` with
// the same buildVaultApi the preload uses, over POST /__ipc/<channel> instead of IPC.
import type { ChannelName } from '../../src-shared/contract';
import { buildVaultApi } from '../../src-shared/vault-api';

declare const __MNV_CHANNEL_NAMES__: ChannelName[];

async function invoke(channel: ChannelName, input: unknown): Promise<unknown> {
  const response = await fetch(`/__ipc/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(input ?? {}),
  });
  const type = response.headers.get('content-type') ?? '';
  if (!type.startsWith('application/json')) throw new Error(`harness bridge: HTTP ${response.status}`);
  return response.json();
}

Object.defineProperty(globalThis, 'vault', {
  value: Object.freeze(buildVaultApi(__MNV_CHANNEL_NAMES__, invoke)),
  writable: false,
  configurable: false,
  enumerable: true,
});
