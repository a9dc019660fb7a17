import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VendorError } from '../../src/core/errors';
import { createLogger } from '../../src/core/logger';
import { createMetrics, type Metrics } from '../../src/core/metrics';
import { RequestScope } from '../../src/core/request-scope';
import { VendorHttp } from '../../src/vendors/http';
import { VendorHealth } from '../../src/vendors/vendor-health';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';

/**
 * The limits `VendorHttp` takes from undici's pool rather than from extra policies: at most
 * `concurrency` calls in flight at the vendor (the rest wait, none is refused), and a timeout
 * that also holds while the body arrives, so a vendor trickling bytes cannot hold a call.
 */
afterAll(disposeLeftovers);

async function vendorAt(handler: RequestListener, options: { timeoutMs: number; concurrency: number; metrics?: Metrics; retries?: number; health?: VendorHealth }): Promise<VendorHttp> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  leaveOver(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const http = new VendorHttp({
    vendor: 'IOTAAP',
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    timeoutMs: options.timeoutMs,
    retries: options.retries ?? 0,
    concurrency: options.concurrency,
    metrics: options.metrics ?? createMetrics(),
    logger: createLogger('silent'),
    health: options.health ?? new VendorHealth('IOTAAP', true),
  });
  leaveOver(() => http.close());
  return http;
}

it('keeps at most `concurrency` calls in flight at the vendor and answers every one', async () => {
  let inFlight = 0;
  let mostInFlight = 0;
  const http = await vendorAt(
    (_req, res) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }, 20);
    },
    { timeoutMs: 5_000, concurrency: 2 },
  );
  const scope = new RequestScope();
  const calls = http.within(scope);
  const answers = await Promise.all(Array.from({ length: 7 }, (_, i) => calls.request({ operation: 'devices.get', method: 'GET', path: ['devices', String(i)] })));
  expect(answers.map((a) => a.json)).toEqual(Array.from({ length: 7 }, () => ({ ok: true })));
  expect(mostInFlight).toBe(2);
  expect(scope.upstreamCalls.IOTAAP).toBe(7);
});

it('times out a body that trickles in past the timeout, as VENDOR_TIMEOUT', async () => {
  const metrics = createMetrics();
  const http = await vendorAt(
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      // A byte well inside undici's idle bodyTimeout each time, never the end.
      const drip = setInterval(() => res.write('1,'), 40);
      res.on('close', () => clearInterval(drip));
    },
    { timeoutMs: 300, concurrency: 1, metrics },
  );
  const scope = new RequestScope();
  const failure = await http
    .within(scope)
    .request({ operation: 'devices.list', method: 'GET', path: ['devices'] })
    .catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(VendorError);
  expect(failure).toMatchObject({ code: 'VENDOR_TIMEOUT', message: 'IOTAAP did not answer devices.list within 300 ms' });
  expect(scope.sources.IOTAAP).toMatchObject({ status: 'VENDOR_TIMEOUT', calls: 1, attempts: 1 });
  const counted = (await metrics.vendorRequests.get()).values.find((v) => v.labels.operation === 'devices.list');
  expect(counted).toMatchObject({ labels: { status: 'TIMEOUT' }, value: 1 });
});

it('counts nothing for background calls made outside any operation', async () => {
  const http = await vendorAt((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), { timeoutMs: 2_000, concurrency: 1 });
  const scope = new RequestScope();
  const calls = http.within(scope);
  await calls.background.request({ operation: 'devices.list', method: 'GET', path: ['devices'] });
  expect(scope.totalUpstreamCalls).toBe(0);
  await calls.request({ operation: 'devices.list', method: 'GET', path: ['devices'] });
  expect(scope.totalUpstreamCalls).toBe(1);
});

it('retries a read whose connection was dropped, and opens the circuit after five failed attempts', async () => {
  let served = 0;
  let failing = 1;
  const health = new VendorHealth('IOTAAP', true);
  const http = await vendorAt(
    (req, res) => {
      served += 1;
      if (failing > 0) {
        failing -= 1;
        return void req.socket.destroy();
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    },
    { timeoutMs: 2_000, concurrency: 1, retries: 2, health },
  );
  const scope = new RequestScope();
  const calls = http.within(scope);
  const read = () => calls.request({ operation: 'devices.list', method: 'GET', path: ['devices'] });
  expect((await read()).json).toEqual({ ok: true });
  expect(scope.sources.IOTAAP).toMatchObject({ status: 'OK', calls: 1, attempts: 2 });

  // Every connection dropped: 3 attempts per read, the circuit opens at the fifth failure in a row.
  failing = Infinity;
  served = 0;
  await expect(read()).rejects.toMatchObject({ code: 'VENDOR_UNAVAILABLE', message: 'IOTAAP could not be reached (UND_ERR_SOCKET)' });
  await expect(read()).rejects.toMatchObject({ code: 'VENDOR_UNAVAILABLE', message: 'IOTAAP is unavailable (circuit open after repeated failures)' });
  expect(served).toBe(5);
  expect(health.status).toMatchObject({ circuit: 'OPEN' });
});
