// The desktop shell's main process: one hardened window on app://vault, the core in a
// utility process, and every IPC call checked before it is relayed there.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  powerMonitor,
  protocol,
  session,
  utilityProcess,
  webContents,
  type MessageBoxOptions,
  type UtilityProcess,
} from 'electron';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME } from './app-origin';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { createCoreClient, CoreOpenFailure, type CoreClient } from './core-client';
import { coreHostEnvironment } from './core-host-env';
import { corePaths, rendererRoot } from './core-paths';
import { forbiddenSwitchMessage, hostStoppedDialog, nativeModuleMissingDialog, vaultOpenFailedDialog } from './fatal-dialog';
import { forbiddenSwitches } from './launch-switches';
import { denyAllPermissions, hardenWebContents, secureWebPreferences } from './hardening';
import { createIpcDispatcher, frameRefusal, registerIpcHandlers } from './ipc';
import { shellMessage } from './messages';
import { VAULT_LOCK_EVENT, watchOsLock } from './os-lock';
import { saveExportFile } from './save-file';
import { JOB_PROGRESS_EVENT } from '../../src-shared/jobs';
import { SAVE_EXPORT_CHANNEL, type SaveExportResult } from '../../src-shared/save-export';

const PRELOAD_PATH = fileURLToPath(new URL('./preload.cjs', import.meta.url));
const CORE_HOST_PATH = fileURLToPath(new URL('./core-host.mjs', import.meta.url));
/** The `mnv` command line's bundle, run in this process by `<app> --mnv <command> ...`. */
const MNV_URL = new URL('./mnv.mjs', import.meta.url).href;
const HOST_STOP_TIMEOUT_MS = 10_000;

/** One core session per webContents, opened with the window and closed when it is destroyed. */
const sessionKeys = new Map<number, string>();
let host: UtilityProcess | null = null;
let client: CoreClient | null = null;
let quitting = false;

async function showFatal(options: MessageBoxOptions): Promise<void> {
  await dialog.showMessageBox(options);
}

async function openMainWindow(core: CoreClient): Promise<void> {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'MyNumber Vault',
    webPreferences: secureWebPreferences(PRELOAD_PATH, { devTools: !app.isPackaged }),
  });
  const contentsId = win.webContents.id;
  win.webContents.once('destroyed', () => {
    const key = sessionKeys.get(contentsId);
    sessionKeys.delete(contentsId);
    if (key !== undefined) core.closeSession(key);
  });
  win.once('ready-to-show', () => win.show());

  const key = await core.openSession();
  if (win.isDestroyed()) {
    core.closeSession(key);
    return;
  }
  sessionKeys.set(contentsId, key);
  await win.loadURL(APP_ENTRY_URL);
}

async function stopHost(): Promise<void> {
  if (!client || !host) return;
  const running = host;
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), HOST_STOP_TIMEOUT_MS));
  if ((await Promise.race([client.stop(), timeout])) === 'timeout') running.kill();
}

async function runCommandLine(args: string[]): Promise<void> {
  const { nativeBinding, migrationsDir } = corePaths({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    userDataPath: app.getPath('userData'),
    platform: process.platform,
    arch: process.arch,
  });
  const cli = (await import(MNV_URL)) as { runMnv(argv: string[], runtime: { nativeBinding: string; migrationsDir: string }): Promise<number>; reportFailure(err: unknown): number };
  app.exit(await cli.runMnv(args, { nativeBinding, migrationsDir }).catch((err: unknown) => cli.reportFailure(err)));
}

