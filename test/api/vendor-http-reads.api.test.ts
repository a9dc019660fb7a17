import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VendorError } from '../../src/core/errors';
import { createLogger } from '../../src/core/logger';
import { createMetrics } from '../../src/core/metrics';
import { RequestScope } from '../../src/core/request-scope';
import { VendorHttp } from '../../src/vendors/http';
import { MemoryVendorReadCache } from '../../src/vendors/vendor-read-cache';
import { VendorHealth } from '../../src/vendors/vendor-health';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';

/**
 * Stale-if-error by what a request is, not by its method: a read sent as POST (Igtimi's
 * `_method=GET`, TimeTonic's `api.php` reads) is cached under its whole identity, body
 * included, and stands in when the vendor fails; a POST write never does.
 */
afterAll(disposeLeftovers);

it('serves POST reads stale per body when the vendor fails, and never a POST write', async () => {
  let down = false;
  let served = 0;
  const vendor = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (down) return void res.writeHead(503).end();
      served += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ asked: Buffer.concat(chunks).toString(), served }));
    });
  });
  await new Promise<void>((resolve) => vendor.listen(0, '127.0.0.1', resolve));
  leaveOver(() => new Promise((resolve) => vendor.close(resolve)));
  const http = new VendorHttp({
    vendor: 'IGTIMI',
    baseUrl: `http://127.0.0.1:${(vendor.address() as AddressInfo).port}/api`,
    timeoutMs: 2_000,
    retries: 0,
    concurrency: 2,
    metrics: createMetrics(),
    logger: createLogger('silent'),
    health: new VendorHealth('IGTIMI', true),
    cache: { store: new MemoryVendorReadCache(), ttlMs: 0, staleIfErrorMs: 60_000 },
  });
  leaveOver(() => http.close());
  const scope = new RequestScope();
  const calls = http.within(scope);
  const read = (serial: string) => calls.request({ operation: 'devices.list', method: 'POST', path: ['devices'], form: { _method: 'GET', serial }, read: true });
  const write = () => calls.request({ operation: 'devices.create', method: 'POST', path: ['devices'], form: { serial: 'new' } });

  const a = (await read('A')).json;
  const b = (await read('B')).json;
  expect(a).toEqual({ asked: '_method=GET&serial=A', served: 1 });
  expect(b).toEqual({ asked: '_method=GET&serial=B', served: 2 });

  down = true;
  expect((await read('A')).json).toEqual(a);
  expect((await read('B')).json).toEqual(b);
  await expect(write()).rejects.toThrow(VendorError);
  expect(scope.sources.IGTIMI).toMatchObject({ status: 'VENDOR_UNAVAILABLE', cache: 'STALE', staleAgeMs: expect.any(Number) });
});
