// Window hardening and the app:// protocol, with fake webContents / sessions (no Electron).
import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/csp';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, resolveAppUrlToFile } from '../../src-main/electron/app-protocol';
import { denyAllPermissions, hardenWebContents, secureWebPreferences } from '../../src-main/electron/hardening';

describe('secureWebPreferences', () => {
  it('sandboxes and isolates every window, with no Node and no webview', () => {
    const prefs = secureWebPreferences('/app/dist/electron/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
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
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(secureWebPreferences('/p', { devTools: true }).devTools).toBe(true);
  });
});

/** A fake session recording the handlers it is given. */
class FakeSession {
  permissionRequest?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
  permissionCheck?: (...args: unknown[]) => boolean;
  devicePermission?: (...args: unknown[]) => boolean;
  setPermissionRequestHandler(handler: FakeSession['permissionRequest']) {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheck']) {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermission']) {
    this.devicePermission = handler;
  }
}

/** A fake webContents: an EventEmitter with the window-open handler and a session. */
class FakeWebContents extends EventEmitter {
  readonly session = new FakeSession();
  windowOpenHandler?: (details: { url: string }) => { action: string };
  setWindowOpenHandler(handler: FakeWebContents['windowOpenHandler']) {
    this.windowOpenHandler = handler;
  }
}

function hardenedFake() {
  const contents = new FakeWebContents();
  hardenWebContents(contents as unknown as WebContents);
  return contents;
}

/** Emits a navigation-like event the way Electron does (details object first) and says if it was prevented. */
function emitNavigation(contents: FakeWebContents, name: string, url: string): boolean {
  const event = { url, preventDefault: vi.fn() };
  contents.emit(name, event, url, false, true, 1, 1);
  return event.preventDefault.mock.calls.length > 0;
}

