// Bundles the desktop shell with esbuild into dist/electron/:
//   main.mjs       the main process (ESM)
//   core-host.mjs  the utility process that runs the core (ESM)
//   heic-worker.mjs  the core host's HEIC decoding thread, found beside it (documents/heif-decoder.ts)
//   password-score-worker.mjs  the core host's password scoring thread (zxcvbn and its
//                  dictionaries bundled in), likewise (platform/password-strength/scorer.ts)
//   mnv.mjs        the `mnv` command line (node dist/electron/mnv.mjs ...; npm run mnv)
//   preload.cjs    the sandboxed preload (one CommonJS file: sandboxed preloads cannot import)
//   qr-worker.cjs  the cross-check's QR decoding thread (jsQR bundled in), started by the core
//                  host from beside itself, by the same relative name as in the sources
//   checkpoint-worker.cjs  the WAL checkpointer's thread (platform/db/checkpointer.ts), likewise
// Electron and the native modules stay external: they load from node_modules at run time
// (better-sqlite3 with the Electron build passed as nativeBinding). Everything else is bundled,
// the LAN listener's fastify and its plugins included, so the core host needs no loose
// node_modules tree (the fuses only load code from the asar). The require("ajv/dist/runtime/...")
// and require('fast-json-stringify/lib/...') left in core-host.mjs are only strings: the code
// those libraries write out in standalone mode, which fastify does not use.
// tesseract.js (the cross-check's OCR) stays external too: it starts its own worker thread from
// a script in its package and loads its WebAssembly from tesseract.js-core beside it, and the
// core resolves the English data (@tesseract.js-data/eng) from node_modules at run time, so all
// three ship as files in node_modules (electron-builder.yml), none of them in a bundle.
//
//   node scripts/build-electron.mjs [--outdir=DIR] [--metafile=FILE]
//   (tests build into a temp dir; FILE gets esbuild's metafile of main, the core host and the worker)
import { build } from 'esbuild';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdirArg = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length);
const outdir = outdirArg ? path.resolve(outdirArg) : path.join(root, 'dist', 'electron');
const metafileArg = process.argv.find((a) => a.startsWith('--metafile='))?.slice('--metafile='.length);

const NATIVE_EXTERNALS = ['better-sqlite3-multiple-ciphers', '@napi-rs/keyring', '@node-rs/argon2', 'sharp', 'heic-decode'];
// Packages that find their own files (worker scripts, WebAssembly) next to themselves.
const FILE_EXTERNALS = ['tesseract.js'];

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

const node = await build({
  ...common,
  metafile: Boolean(metafileArg),
  entryPoints: {
    main: 'src-main/electron/main.ts',
    'core-host': 'src-main/electron/core-host.ts',
    'heic-worker': 'src-main/core/modules/documents/heic-worker.mjs',
    'password-score-worker': 'src-main/core/platform/password-strength/password-score-worker.mjs',
    // The administrator's command line, run by Node (or by the packaged app with --mnv).
    mnv: 'src-main/cli/mnv.ts',
  },
  outdir,
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  external: ['electron', ...NATIVE_EXTERNALS, ...FILE_EXTERNALS],
  banner: { js: esmRequireBanner },
});

// A worker thread's script: plain CommonJS in the sources too, so that Node runs it as it is
// in development and tests (src-main/core/modules/crosscheck/qr.ts names it).
const workers = await build({
  ...common,
  metafile: Boolean(metafileArg),
  entryPoints: { 'qr-worker': 'src-main/core/modules/crosscheck/qr-worker.cjs', 'checkpoint-worker': 'src-main/core/platform/db/checkpoint-worker.cjs' },
  outdir,
  format: 'cjs',
  // The checkpointer opens the database with the same native module as the core host.
  external: NATIVE_EXTERNALS,
  outExtension: { '.js': '.cjs' },
});
if (metafileArg) {
  const outputs = { ...node.metafile.outputs, ...workers.metafile.outputs };
  await writeFile(path.resolve(metafileArg), JSON.stringify({ inputs: { ...node.metafile.inputs, ...workers.metafile.inputs }, outputs }));
}

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
