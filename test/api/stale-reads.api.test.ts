import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../src/core/logger';
import { createMetrics } from '../../src/core/metrics';
import { startServer } from '../../src/server/start-server';
import { BooksFreshnessDocument, DevicesFreshnessDocument, TimetonicSendMessageDocument } from '../generated/graphql';
import { errorCodes, gql } from '../helpers/gql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startStack } from '../helpers/stack';

/**
 * Stale data is never invisible: stale-if-error covers every read whatever its HTTP method, the
 * records themselves say how fresh they are (federation routers drop `extensions`), and
 * `extensions.sources` reports each vendor's final outcome with its attempt count.
 */
afterAll(disposeLeftovers);

const freshness = { stale: false, fetchedAt: expect.any(String), ageMs: expect.any(Number) };

it('marks a stale IoTaaP answer in the data and in extensions, and a fresh one as fresh', async () => {
  const stack = await startStack({ vendors: ['iotaap'] });
  const variables = { first: 2, filter: { vendors: ['IOTAAP' as const] } };
  const fresh = await gql(stack.url, DevicesFreshnessDocument, variables);
  expect(fresh.data!.devices.edges[0]!.node.freshness).toEqual(freshness);
  const sources = fresh.extensions!.sources!.IOTAAP!;
  expect(fresh.extensions?.sources?.IOTAAP).toMatchObject({ status: 'OK', cache: 'MISS' });
  expect(sources.attempts).toBe(sources.calls);

  stack.simulators.controls.iotaap!.setFaults({ down: true });
  const downAt = Date.now();
  const stale = await gql(stack.url, DevicesFreshnessDocument, variables);
  expect(stale.errors).toBeUndefined();
  const node = stale.data!.devices.edges[0]!.node;
  expect(node.name).toBe(fresh.data!.devices.edges[0]!.node.name);
  expect(node.freshness).toEqual({ stale: true, fetchedAt: expect.any(String), ageMs: expect.any(Number) });
  // Dated by the answer that stands in: the first read's, before the vendor went down.
  expect(Date.parse(node.freshness.fetchedAt!)).toBeGreaterThanOrEqual(Date.parse(fresh.data!.devices.edges[0]!.node.freshness.fetchedAt!));
  expect(Date.parse(node.freshness.fetchedAt!)).toBeLessThanOrEqual(downAt);
  expect(stale.extensions?.sources?.IOTAAP).toMatchObject({ status: 'VENDOR_UNAVAILABLE', cache: 'STALE', staleAgeMs: expect.any(Number) });
});

it('serves TimeTonic reads (POST api.php) stale when TimeTonic fails, never its writes', async () => {
  const stack = await startStack({ vendors: ['timetonic'] });
  const variables = { first: 2, filter: { vendors: ['TIMETONIC' as const] } };
  const fresh = await gql(stack.url, BooksFreshnessDocument, variables);
  expect(fresh.errors).toBeUndefined();
  const book = fresh.data!.books.edges[0]!.node;
  expect(book.freshness).toEqual(freshness);

  stack.simulators.controls.timetonic!.setFaults({ down: true });
  const stale = await gql(stack.url, BooksFreshnessDocument, variables);
  expect(stale.errors).toBeUndefined();
  expect(stale.data!.books.edges[0]!.node).toMatchObject({ title: book.title, freshness: { stale: true } });
  expect(stale.extensions?.sources?.TIMETONIC).toMatchObject({ cache: 'STALE' });

  const write = await gql(stack.url, TimetonicSendMessageDocument, { bookId: book.id, text: 'while down' });
  expect(errorCodes(write)).toEqual(['VENDOR_UNAVAILABLE']);
});

it('reports the final outcome of a call retried once: OK, with one attempt more than calls', async () => {
  const stack = await startStack({ vendors: ['iotaap'] });
  const target = stack.simulators.urls.iotaap!;
  // In front of the simulator: the first read answers 503, everything after goes through.
  let failedOnce = false;
  const proxy = createServer(async (req, res) => {
    if (req.method === 'GET' && !failedOnce) {
      failedOnce = true;
      res.writeHead(503, { 'retry-after': '0' }).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name))) as Record<string, string>;
    const answer = await fetch(new URL(target).origin + req.url, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  leaveOver(() => new Promise((resolve) => proxy.close(resolve)));
  const { port } = proxy.address() as AddressInfo;
  const config = stack.config;
  const viaProxy = `http://127.0.0.1:${port}${new URL(target).pathname.replace(/\/+$/, '')}`;
  const server = await startServer(
    { ...config, vendorRetries: 2, vendors: { ...config.vendors, IOTAAP: { ...config.vendors.IOTAAP, baseUrl: viaProxy } } },
    { logger: createLogger('silent'), metrics: createMetrics() },
  );
  leaveOver(() => server.stop());

  const answer = await gql(server.url, DevicesFreshnessDocument, { first: 2, filter: { vendors: ['IOTAAP'] } });
  expect(answer.errors).toBeUndefined();
  expect(failedOnce).toBe(true);
  // Every call here went once, but the one that met the 503: it took two attempts.
  const report = answer.extensions!.sources!.IOTAAP!;
  expect(report.status).toBe('OK');
  expect(report.attempts - report.calls).toBe(1);
});
