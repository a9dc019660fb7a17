import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from './precompress.ts';

const outDir = fileURLToPath(new URL('../../dist/web/explorer', import.meta.url));

/** GraphiQL bundled whole (Monaco and its workers included): nothing loads from a CDN. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative URLs: the gateway serves the bundle under a prefix of its own choosing.
  base: './',
  plugins: [precompress(outDir)],
  build: {
    outDir,
    emptyOutDir: true,
    // Monaco alone is past Vite's 500 kB warning; the build prints every chunk's size anyway.
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      onLog(level, log, handler) {
        // React libraries mark modules "use client"; meaningless in a client-only bundle.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  worker: { format: 'es' },
});
