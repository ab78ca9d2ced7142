// Builds /__bridge.js from bridge-client.ts with the contract's channel names baked in.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { CHANNEL_NAMES } from '../../src-shared/access';

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bridge-client.ts');

export async function buildBridgeScript(): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    legalComments: 'none',
    define: { __MNV_CHANNEL_NAMES__: JSON.stringify(CHANNEL_NAMES) },
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('bridge build produced no output');
  return file.text;
}

/** Puts the bridge script in front of the app's first script, so `window.vault` exists first. */
export function injectBridge(indexHtml: string): string {
  const at = indexHtml.indexOf('<script');
  if (at < 0) throw new Error('admin index.html has no <script> to put the bridge before');
  return `${indexHtml.slice(0, at)}<script src="/__bridge.js"></script>\n    ${indexHtml.slice(at)}`;
}