async function start(): Promise<void> {
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: rendererRoot(app.getAppPath()), readFile }));

  const paths = corePaths({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    userDataPath: app.getPath('userData'),
    platform: process.platform,
    arch: process.arch,
  });
  if (!existsSync(paths.nativeBinding)) {
    await showFatal(nativeModuleMissingDialog(paths.nativeBinding));
    app.quit();
    return;
  }

  host = utilityProcess.fork(CORE_HOST_PATH, [], { serviceName: 'MyNumber Vault Core', stdio: 'inherit', env: coreHostEnvironment(process.env, process.platform) });
  const core = createCoreClient(host);
  client = core;
  core.onUnexpectedExit(() => {
    if (quitting) return;
    void showFatal(hostStoppedDialog()).then(() => app.quit());
  });

  try {
    await core.start({ ...paths, appVersion: app.getVersion() });
  } catch (err) {
    const message = err instanceof CoreOpenFailure ? err.message : shellMessage('errors.shell.internal');
    await showFatal(vaultOpenFailedDialog(message, paths.dataDir));
    app.quit();
    return;
  }

  registerIpcHandlers(
    ipcMain,
    createIpcDispatcher({
      appOrigin: APP_ORIGIN,
      relay: (sessionKey, channel, input) => core.call(sessionKey, channel, input),
      sessionKeyFor: (id) => sessionKeys.get(id),
      onRefused: (reason, channel) => console.warn(`ipc: refused ${channel} (${reason})`),
    }),
  );

  // vault.files.saveExport: the export written where the user chooses, owner-only (save-file.ts).
  // Only the app's own main frame with an open session may ask; the dialog is the window's.
  ipcMain.handle(SAVE_EXPORT_CHANNEL, async (event, request: unknown): Promise<SaveExportResult> => {
    const refused = frameRefusal(event, APP_ORIGIN) ?? (sessionKeys.has(event.sender.id) ? null : 'no-session');
    if (refused !== null) {
      console.warn(`ipc: refused ${SAVE_EXPORT_CHANNEL} (${refused})`);
      return { saved: false, reason: 'failed' };
    }
    const win = BrowserWindow.fromWebContents(event.sender);
    return saveExportFile(request, {
      showSaveDialog: (options) => (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options)),
      defaultDir: app.getPath('documents'),
      title: '書き出したファイルの保存',
    });
  });

  // A job's progress goes to the window whose session started it, and to no other.
  core.onJobProgress((sessionKey, progress) => {
    for (const [contentsId, key] of sessionKeys) {
      if (key === sessionKey) webContents.fromId(contentsId)?.send(JOB_PROGRESS_EVENT, progress);
    }
  });

  watchOsLock(powerMonitor, () => {
    // The core locks every session itself, so a page that ignores the event is locked all the same.
    for (const key of sessionKeys.values()) void core.call(key, 'auth.lock', {});
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(VAULT_LOCK_EVENT);
  });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openMainWindow(core);
  });
  await openMainWindow(core);
}

// A development run (electron .) keeps its own userData, so it never opens or migrates the
// vault of an installed copy on the same machine. Set before the single-instance lock,
// which lives in userData.
if (!app.isPackaged) app.setPath('userData', path.join(app.getPath('appData'), 'MyNumber Vault (dev)'));

// The packaged app refuses debugging switches (a DevTools port would expose every page).
const refusedSwitches = app.isPackaged ? forbiddenSwitches(process.argv) : [];

// `<app> --mnv <command> ...`: the administrator's command line in the installed app (whose
// Electron cannot run as plain Node), with the app's own build of the native module. No window,
// no single-instance lock: it may run beside the open app, as `mnv backup` is meant to.
const mnvAt = process.argv.indexOf('--mnv');

if (refusedSwitches.length > 0) {
  // Out at once, before `ready`: nothing may listen on a debugging port, even behind a dialog.
  process.stderr.write(`${forbiddenSwitchMessage(refusedSwitches)}\n`);
  app.exit(1);
} else if (mnvAt !== -1) {
  void runCommandLine(process.argv.slice(mnvAt + 1));
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Before anything else: app:// must be privileged before `ready`, and every webContents
  // (windows, DevTools, anything a page might try to create) is hardened as it is created.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (quitting || !host) return;
    // Close the core (it checkpoints the WAL) before the process goes away.
    event.preventDefault();
    quitting = true;
    void stopHost().finally(() => app.quit());
  });

  start().catch(async (err: unknown) => {
    console.error('main: start failed', err instanceof Error ? err.name : err);
    await showFatal(vaultOpenFailedDialog(shellMessage('errors.shell.internal'), app.getPath('userData')));
    app.quit();
  });
}
