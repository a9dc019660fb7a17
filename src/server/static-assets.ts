/**
 * Serves a folder of built front-end assets (a Vite build) under a URL prefix: content types,
 * long caching for content-hashed files, the single-page-app fallback to `index.html`, and no
 * way out of the folder.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Vite names built files `assets/<name>-<hash>.<ext>`: their content never changes. */
const HASHED = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;

/** Answers one request; resolves false when the path is not under `prefix` (someone else's). */
export type StaticHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean>;

/**
 * A handler for the files under `root`, at URLs under `prefix` (e.g. `/dashboard`).
 * `/dashboard` redirects to `/dashboard/` so the page's relative URLs resolve; a path with no
 * file and no extension gets `index.html` (client-side routes); a missing file with an
 * extension is a 404. Only GET and HEAD.
 */
export function serveStatic(root: string, prefix: string): StaticHandler {
  const base = resolve(root);
  return async (req, res, pathname) => {
    if (pathname !== prefix && !pathname.startsWith(`${prefix}/`)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
      return true;
    }
    if (pathname === prefix) {
      res.writeHead(308, { location: `${prefix}/` }).end();
      return true;
    }
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice(prefix.length + 1));
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad path\n');
      return true;
    }
    const file = resolve(base, relative === '' ? 'index.html' : relative);
    // `resolve` folds `..`; anything that lands outside the root (or a NUL trick) is refused.
    if ((file !== base && !file.startsWith(base + sep)) || relative.includes('\0')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return true;
    }
    const found = await fileAt(file);
    if (found) return send(req, res, file, found);
    const index = join(base, 'index.html');
    const indexFound = extname(relative) === '' ? await fileAt(index) : null;
    if (indexFound) return send(req, res, index, indexFound);
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
    return true;
  };
}

// Private:

async function fileAt(path: string): Promise<{ size: number } | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? { size: info.size } : null;
  } catch {
    return null;
  }
}

function send(req: IncomingMessage, res: ServerResponse, file: string, info: { size: number }): Promise<boolean> {
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    // Hashed assets are immutable; index.html must be revalidated so a new build is picked up.
    'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return Promise.resolve(true);
  }
  return new Promise((done, fail) => {
    const stream = createReadStream(file);
    stream.on('error', fail);
    res.on('close', () => stream.destroy());
    stream.pipe(res).on('finish', () => done(true));
  });
}
