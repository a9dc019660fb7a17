import { explorerLine } from './explorer/explorer.banner';
import type { ExplorerMode } from '../config';
/**
 * The line `npm start` prints once the gateway serves: the address it is bound to, and a URL a
 * browser on this machine can open. A wildcard bind (0.0.0.0, ::) serves every interface, so
 * it says so instead of pretending to listen on loopback only.
 */
export function readyBanner(host: string, url: string, explorer: ExplorerMode, dashboard = false): string {
  const port = new URL(url).port;
  const wildcard = host === '0.0.0.0' || host === '::' || host === '[::]';
  const bound = wildcard ? `all interfaces (${host}), port ${port}` : `${host.includes(':') ? `[${host}]` : host}:${port}`;
  // The server's own URL already maps 0.0.0.0 to 127.0.0.1; `[::]` is not openable either.
  const open = url.replace('//[::]:', '//[::1]:');
  const live = dashboard ? `Live dashboard: ${open.replace(/\/graphql$/, '/dashboard/')}\n` : '';
  return `\nTributary GraphQL at ${open} (listening on ${bound})\n${explorerLine(explorer, open)}\n${live}\n`;
}
