// Window hardening (REFERENCE.md "Electron security checklist"). Pure apart from the objects
// passed in, so each refusal is unit-tested with fake webContents and sessions.
import type { Session, WebContents, WebPreferences } from 'electron';
import { isAppUrl } from './app-origin';

export interface SecureWebPreferencesOptions {
  /** Dev builds may open DevTools; packaged builds never. */
  devTools?: boolean;
}

/** The webPreferences of every window: sandboxed, isolated, no Node, no webview. */
export function secureWebPreferences(preloadPath: string, { devTools = false }: SecureWebPreferencesOptions = {}): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools,
  };
}

type PreventableEvent = { preventDefault(): void };

/**
 * Refuses every permission request (camera, screen capture, notifications, clipboard read,
 * ...), every permission check, and every device (HID, serial, USB) permission.
 */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * Applied to every webContents on `web-contents-created`: navigation and redirects may not
 * leave the app origin, new windows are denied, webviews are never attached, and the
 * session refuses permissions.
 */
export function hardenWebContents(contents: WebContents, isAllowedUrl: (url: string) => boolean = (url) => isAppUrl(url)): void {
  const refuseForeign = (event: PreventableEvent, url: string) => {
    if (!isAllowedUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => refuseForeign(event, event.url));
  contents.on('will-frame-navigate', (event) => refuseForeign(event, event.url));
  contents.on('will-redirect', (event) => refuseForeign(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  denyAllPermissions(contents.session);
}
