// The app:// protocol: serves the built renderer files, and nothing else, with the CSP.
// Pure apart from the injected file reader, so it is unit-tested without Electron.
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/csp';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** Registered before `ready`: a standard, secure scheme (so 'self', modules and fetch work). */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, bypassCSP: false, allowServiceWorkers: false, stream: false },
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every app:// response, errors included. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

type PathApi = Pick<typeof path, 'resolve' | 'sep'>;

/**
 * What app:// serves out of dist/renderer: the admin page and its assets. The phone form
 * (dist/renderer/collect, a build of its own) is for the LAN listener, not for the desktop window.
 */
export const APP_SERVED_DIRS: readonly string[] = ['admin', 'assets'];
const APP_INDEX_SEGMENTS = ['admin', 'index.html'];

/**
 * True when the URL as written has a `.` or `..` segment (plain or percent-encoded). The URL
 * parser would quietly fold them away; a request that tries them is refused instead.
 */
function hasDotSegment(url: string): boolean {
  const rawPath = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url)?.[1] ?? '';
  return rawPath.split(/[/\\]/).some((segment) => {
    try {
      const decoded = decodeURIComponent(segment);
      return decoded === '.' || decoded === '..';
    } catch {
      return true;
    }
  });
}

/**
 * Maps `app://vault/<path>` to a file under rootDir (only in APP_SERVED_DIRS; `/` is the admin
 * page), or null when the URL is not ours or its
 * path tries to move around (`.`/`..` plain or encoded, encoded `/`, backslashes, NUL, drive
 * letters). Whatever passes is still checked to resolve inside rootDir.
 * `pathApi` lets tests check the Windows rules with path.win32.
 */
export function resolveAppUrlToFile(url: string, rootDir: string, pathApi: PathApi = path): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host.toLowerCase() !== APP_HOST) return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (hasDotSegment(url)) return null;

  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (/[\\\0:]/.test(decoded)) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..')) return null;
  if (segments.length === 0) segments.push(...APP_INDEX_SEGMENTS);
  if (segments.length === 1 && segments[0] === 'admin') segments.push('index.html');
  if (!APP_SERVED_DIRS.includes(segments[0]!) || segments.length < 2) return null;

  const root = pathApi.resolve(rootDir);
  const file = pathApi.resolve(root, ...segments);
  return file.startsWith(root + pathApi.sep) ? file : null;
}

export interface AppProtocolHandlerOptions {
  /** The built renderer directory (dist/renderer, inside app.asar when packaged). */
  rootDir: string;
  /** Reads a whole file; rejects when it does not exist. Electron's fs reads inside asar. */
  readFile: (file: string) => Promise<Uint8Array>;
}

/** The handler given to `protocol.handle('app', ...)`. */
export function createAppProtocolHandler({ rootDir, readFile }: AppProtocolHandlerOptions) {
  const text = (status: number, body: string) =>
    new Response(body, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });

  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method Not Allowed');
    const file = resolveAppUrlToFile(request.url, rootDir);
    if (file === null) return text(404, 'Not Found');
    let body: Uint8Array;
    try {
      body = await readFile(file);
    } catch {
      return text(404, 'Not Found');
    }
    const headers = appResponseHeaders(contentTypeFor(file));
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
  };
}
