// The one origin the UI is served from. Everything else (https:, file:, other hosts) is
// foreign: no navigation to it, no IPC from it.
export const APP_SCHEME = 'app';
export const APP_HOST = 'vault';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The admin page of the renderer build (dist/renderer/admin/index.html). */
export const APP_ENTRY_URL = `${APP_ORIGIN}/admin/index.html`;

/**
 * The origin of a URL as `scheme://host[:port]`. Node's URL reports "null" as the origin of
 * non-special schemes such as app:, so it is built from the parts. Null when unparsable or
 * when the URL carries credentials (app://vault@evil/ must never pass for app://vault).
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username !== '' || parsed.password !== '' || parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** True when the URL belongs to the app origin (exactly; no other host, port or scheme). */
export function isAppUrl(url: string, appOrigin: string = APP_ORIGIN): boolean {
  return originOf(url) === appOrigin;
}