const FOREIGN = ['https://evil.example/', 'http://localhost:5173/', 'file:///etc/passwd', 'app://evil/index.html', 'app://vault@evil/', 'javascript:alert(1)', 'about:blank'];

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: refuses every URL off app://vault and allows the app', (name) => {
    const contents = hardenedFake();
    for (const url of FOREIGN) expect(emitNavigation(contents, name, url), url).toBe(true);
    expect(emitNavigation(contents, name, 'app://vault/admin/index.html')).toBe(false);
    expect(emitNavigation(contents, name, 'app://vault/admin/index.html#/registrants')).toBe(false);
  });

  it('denies every new window, even one on the app origin', () => {
    const contents = hardenedFake();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://vault/index.html' })).toEqual({ action: 'deny' });
  });

  it('never attaches a webview', () => {
    const contents = hardenedFake();
    const event = { preventDefault: vi.fn() };
    const webPreferences = {};
    contents.emit('will-attach-webview', event, webPreferences, { src: 'app://vault/index.html' });
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('makes the session refuse every permission request, check and device', () => {
    const { session } = hardenedFake();
    for (const permission of ['media', 'display-capture', 'notifications', 'geolocation', 'openExternal', 'clipboard-read', 'fullscreen', 'unknown']) {
      const callback = vi.fn();
      session.permissionRequest?.(null, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(session.permissionCheck?.(null, permission, 'app://vault', {}), permission).toBe(false);
    }
    expect(session.devicePermission?.({ deviceType: 'usb', origin: 'app://vault' })).toBe(false);
  });

  it('denyAllPermissions alone sets all three handlers', () => {
    const session = new FakeSession();
    denyAllPermissions(session as never);
    expect(session.permissionRequest).toBeTypeOf('function');
    expect(session.permissionCheck).toBeTypeOf('function');
    expect(session.devicePermission).toBeTypeOf('function');
  });
});

describe('resolveAppUrlToFile', () => {
  const root = path.resolve('/opt/mnv/dist/renderer');

  it('maps app://vault paths under admin/ and assets/ of the renderer build; / is the admin page', () => {
    expect(resolveAppUrlToFile('app://vault/admin/index.html', root)).toBe(path.join(root, 'admin', 'index.html'));
    expect(resolveAppUrlToFile('app://vault/', root)).toBe(path.join(root, 'admin', 'index.html'));
    expect(resolveAppUrlToFile('app://vault', root)).toBe(path.join(root, 'admin', 'index.html'));
    expect(resolveAppUrlToFile('app://vault/admin/', root)).toBe(path.join(root, 'admin', 'index.html'));
    expect(resolveAppUrlToFile('app://vault/assets/admin-abc123.js?v=1#x', root)).toBe(path.join(root, 'assets', 'admin-abc123.js'));
    expect(resolveAppUrlToFile('app://vault/assets/Noto%20Sans%20JP.woff2', root)).toBe(path.join(root, 'assets', 'Noto Sans JP.woff2'));
  });

  it('serves nothing else from the renderer build (the phone form is for the LAN listener)', () => {
    expect(resolveAppUrlToFile('app://vault/collect/index.html', root)).toBeNull();
    expect(resolveAppUrlToFile('app://vault/index.html', root)).toBeNull();
    expect(resolveAppUrlToFile('app://vault/assets/', root)).toBeNull();
  });

  it.each([
    'app://vault/../../etc/passwd',
    'app://vault/assets/../../../etc/passwd',
    'app://vault/admin/../collect/index.html',
    'app://vault/%2e%2e/%2e%2e/etc/passwd',
    'app://vault/%2E%2E/%2E%2E/etc/passwd',
    'app://vault/.%2e/etc/passwd',
    'app://vault/..%2f..%2fetc%2fpasswd',
    'app://vault/assets%2f..%2f..%2f..%2fetc%2fpasswd',
    'app://vault/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://vault/./admin/index.html',
    'app://vault/assets/..\\..\\etc\\passwd',
    'app://vault/assets/%5c..%5c..%5cetc%5cpasswd',
    'app://vault/admin/index.html%00.png',
    'app://vault/assets/%E0%A4%A',
  ])('refuses the traversal %j', (url) => {
    expect(resolveAppUrlToFile(url, root)).toBeNull();
  });

  it.each([
    'app://evil/admin/index.html',
    'app://vault.evil/admin/index.html',
    'app://vault@evil/admin/index.html',
    'app://user:pw@vault/admin/index.html',
    'app://vault:8080/admin/index.html',
    'https://vault/admin/index.html',
    'file:///opt/mnv/dist/renderer/admin/index.html',
    'not a url',
  ])('refuses the foreign URL %j', (url) => {
    expect(resolveAppUrlToFile(url, root)).toBeNull();
  });

  it('keeps Windows paths inside the root too (backslashes, drive letters)', () => {
    const winRoot = 'C:\\Program Files\\MyNumber Vault\\resources\\app.asar\\dist\\renderer';
    expect(resolveAppUrlToFile('app://vault/assets/a.js', winRoot, path.win32)).toBe(`${winRoot}\\assets\\a.js`);
    expect(resolveAppUrlToFile('app://vault/assets/%5c..%5c..%5cWindows%5cwin.ini', winRoot, path.win32)).toBeNull();
    expect(resolveAppUrlToFile('app://vault/assets/C:%5cWindows%5cwin.ini', winRoot, path.win32)).toBeNull();
    expect(resolveAppUrlToFile('app://vault/C:/Windows/win.ini', winRoot, path.win32)).toBeNull();
  });
});

describe('app:// protocol handler', () => {
  const root = path.resolve('/opt/mnv/dist/renderer');
  const files = new Map([
    [path.join(root, 'admin', 'index.html'), '<!doctype html><title>MyNumber Vault</title>'],
    [path.join(root, 'assets', 'app.js'), 'console.log(1)'],
  ]);
  const readFile = vi.fn(async (file: string) => {
    const text = files.get(file);
    if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return new TextEncoder().encode(text);
  });
  const handler = createAppProtocolHandler({ rootDir: root, readFile });

  it('is registered as a standard, secure scheme that does not bypass the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true, bypassCSP: false } });
  });

  it('serves built files with the CSP, nosniff and the right type', async () => {
    const page = await handler(new Request('app://vault/admin/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('MyNumber Vault');

    const script = await handler(new Request('app://vault/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 (with the CSP) for missing files and traversal, without reading outside the root', async () => {
    readFile.mockClear();
    const missing = await handler(new Request('app://vault/assets/nope.js'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);

    const traversal = await handler(new Request('app://vault/..%2f..%2fetc%2fpasswd'));
    expect(traversal.status).toBe(404);
    // The missing file was looked for under the root; the traversal read nothing at all.
    expect(readFile.mock.calls.map(([file]) => file)).toEqual([path.join(root, 'assets', 'nope.js')]);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const post = await handler(new Request('app://vault/admin/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
  });
});
