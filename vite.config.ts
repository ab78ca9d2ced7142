// Renderer build of the admin UI (dist/renderer/admin and dist/renderer/assets). The phone
// form is a build of its own (vite.collect.config.ts, into dist/renderer/collect), so it
// shares no chunk with this one. The output must run under the strict CSP of
// src-shared/csp.ts: no inline scripts, no inline styles, no eval. `npm run build:renderer`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererRoot = path.join(here, 'src-renderer');
const adoptedCssModule = path.join(rendererRoot, 'shared/mantine-csp/adopted-css.ts');

/**
 * Mantine renders component-level CSS (AppShell sizes, Grid/SimpleGrid columns, responsive
 * style props) as inline <style> elements through one component, InlineStyles. Under
 * `style-src 'self'` the browser refuses those, so this plugin swaps that component for
 * one that applies the same CSS text through CSSOM (adopted style sheets). The build fails
 * if the module is not found or no longer looks as expected, so a Mantine upgrade that
 * moves it cannot silently bring the violations back.
 */
function mantineCspInlineStyles(): Plugin {
  const target = /[\\/]@mantine[\\/]core[\\/]esm[\\/]core[\\/]InlineStyles[\\/]InlineStyles\.mjs$/;
  let replaced = false;
  return {
    name: 'mnv:mantine-csp-inline-styles',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!target.test(id.split('?')[0] ?? '')) return null;
      if (!code.includes('function InlineStyles(') || !code.includes('./styles-to-string/styles-to-string.mjs')) {
        this.error('Mantine InlineStyles changed shape; review the CSP replacement in vite.config.ts');
      }
      replaced = true;
      return {
        code: [
          'import { stylesToString } from "./styles-to-string/styles-to-string.mjs";',
          `import { useAdoptedCss } from ${JSON.stringify(adoptedCssModule)};`,
          'function InlineStyles({ deduplicate: _deduplicate, ...props }) {',
          '  useAdoptedCss(stylesToString(props));',
          '  return null;',
          '}',
          'export { InlineStyles };',
        ].join('\n'),
        map: null,
      };
    },
    buildEnd(error) {
      if (!error && !replaced) this.error('Mantine InlineStyles was not found; the CSP replacement did not apply');
    },
  };
}

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react(), mantineCspInlineStyles()],
  build: {
    outDir: path.join(here, 'dist/renderer'),
    emptyOutDir: true,
    // The polyfill would be inlined into the entry; every target browser has modulepreload.
    modulePreload: { polyfill: false },
    // Keep even tiny assets as files: data: URLs are fine for images but not for scripts.
    assetsInlineLimit: 0,
    sourcemap: false,
    // One admin bundle, loaded from local disk (app:// or the harness): size is not latency here.
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      input: {
        admin: path.join(rendererRoot, 'admin/index.html'),
      },
    },
  },
});
