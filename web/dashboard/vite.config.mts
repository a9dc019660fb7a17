import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The dashboard builds into dist/web/dashboard, which the gateway serves at /dashboard/ when
 * DASHBOARD=true. `npm run dev:dashboard` serves the sources and forwards /graphql and the demo's
 * outage switch to a gateway running on :4000 (`npm start`).
 */
export default defineConfig({
  root: here,
  base: '/dashboard/',
  // React 19's automatic JSX runtime, compiled by Vite's own transformer (no Babel plugin needed).
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web/dashboard', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Size is checked by the browser test (500 KB gzipped in total); keep Vite's per-chunk warning quiet.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:4000', ws: true },
      '/dashboard/demo': { target: 'http://127.0.0.1:4000' },
    },
  },
});
