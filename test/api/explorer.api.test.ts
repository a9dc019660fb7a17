import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'graphql';
import WebSocket from 'ws';
import { DEMO_BOAT_ID, EXAMPLE_OPERATIONS } from '../../src/server/explorer/explorer.examples';
import { serveStatic } from '../../src/server/static-assets';
import { leaveOver, disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { subscribe, wsClient } from '../helpers/subscribe';

afterAll(disposeLeftovers);

const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

/** A raw GET, so paths like `/../` reach the server unnormalised (fetch would resolve them). */
function rawGet(origin: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.path = path;
    req.end();
  });
}

describe('GET /graphql from a browser', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Callers need a key here: the page must still answer (a browser sends none).
    stack = await startStack({ env: { GATEWAY_API_KEYS: 'explorer-test-key', GATEWAY_ALLOW_ANONYMOUS: 'false' } });
  });

  it('sandbox (the default outside production): the Sandbox page, falling back to the bundled GraphiQL', async () => {
    const page = await fetch(stack.url, { headers: BROWSER });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-[^']+' https:\/\/embeddable-sandbox\.cdn\.apollographql\.com/);
    const html = await page.text();
    expect(html).toContain('embeddable-sandbox.umd.production.min.js');
    expect(html).toContain('"graphql/explorer/"');
    expect(html).toContain('query Fleet');
  });

  it('leaves GraphQL clients alone: a GET asking for JSON first is a GraphQL request that needs the key', async () => {
    const url = `${stack.url}?query=${encodeURIComponent('{ vendors { vendor } }')}`;
    const headers = { accept: 'application/json, text/html' };
    expect((await fetch(url, { headers })).status).toBe(401);
    // A GET query needs no CSRF preflight header (docs/operations.md, "GET and CSRF").
    const keyed = await fetch(url, { headers: { ...headers, 'x-api-key': 'explorer-test-key' } });
    expect(keyed.status).toBe(200);
    expect(((await keyed.json()) as { data: { vendors: unknown[] } }).data.vendors.length).toBeGreaterThan(0);
    const post = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ vendors { vendor } }' }) });
    expect(post.status).toBe(401);
  });

  it('redirects the bare explorer path to its trailing slash and refuses writes', async () => {
    const bare = await fetch(`${stack.url}/explorer`, { redirect: 'manual' });
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe('/graphql/explorer/');
    const post = await fetch(`${stack.url}/explorer/`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('graphiql: a redirect to the bundled GraphiQL', async () => {
    const graphiql = await startStack({ env: { GRAPHQL_IDE: 'graphiql' } });
    const page = await fetch(graphiql.url, { headers: BROWSER, redirect: 'manual' });
    expect(page.status).toBe(302);
    expect(new URL(page.headers.get('location')!, graphiql.url).pathname).toBe('/graphql/explorer/');
  });

  it.each([
    ['GRAPHQL_IDE=off', { GRAPHQL_IDE: 'off' }],
    ['the deprecated GRAPHQL_SANDBOX=false', { GRAPHQL_SANDBOX: 'false' }],
    ['production defaults', { NODE_ENV: 'production', HOST: '127.0.0.1' }],
  ])('%s: a short HTML page naming GRAPHQL_IDE, never CSRF JSON; no explorer files', async (_name, env) => {
    const off = await startStack({ env });
    const page = await fetch(off.url, { headers: BROWSER });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('GRAPHQL_IDE');
    expect(html).not.toMatch(/csrf|preflight/i);
    expect((await fetch(`${off.url}/explorer/`)).status).toBe(404);
  });
});

describe('graphql-ws for the explorer page', () => {
  it('accepts an upgrade from the gateway\'s own origin when CORS_ORIGINS lists only others', async () => {
    const stack = await startStack({ env: { CORS_ORIGINS: 'https://app.example' } });
    const opened = (origin: string) =>
      new Promise<boolean>((resolve) => {
        const socket = new WebSocket(stack.wsUrl, 'graphql-transport-ws', { headers: { origin } });
        socket.on('open', () => {
          socket.close();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      });
    expect(await opened(stack.origin)).toBe(true);
    expect(await opened('https://evil.example')).toBe(false);
  });
});

describe('serveStatic', () => {
  let origin: string;
  let root: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'static-assets-'));
    root = join(dir, 'bundle');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'secret.txt'), 'outside the root');
    writeFileSync(join(root, '.env'), 'SECRET=1');
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
    const script = 'console.log("hashed asset");'.repeat(20);
    writeFileSync(join(root, 'assets', 'main-AbCd1234.js'), script);
    writeFileSync(join(root, 'assets', 'main-AbCd1234.js.gz'), gzipSync(script));
    writeFileSync(join(root, 'assets', 'style-Zz09_-xY.css'), 'body{}');
    const assets = serveStatic(root, '/app/');
    const server = createServer((req, res) => {
      const pathname = (req.url ?? '/').split('?')[0]!;
      if (assets.owns(pathname)) return assets.serve(req, res, pathname);
      res.statusCode = 418;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    leaveOver(() => new Promise((resolve) => server.close(resolve)));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  it('serves index.html at the prefix, revalidated on every load', async () => {
    const index = await rawGet(origin, '/app/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html;charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.body.toString()).toContain('<title>app</title>');
  });

  it('serves hashed assets with their content type, cached for a year', async () => {
    const css = await rawGet(origin, '/app/assets/style-Zz09_-xY.css');
    expect(css.headers['content-type']).toBe('text/css');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.headers['x-content-type-options']).toBe('nosniff');
    const plain = await rawGet(origin, '/app/assets/main-AbCd1234.js');
    expect(plain.headers['content-type']).toBe('text/javascript');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toContain('hashed asset');
  });

  it('serves the precompressed file to clients that accept gzip', async () => {
    const zipped = await rawGet(origin, '/app/assets/main-AbCd1234.js', { 'accept-encoding': 'gzip, deflate' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toBe('text/javascript');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    expect(zipped.body.length).toBeLessThan(200);
  });

  it.each(['/app/../secret.txt', '/app/..%2fsecret.txt', '/app/%2e%2e/secret.txt', '/app/assets/..%2f..%2fsecret.txt', '/app/.env', '/app/%2eenv'])(
    'refuses %s',
    async (path) => {
      const answer = await rawGet(origin, path);
      expect(answer.status).toBe(404);
      expect(answer.body.toString()).not.toMatch(/outside the root|SECRET/);
    },
  );
});

describe('the example operations, against the demo', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ live: true });
  });

  it.each(EXAMPLE_OPERATIONS.filter((op) => !op.query.includes('subscription ')).map((op) => [op.query.match(/query (\w+)/)![1], op] as const))(
    '%s returns data without errors',
    async (_name, op) => {
      const response = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: op.query }) });
      const body = (await response.json()) as { data?: Record<string, { totalCount: number; edges: Array<{ node: Record<string, unknown[]> }> }>; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      const lists = Object.values(body.data!);
      for (const list of lists) expect(list.totalCount).toBeGreaterThan(0);
      // Every screen shows readings: at least one node per list carries measurements.
      for (const list of lists) {
        const readings = list.edges.flatMap(({ node }) => [...(node.measurements ?? []), ...(node.position ?? [])]);
        expect(readings.length).toBeGreaterThan(0);
      }
    },
  );

  it('BoatTrack streams the demo boat over graphql-ws', async () => {
    const op = EXAMPLE_OPERATIONS.find((o) => o.query.includes('subscription BoatTrack'))!;
    const events = subscribe(wsClient(stack.wsUrl), parse(op.query), JSON.parse(op.variables!) as Record<string, unknown>);
    const event = (await events.next()) as { data?: { measurements: { source: { id: string; name: string } } }; errors?: unknown[] };
    expect(event.errors).toBeUndefined();
    expect(event.data?.measurements.source).toEqual({ id: DEMO_BOAT_ID, name: 'Kotuku' });
    await events.close();
  });
});
