// Where the desktop app keeps its vault and finds the Electron build of the native module.
import path from 'node:path';
import type { CoreHostInit } from './relay-protocol';

export interface AppLocations {
  isPackaged: boolean;
  /** app.getAppPath(): the project root in dev, .../resources/app.asar when packaged. */
  appPath: string;
  /** process.resourcesPath (packaged only). */
  resourcesPath: string;
  /** app.getPath('userData'). */
  userDataPath: string;
  platform: NodeJS.Platform;
  arch: string;
}

export const NATIVE_MODULE_FILE = 'better_sqlite3.node';

export function corePaths(loc: AppLocations): CoreHostInit {
  const nativeBinding = loc.isPackaged
    ? path.join(loc.resourcesPath, 'native', NATIVE_MODULE_FILE)
    : path.join(loc.appPath, 'build', 'native', `${loc.platform}-${loc.arch}`, NATIVE_MODULE_FILE);
  return {
    dataDir: path.join(loc.userDataPath, 'vault'),
    nativeBinding,
    migrationsDir: path.join(loc.appPath, 'migrations'),
    formDir: path.join(rendererRoot(loc.appPath), 'collect'),
  };
}

/**
 * The renderer build (the same relative path inside app.asar when packaged); app:// serves its
 * admin/ and assets/, the LAN listener its collect/ (the phone form, a build of its own).
 */
export function rendererRoot(appPath: string): string {
  return path.join(appPath, 'dist', 'renderer');
}
