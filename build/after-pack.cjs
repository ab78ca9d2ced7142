// electron-builder afterPack hook (runs after the app and extraResources are copied, before
// signing, so the signature covers the flipped binary):
//   1. refuses to continue when the Electron build of better-sqlite3 is missing from
//      resources/native (electron-builder skips a missing extraResources file silently);
//   2. flips the Electron fuses with @electron/fuses (DESIGN "The desktop shell").
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads this hook as CommonJS */
const fs = require('node:fs');
const path = require('node:path');

const NATIVE_MODULE = path.join('native', 'better_sqlite3.node');

/** Fuse settings, as { FuseV1Options name: boolean }, so a test can read them. */
const FUSES = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  EnableCookieEncryption: true,
  // The UI is served from app://, never file://.
  GrantFileProtocolExtraPrivileges: false,
};

/** The @electron/fuses config for a packaged app (`fuses` is the imported module). */
function fuseConfig(fuses, { resetAdHocDarwinSignature = false } = {}) {
  const config = { version: fuses.FuseVersion.V1, resetAdHocDarwinSignature };
  for (const [name, value] of Object.entries(FUSES)) {
    const index = fuses.FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`@electron/fuses does not know the fuse ${name}`);
    config[index] = value;
  }
  return config;
}

/** The Electron executable inside appOutDir (the .app bundle on macOS). */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
}

function assertNativeModule(resourcesDir) {
  const file = path.join(resourcesDir, NATIVE_MODULE);
  if (!fs.existsSync(file)) {
    throw new Error(
      `after-pack: ${file} is missing. Run "npm run build:native-electron" for this platform and arch ` +
        '(it writes build/native/<platform>-<arch>/better_sqlite3.node) before packaging.',
    );
  }
}

async function afterPack(context) {
  assertNativeModule(context.packager.getResourcesDir(context.appOutDir));
  const fuses = await import('@electron/fuses');
  // arm64 macOS refuses to run a binary whose ad-hoc signature no longer matches.
  const isArm64 = context.arch === 3; // builder-util Arch.arm64
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && isArm64;
  await fuses.flipFuses(electronBinaryPath(context), fuseConfig(fuses, { resetAdHocDarwinSignature }));
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.afterPack = afterPack;
module.exports.FUSES = FUSES;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinaryPath = electronBinaryPath;
module.exports.assertNativeModule = assertNativeModule;
