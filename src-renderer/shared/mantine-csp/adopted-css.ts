// Applies CSS text through constructable style sheets (CSSOM) instead of <style> elements.
// The UI runs under `style-src 'self'`, which refuses inline <style> elements but not
// CSSOM, so this is how Mantine's runtime-generated CSS reaches the page without
// weakening the Content-Security-Policy.
import { useInsertionEffect } from 'react';

interface Adopted {
  sheet: CSSStyleSheet;
  users: number;
}

const adopted = new Map<string, Adopted>();

/** Adopts `cssText` into the document (shared by identical text); returns the release. */
export function adoptCss(cssText: string): () => void {
  let entry = adopted.get(cssText);
  if (!entry) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(cssText);
    entry = { sheet, users: 0 };
    adopted.set(cssText, entry);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  entry.users += 1;
  const current = entry;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    current.users -= 1;
    if (current.users > 0) return;
    adopted.delete(cssText);
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== current.sheet);
  };
}

/** Keeps `cssText` adopted while the calling component is mounted. */
export function useAdoptedCss(cssText: string): void {
  useInsertionEffect(() => (cssText ? adoptCss(cssText) : undefined), [cssText]);
}
