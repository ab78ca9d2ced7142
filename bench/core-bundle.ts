// A benchmark's process of its own, bundled by esbuild and run by plain Node as the app's core
// host is (scripts/build-electron.mjs), so what it measures — its resident memory above all —
// is the app's and not tsx's (which keeps every module's transformed source: some 50–60 MB
// more at the import's peak). The core's worker threads' scripts go beside the entries, where
// the core finds them by the same relative names as in the sources. Into .tmp/ under the
// source tree, so the externals (the native modules) resolve from node_modules; the caller
// removes the folder. A bundled core finds no migrations beside itself: pass the source tree's
// (`BENCH_MIGRATIONS_DIR`) to createCore.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_MIGRATIONS_DIR = path.join(root, 'migrations');

/** Bundles `entries` (name → source file under the tree) into a new folder, and returns it. */
export async function bundleCoreProcess(prefix: string, entries: Record<string, string>): Promise<string> {
  fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
  const outdir = fs.mkdtempSync(path.join(root, '.tmp', prefix));
  const at = (file: string) => path.join(root, file);
  await build({
    entryPoints: {
      ...Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, at(file)])),
      'heic-worker': at('src-main/core/modules/documents/heic-worker.mjs'),
      'password-score-worker': at('src-main/core/platform/password-strength/password-score-worker.mjs'),
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outdir,
    outExtension: { '.js': '.mjs' },
    // As scripts/build-electron.mjs: the native modules, and tesseract.js (it finds its worker script beside itself).
    external: ['better-sqlite3-multiple-ciphers', '@napi-rs/keyring', '@node-rs/argon2', 'sharp', 'heic-decode', 'tesseract.js'],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  // The cross-check's QR thread and the WAL checkpointer's, beside the entries as they are beside the core host.
  await build({
    entryPoints: { 'qr-worker': at('src-main/core/modules/crosscheck/qr-worker.cjs'), 'checkpoint-worker': at('src-main/core/platform/db/checkpoint-worker.cjs') },
    external: ['better-sqlite3-multiple-ciphers'],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outdir,
    outExtension: { '.js': '.cjs' },
    logLevel: 'warning',
  });
  return outdir;
}
