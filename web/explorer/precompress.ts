import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const gz = promisify(gzip);
const COMPRESSIBLE = /\.(js|css|html|svg|json|ttf)$/;

/**
 * Writes a `.gz` beside every text asset once, at build time, so the gateway serves
 * Monaco's megabytes compressed without compressing on each request (static-assets.ts). No Brotli: Chromium
 * offers it only over HTTPS, and quality 11 over Monaco costs most of the build's time.
 */
export function precompress(outDir: string): Plugin {
  return {
    name: 'tributary-precompress',
    apply: 'build',
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name));
      await Promise.all(
        files.map(async (name) => {
          const path = join(outDir, name);
          const body = await readFile(path);
          await writeFile(`${path}.gz`, await gz(body, { level: 9 }));
        }),
      );
    },
  };
}
