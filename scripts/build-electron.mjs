// Bundles the desktop shell with esbuild into dist/electron/:
//   main.mjs       the main process (ESM)
//   core-host.mjs  the utility process that runs the core (ESM)
//   preload.cjs    the sandboxed preload (one CommonJS file: sandboxed preloads cannot import)
// Electron and the native modules stay external: they load from node_modules at run time
// (better-sqlite3 with the Electron build passed as nativeBinding).
//
//   node scripts/build-electron.mjs [--outdir=DIR]   (tests build into a temp dir)
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdirArg = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length);
const outdir = outdirArg ? path.resolve(outdirArg) : path.join(root, 'dist', 'electron');

const NATIVE_EXTERNALS = ['better-sqlite3-multiple-ciphers', '@napi-rs/keyring', '@node-rs/argon2'];

// Lets bundled CommonJS dependencies require() Node built-ins from an ES module.
const esmRequireBanner = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: outdirArg ? 'warning' : 'info',
  absWorkingDir: root,
};

await rm(outdir, { recursive: true, force: true });

await build({
  ...common,
  entryPoints: {
    main: 'src-main/electron/main.ts',
    'core-host': 'src-main/electron/core-host.ts',
  },
  outdir,
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  external: ['electron', ...NATIVE_EXTERNALS],
  banner: { js: esmRequireBanner },
});

await build({
  ...common,
  entryPoints: { preload: 'src-preload/index.ts' },
  outdir,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  external: ['electron'],
  // The sandboxed preload runs in a renderer: no Node built-ins may be bundled in.
  platform: 'browser',
  target: 'chrome130',
});
