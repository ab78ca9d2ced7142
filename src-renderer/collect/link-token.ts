// The link's token lives in the URL's fragment (https://host:port/c/#<token>), which never
// reaches the server's logs or a Referer. It is read once and taken out of the address bar at
// once, so it is not left on the screen, in the tab's history entry or in a bookmark; after
// that it lives only in the form's memory until the link is opened (never in storage).

/** The token of the address bar's fragment, removed from it; null when there is none. */
export function takeLinkToken(): string | null {
  const { hash, pathname, search } = window.location;
  if (!hash) return null;
  window.history.replaceState(null, '', `${pathname}${search}`);
  const token = hash.slice(1).trim();
  return token === '' ? null : token;
}
