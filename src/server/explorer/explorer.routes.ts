import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExplorerMode } from '../../config';
import { serveStatic, webBundleRoot } from '../static-assets';
import { explorerOffPage, sandboxPage, type HtmlPage } from './explorer.pages';

/** What a browser gets at the GraphQL path, and the bundled GraphiQL's files below it. */
export interface Explorer {
  mode: ExplorerMode;
  /** Path of the bundled GraphiQL, e.g. `/graphql/explorer/`. */
  graphiqlPath: string;
  /** A browser opening the GraphQL URL (GET, asks for HTML): answered before CSRF and caller auth. */
  isPageRequest(req: IncomingMessage): boolean;
  page(req: IncomingMessage, res: ServerResponse): void;
  /** True for the GraphiQL bundle's paths (the path itself and below). */
  ownsAsset(pathname: string): boolean;
  /** A file of the bundle; 404 while the explorer is off. */
  serveAsset(req: IncomingMessage, res: ServerResponse, pathname: string): void;
}

/**
 * `sandbox`: Apollo Sandbox from Apollo's CDN, moving to the bundled GraphiQL when that cannot
 * load. `graphiql`: straight to the bundled GraphiQL. `off`: a short page saying so.
 * The off page answers 200: the browser asked a working endpoint for a page, and got one that
 * explains what the endpoint is and which setting turns an explorer on; a 404 would read as
 * "the API is not here".
 */
export function createExplorer(mode: ExplorerMode, graphqlPath: string, root = explorerBundleRoot()): Explorer {
  const graphiqlPath = `${graphqlPath}/explorer/`;
  const assets = serveStatic(root, graphiqlPath);
  // Relative to the GraphQL URL's last segment, so a gateway behind a path prefix still works.
  const graphiqlHref = `${graphqlPath.slice(graphqlPath.lastIndexOf('/') + 1)}/explorer/`;
  return {
    mode,
    graphiqlPath,
    ownsAsset: (pathname) => assets.owns(pathname),
    serveAsset(req, res, pathname) {
      if (mode !== 'off') return assets.serve(req, res, pathname);
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('The explorer is off on this server (GRAPHQL_IDE=off)');
    },
    isPageRequest: (req) => (req.method === 'GET' || req.method === 'HEAD') && prefersHtml(req.headers.accept ?? ''),
    page(_req, res) {
      switch (mode) {
        case 'sandbox':
          return sendPage(res, sandboxPage(graphiqlHref));
        case 'graphiql':
          res.statusCode = 302;
          res.setHeader('location', graphiqlHref);
          res.setHeader('cache-control', 'no-store');
          return void res.end();
        case 'off':
          return sendPage(res, explorerOffPage());
        default:
          throw new Error(`Unknown explorer mode: ${String(mode satisfies never)}`);
      }
    },
  };
}

/** Where `npm run build:explorer` puts the bundle. */
export const explorerBundleRoot = (): string => webBundleRoot('explorer');

/** Browsers list text/html first; a GraphQL client asking for JSON before HTML still gets JSON. */
function prefersHtml(accept: string): boolean {
  const html = accept.indexOf('text/html');
  return html >= 0 && !accept.slice(0, html).includes('json');
}

function sendPage(res: ServerResponse, page: HtmlPage): void {
  res.statusCode = 200;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('content-security-policy', page.csp);
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(page.html);
}
