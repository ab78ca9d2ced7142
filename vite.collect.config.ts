// Renderer build of the registrant's phone form (src-renderer/collect), on its own so that it
// carries nothing of the admin UI: no Mantine, no admin code, no shared chunk. Its output,
// dist/renderer/collect/index.html and dist/renderer/collect/assets/*, is what the LAN
// listener serves at /c/ and /c/assets/ (src-main/lan/form-files.ts). It runs under the
// listener's CSP: no inline scripts or styles, no eval (zod runs jitless in a page).
// Built after the admin UI by `npm run build:renderer` (the admin build empties dist/renderer).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const formRoot = path.join(here, 'src-renderer/collect');

export default defineConfig({
  root: formRoot,
  // Relative URLs: the page is served at /c/ and its files at /c/assets/.
  base: './',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: path.join(here, 'dist/renderer/collect'),
    emptyOutDir: true,
    assetsDir: 'assets',
    modulePreload: { polyfill: false },
    // Keep even tiny assets as files: the CSP allows no data: script or style.
    assetsInlineLimit: 0,
    sourcemap: false,
    // Phones on the office Wi-Fi: the first load is about 450 kB (140 kB gzipped), most of it
    // react-dom, zod and i18next; the QR reader (jsQR, 130 kB) is loaded only when needed. Warn
    // if it grows much past that.
    chunkSizeWarningLimit: 500,
  },
});
