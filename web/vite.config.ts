import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.ATTACHE_API ?? 'http://127.0.0.1:8787';

/** The attache web UI: Preact + ECharts + Cytoscape, built to web/dist and served by `attache serve`. */
export default defineConfig({
  root,
  base: '/',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // the preload polyfill would be an inline script; the CSP forbids those
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
  },
  server: {
    proxy: { '/api': api, '/openapi.json': api },
  },
});
