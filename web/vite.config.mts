import { defineConfig } from 'vite';

// The explorer is served by the gateway under /explore (src/http/explorer-route.ts), from web/dist.
// Assets stay files (no inlining), so the page's Content-Security-Policy can be 'self' only.
export default defineConfig({
  base: '/explore/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: { outDir: 'dist', emptyOutDir: true, assetsInlineLimit: 0, modulePreload: { polyfill: false } },
  logLevel: 'warn',
});
