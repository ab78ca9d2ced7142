// Builds better-sqlite3-multiple-ciphers for the installed Electron into
//   build/native/<platform>-<arch>/better_sqlite3.node
// without touching node_modules (whose Node build the tests, harness and CLI use): the
// package source is copied to a temp dir and node-gyp runs there against Electron's headers.
// Needs the network (electronjs.org/headers) and a C++ toolchain.
//
//   node scripts/build-native-electron.mjs [--arch=x64|arm64]
import { spawnSync } from 'node:child_process';
import { cp, copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'better-sqlite3-multiple-ciphers';
const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

class BuildFailure extends Error {}

/** Stops the build; the temp dir is still removed (see the end of the script). */
function fail(message) {
  throw new BuildFailure(message);
}

function report(message) {
  console.error(`\nbuild-native-electron: ${message}`);
  console.error(
    'The Electron build of the database module was NOT made. The app cannot open its vault without it\n' +
      '(npm start and npm run dist need it; tests, the harness and the CLI use the Node build and do not).',
  );
  process.exitCode = 1;
}

const arch = process.argv.find((a) => a.startsWith('--arch='))?.slice('--arch='.length) ?? process.arch;
const electronVersion = require('electron/package.json').version;
const packageDir = path.dirname(require.resolve(`${PACKAGE}/package.json`));
let nodeGyp;
try {
  nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
} catch {
  report('node-gyp is not installed (npm install should have brought it with electron-builder / @electron/rebuild).');
  process.exit(1);
}
const outDir = path.join(root, 'build', 'native', `${process.platform}-${arch}`);
const outFile = path.join(outDir, 'better_sqlite3.node');

console.log(`build-native-electron: ${PACKAGE} for Electron ${electronVersion} (${process.platform}-${arch})`);

const work = await mkdtemp(path.join(os.tmpdir(), 'mnv-native-'));
try {
  const src = path.join(work, PACKAGE);
  // The sources only: never the Node build in node_modules/<pkg>/build.
  await cp(packageDir, src, {
    recursive: true,
    filter: (from) => path.relative(packageDir, from).split(path.sep)[0] !== 'build',
  });

  // npm exports npm_config_* to scripts (this machine even sets nodedir, which would make
  // node-gyp build against Node's headers): node-gyp must see only the arguments below.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k)));
  const args = [
    nodeGyp,
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--dist-url=${ELECTRON_HEADERS_URL}`,
    `--arch=${arch}`,
    `--jobs=${Math.max(1, os.availableParallelism?.() ?? os.cpus().length)}`,
  ];
  const run = spawnSync(process.execPath, args, { cwd: src, env, stdio: 'inherit' });
  if (run.error) fail(`could not start node-gyp: ${run.error.message}`);
  if (run.status !== 0) {
    fail(
      `node-gyp exited with ${run.status ?? run.signal}. It downloads the Electron ${electronVersion} headers from ` +
        `${ELECTRON_HEADERS_URL} (is the network reachable?) and needs a C++ toolchain (python3, make, a C++20 compiler; ` +
        'Visual Studio Build Tools on Windows, Xcode command line tools on macOS).',
    );
  }

  const built = path.join(src, 'build', 'Release', 'better_sqlite3.node');
  await mkdir(outDir, { recursive: true });
  await copyFile(built, outFile);
  console.log(`build-native-electron: wrote ${path.relative(root, outFile)}`);
} catch (err) {
  report(err instanceof BuildFailure ? err.message : `unexpected error: ${err instanceof Error ? err.message : String(err)}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
