import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';

/** Serves one built web bundle (the explorer, a dashboard) under a path prefix. */
export interface StaticAssets {
  /** e.g. `/graphql/explorer/` (always ends with a slash). */
  readonly prefix: string;
  /** Whether the bundle was found on disk when the server started. */
  readonly built: boolean;
  /** True when `pathname` is the prefix or below it. */
  owns(pathname: string): boolean;
  /** Answers a request for a path under the prefix: the file, a redirect to the prefix, or 404/405. */
  serve(req: IncomingMessage, res: ServerResponse, pathname: string): void;
}

/** Vite names the files under `assets/` by content hash: they never change under a URL. */
const HASHED = /^\/assets\/[^/]+-[\w-]{8,}\.\w+$/;

/**
 * Static files from `root` under `prefix`. The file list is read once at start-up (sirv's
 * production mode), so only files that were in `root` then can be answered: `..`, encoded
 * slashes and symlinks out of it have nothing to match. A precompressed `.gz` sibling is
 * served to clients that accept them. Hashed assets are cached for a year; everything else
 * (index.html) is revalidated on every load, so a new build shows up at once.
 */
export function serveStatic(root: string, prefix: string, options: { single?: boolean } = {}): StaticAssets {
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
  const bare = base.slice(0, -1);
  const built = existsSync(root);
  const handler = built
    ? sirv(root, {
        etag: true,
        gzip: true,
        dotfiles: false,
        // A single-page app: a path with no file gets index.html (client-side routes).
        single: options.single ?? false,
        setHeaders: (res, path) => {
          res.setHeader('cache-control', HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
          res.setHeader('x-content-type-options', 'nosniff');
        },
      })
    : null;

  return {
    prefix: base,
    built,
    owns: (pathname) => pathname === bare || pathname.startsWith(base),
    serve(req, res, pathname) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD');
        return sendText(res, 405, 'Method not allowed');
      }
      // The bundle uses relative URLs, which only resolve below the trailing slash.
      if (pathname === bare) {
        res.statusCode = 308;
        res.setHeader('location', base);
        return void res.end();
      }
      if (!handler) return sendText(res, 404, `Not built: ${base} is served from a build (npm run build)`);
      const query = req.url?.indexOf('?') ?? -1;
      // sirv reads the path from req.url: hand it the part below the prefix.
      req.url = pathname.slice(bare.length) + (query < 0 ? '' : req.url!.slice(query));
      handler(req, res, () => sendText(res, 404, `Nothing at ${pathname}`));
    },
  };
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(text);
}

/**
 * Where `npm run build` puts a web bundle (`explorer`, `dashboard`): `dist/web/<name>` beside
 * package.json, found from this file whether it runs from src/ (tests, SWC) or dist/src/ (the build).
 */
export function webBundleRoot(name: string): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web', name);
}
