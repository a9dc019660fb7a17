import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorCodes, postRaw } from '../helpers/gql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startStack } from '../helpers/stack';
import { loadConfig } from '../../src/config';
import { serveStatic } from '../../src/server/static-assets';

afterAll(disposeLeftovers);

/** A raw GET that keeps the path as written (fetch would fold `..` before sending). */
function rawGet(origin: string, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serveStatic', () => {
  let origin: string;

  beforeAll(async () => {
    const top = mkdtempSync(join(tmpdir(), 'static-assets-'));
    leaveOver(() => rmSync(top, { recursive: true, force: true }));
    const root = join(top, 'site');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(root, 'assets', 'index-AbCd1234.js'), 'console.log(1)');
    writeFileSync(join(root, 'robots-and-more.txt'), 'User-agent: *');
    writeFileSync(join(top, 'secret.txt'), 'outside the root');
    const assets = serveStatic(root, '/app', { single: true });
    const server = createServer((req, res) => {
      const pathname = (req.url ?? '/').split('?')[0]!;
      if (assets.owns(pathname)) assets.serve(req, res, pathname);
      else res.writeHead(418).end('not mine');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    leaveOver(() => new Promise((resolve) => server.close(resolve)));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  it('serves index.html for the prefix, revalidated on every load', async () => {
    const answer = await fetch(`${origin}/app/`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html;\s?charset=utf-8$/);
    expect(answer.headers.get('cache-control')).toBe('no-cache');
    expect(await answer.text()).toContain('<title>app</title>');
  });

  it('redirects the bare prefix to its folder so relative URLs resolve', async () => {
    const answer = await fetch(`${origin}/app`, { redirect: 'manual' });
    expect(answer.status).toBe(308);
    expect(answer.headers.get('location')).toBe('/app/');
  });

  it('serves hashed assets with their content type, cached for good', async () => {
    const answer = await fetch(`${origin}/app/assets/index-AbCd1234.js`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await answer.text()).toBe('console.log(1)');
    const plain = await fetch(`${origin}/app/robots-and-more.txt`);
    expect(plain.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(plain.headers.get('cache-control')).toBe('no-cache');
  });

  it('falls back to index.html for client-side routes, but not for missing files', async () => {
    expect(await (await fetch(`${origin}/app/fleet/boat-1`)).text()).toContain('<title>app</title>');
    expect((await fetch(`${origin}/app/assets/missing.js`)).status).toBe(404);
  });

  it('never leaves its folder', async () => {
    for (const path of ['/app/../secret.txt', '/app/%2e%2e/secret.txt', '/app/..%2fsecret.txt', '/app/assets/..%2f..%2fsecret.txt']) {
      const answer = await rawGet(origin, path);
      expect(answer.body).not.toContain('outside the root');
    }
  });

  it('answers only GET and HEAD, and leaves other prefixes alone', async () => {
    expect((await fetch(`${origin}/app/`, { method: 'POST' })).status).toBe(405);
    const head = await fetch(`${origin}/app/assets/index-AbCd1234.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('14');
    expect((await fetch(`${origin}/application`)).status).toBe(418);
  });
});

describe('the demo outage switch', () => {
  it('lists the simulated vendors and takes one down and up, as its GraphQL answers show', async () => {
    const stack = await startStack({ env: { DASHBOARD: 'true' } });
    const outages = `${stack.origin}/dashboard/demo/outages`;
    const listed = (await (await fetch(outages)).json()) as { vendors: { vendor: string; down: boolean }[] };
    expect(listed.vendors.map((entry) => entry.vendor).sort()).toEqual(['IGTIMI', 'IOTAAP', 'MAINFLUX', 'THINGSEE', 'TIMETONIC']);

    const put = (vendor: string, body: string, contentType = 'application/json') =>
      fetch(`${outages}/${vendor}`, { method: 'PUT', headers: { 'content-type': contentType }, body });
    expect((await put('IOTAAP', '{"down":true}', 'text/plain')).status).toBe(415);
    expect((await put('IOTAAP', '{"down":"yes"}')).status).toBe(400);
    expect((await put('ACME', '{"down":true}')).status).toBe(404);

    const query = JSON.stringify({ query: '{ devices(first: 1, filter: { vendors: [IOTAAP] }) { totalCount } }' });
    expect((await put('IOTAAP', '{"down":true}')).status).toBe(200);
    const down = await postRaw(stack.url, query);
    expect(errorCodes(down)).toContain('VENDOR_UNAVAILABLE');
    expect(((await (await fetch(outages)).json()) as typeof listed).vendors.find((entry) => entry.vendor === 'IOTAAP')?.down).toBe(true);

    expect((await put('IOTAAP', '{"down":false}')).status).toBe(200);
    const up = await postRaw<{ devices: { totalCount: number } }>(stack.url, query);
    expect(up.errors).toBeUndefined();
    expect(up.data?.devices.totalCount).toBeGreaterThan(0);
  });

  it('does not exist outside the demo, and /dashboard not at all with DASHBOARD=false', async () => {
    const noDemo = await startStack({ vendors: ['iotaap'], env: { DEMO: 'false', DASHBOARD: 'true' } });
    const refused = await fetch(`${noDemo.origin}/dashboard/demo/outages`);
    expect(refused.status).toBe(404);
    expect(JSON.stringify(await refused.json())).toContain('only in the demo');

    const off = await startStack({ vendors: ['iotaap'], env: { DASHBOARD: 'false' } });
    expect((await fetch(`${off.origin}/dashboard/`)).status).toBe(404);
    expect((await fetch(`${off.origin}/dashboard/demo/outages`)).status).toBe(404);
  });
});

describe('the DASHBOARD setting', () => {
  it('follows DEMO unless set: on in the demo, off in production', () => {
    expect(loadConfig({}).dashboard).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).dashboard).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', DASHBOARD: 'true' }).dashboard).toBe(true);
    expect(loadConfig({ DEMO: 'true', DASHBOARD: 'false' }).dashboard).toBe(false);
  });
});
