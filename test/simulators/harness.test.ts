import { freePort } from '../../scripts/free-port';
import { startSimulators } from '../../src/simulators';
import { createFaultInjector, faultsFor, parseFaults, validateFaults } from '../../src/simulators/faults';
import { createRouter, type SimRequest } from '../../src/simulators/router';
import { startSimulatorServer, type SimulatorServer } from '../../src/simulators/simulator-server';
import { waitFor } from '../helpers/wait-for';

const leftovers: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(leftovers.splice(0).map((stop) => stop()));
});

const echo = ({ method, path, params, query, body }: SimRequest) => ({
  status: 200,
  json: { method, path, params, query, body },
});

async function startToy(): Promise<SimulatorServer> {
  const router = createRouter()
    .add('GET', '/echo/:id', echo)
    .add('POST', '/echo/:id', echo)
    .add('GET', '/items/:id', () => ({ status: 200, json: { route: 'param' } }))
    .add('GET', '/items/special', () => ({ status: 200, json: { route: 'literal' } }))
    .add('GET', '/text', () => ({ status: 202, text: 'hello', headers: { 'X-Extra': 'yes' } }))
    .add('DELETE', '/empty', () => ({ status: 204 }))
    .add('GET', '/boom', () => {
      throw new Error('kaput');
    });
  const server = await startSimulatorServer({ name: 'toy', basePath: '/api/v1/', router });
  leftovers.push(server.stop);
  return server;
}

describe('router and request parsing over HTTP', () => {
  let server: SimulatorServer;
  beforeAll(async () => {
    server = await startToy();
  });

  it('reports a base URL with the base path and an origin without it', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    expect(server.url.startsWith(server.origin)).toBe(true);
  });

  it('turns repeated keys and key[] into arrays and decodes path params', async () => {
    const res = await fetch(`${server.url}/echo/a%20b?serial_numbers[]=A&serial_numbers[]=B&x=1&x=2&y=3&one[]=z`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      method: 'GET',
      path: '/echo/a%20b',
      params: { id: 'a b' },
      query: { serial_numbers: ['A', 'B'], x: ['1', '2'], y: '3', one: ['z'] },
    });
  });

  it('parses form bodies with the same array rules and dispatches POST _method=GET as GET', async () => {
    const res = await fetch(`${server.url}/echo/1`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'ids[]=1&ids[]=2&_method=GET',
    });
    const answer = (await res.json()) as SimRequest;
    expect(answer.method).toBe('GET');
    expect(answer.body).toEqual({ ids: ['1', '2'], _method: 'GET' });
  });

  it('does not take _method from a JSON body', async () => {
    const res = await fetch(`${server.url}/echo/1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ _method: 'GET' }),
    });
    expect(((await res.json()) as SimRequest).method).toBe('POST');
  });

  it('parses application/senml+json bodies', async () => {
    const res = await fetch(`${server.url}/echo/1`, {
      method: 'POST',
      headers: { 'content-type': 'application/senml+json; charset=utf-8' },
      body: JSON.stringify([{ n: 'temp', v: 21 }]),
    });
    expect(((await res.json()) as SimRequest).body).toEqual([{ n: 'temp', v: 21 }]);
  });

  it('answers 400 on invalid JSON, 404 on unknown routes, 500 on a throwing handler', async () => {
    const bad = await fetch(`${server.url}/echo/1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ message: 'Invalid JSON' });

    for (const path of [`${server.url}/nowhere`, `${server.origin}/elsewhere`, `${server.url}/echo`]) {
      const missing = await fetch(path);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ message: 'Not found' });
    }

    const boom = await fetch(`${server.url}/boom`);
    expect(boom.status).toBe(500);
    expect(await boom.json()).toEqual({ message: 'Internal error' });
  });

  it('answers 413 above 1 MiB and accepts exactly 1 MiB', async () => {
    const post = (size: number) =>
      fetch(`${server.url}/echo/1`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(size) });
    expect((await post(1024 * 1024)).status).toBe(200);
    const tooBig = await post(1024 * 1024 + 1);
    expect(tooBig.status).toBe(413);
  });

  it('prefers literal segments over parameters and ignores trailing slashes', async () => {
    expect(await (await fetch(`${server.url}/items/special/`)).json()).toEqual({ route: 'literal' });
    expect(await (await fetch(`${server.url}/items/other`)).json()).toEqual({ route: 'param' });
  });

  it('sends text with extra headers, and empty bodies', async () => {
    const text = await fetch(`${server.url}/text`);
    expect(text.status).toBe(202);
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(text.headers.get('x-extra')).toBe('yes');
    expect(await text.text()).toBe('hello');
    const empty = await fetch(`${server.url}/empty`, { method: 'DELETE' });
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
  });
});

describe('counts and the control surface', () => {
  let server: SimulatorServer;
  beforeAll(async () => {
    server = await startToy();
  });

  it('counts per route key, unmatched requests included, control requests excluded', async () => {
    server.control.resetCounts();
    await fetch(`${server.url}/echo/1`);
    await fetch(`${server.url}/echo/2`);
    await fetch(`${server.url}/nowhere`);
    await fetch(`${server.url}/echo/3`, { method: 'POST', body: '_method=GET', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const expected = { 'GET /echo/:id': 3, 'GET <unmatched>': 1 };
    expect(server.control.counts()).toEqual(expected);
    expect(server.control.total()).toBe(4);

    const viaHttp = await fetch(`${server.origin}/__sim/counts`);
    expect(await viaHttp.json()).toEqual({ counts: expected, total: 4 });
    expect((await fetch(`${server.origin}/__sim/counts`, { method: 'DELETE' })).status).toBe(204);
    expect(server.control.total()).toBe(0);
  });

  it('validates PUT /__sim/faults and answers 404 for unknown control paths', async () => {
    const bad = await fetch(`${server.origin}/__sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 2 }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toBe('Faults.errorRate must be a number between 0 and 1, but got: 2');
    expect((await fetch(`${server.origin}/__sim/nothing`)).status).toBe(404);
    expect(server.control.total()).toBe(0);
  });

  it('setFaults merges and clearFaults resets', async () => {
    server.control.setFaults({ down: true });
    server.control.setFaults({ latencyMs: 1 });
    const res = await fetch(`${server.url}/echo/1`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ message: 'Service Unavailable' });
    server.control.clearFaults();
    expect((await fetch(`${server.url}/echo/1`)).status).toBe(200);
    expect(() => server.control.setFaults({ latencyMs: -1 })).toThrow(/latencyMs/);
  });

  it('stop closes keep-alive sockets and may be called twice', async () => {
    const own = await startToy();
    expect((await fetch(`${own.url}/echo/1`)).status).toBe(200);
    await own.stop();
    await own.stop();
    await expect(fetch(`${own.url}/echo/1`)).rejects.toThrow();
  });

  it('stop cuts a pending latency fault short', async () => {
    const own = await startToy();
    own.control.setFaults({ latencyMs: 60_000 });
    const pending = fetch(`${own.url}/echo/1`);
    // The request is counted as it reaches the server, before the latency.
    await waitFor('the request to reach the server', () => own.control.total() === 1);
    const started = performance.now();
    await own.stop();
    await expect(pending).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('SIM_FAULTS', () => {
  it('parses vendors, the wildcard and repeated entries', () => {
    const plan = parseFaults(' thingsee=down, igtimi=latency:3000,mainflux=error-rate:0.3,*=latency:20,thingsee=error-rate:1 ');
    expect(plan).toEqual({
      thingsee: { down: true, errorRate: 1 },
      igtimi: { latencyMs: 3000 },
      mainflux: { errorRate: 0.3 },
      '*': { latencyMs: 20 },
    });
    expect(faultsFor(plan, 'igtimi')).toEqual({ down: false, latencyMs: 3000, errorRate: 0 });
    expect(faultsFor(plan, 'thingsee')).toEqual({ down: true, latencyMs: 20, errorRate: 1 });
    expect(faultsFor(plan, 'iotaap')).toEqual({ down: false, latencyMs: 20, errorRate: 0 });
    expect(parseFaults(undefined)).toEqual({});
    expect(parseFaults('')).toEqual({});
  });

  it.each([
    ['x', "SIM_FAULTS entry 'x' must look like vendor=down|latency:MS|error-rate:0..1"],
    ['iotaap=slow', "SIM_FAULTS entry 'iotaap=slow' must look like vendor=down|latency:MS|error-rate:0..1"],
    ['acme=down', "SIM_FAULTS entry 'acme=down' names an unknown vendor 'acme'; use one of igtimi, iotaap, mainflux, timetonic, thingsee or *"],
    ['IOTAAP=down', "SIM_FAULTS entry 'IOTAAP=down' names an unknown vendor 'IOTAAP'; use one of igtimi, iotaap, mainflux, timetonic, thingsee or *"],
    ['iotaap=latency:fast', "SIM_FAULTS entry 'iotaap=latency:fast' needs a latency in whole milliseconds, e.g. latency:3000"],
    ['iotaap=latency:-5', "SIM_FAULTS entry 'iotaap=latency:-5' needs a latency in whole milliseconds, e.g. latency:3000"],
    ['iotaap=error-rate:1.5', "SIM_FAULTS entry 'iotaap=error-rate:1.5' needs an error rate between 0 and 1, e.g. error-rate:0.3"],
    ['iotaap=error-rate:', "SIM_FAULTS entry 'iotaap=error-rate:' needs an error rate between 0 and 1, e.g. error-rate:0.3"],
  ])('rejects %s', (spec, message) => {
    expect(() => parseFaults(spec)).toThrow(message);
  });

  it('startSimulators rejects a bad fault string and unknown vendors before listening', async () => {
    await expect(startSimulators({ faults: 'iotaap=sometimes' })).rejects.toThrow(/must look like vendor=/);
    await expect(startSimulators({ vendors: ['acme'] })).rejects.toThrow(
      'startSimulators vendors must be among igtimi, iotaap, mainflux, timetonic, thingsee, but got: acme',
    );
  });

  it('fails the same reads for the same seed, and never writes', () => {
    const sequence = (name: string) => {
      const injector = createFaultInjector(name, { down: false, latencyMs: 0, errorRate: 0.5 });
      return Array.from({ length: 40 }, () => injector.verdict('GET')?.status ?? 200);
    };
    const first = sequence('mainflux');
    expect(sequence('mainflux')).toEqual(first);
    const failures = first.filter((status) => status === 503).length;
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(35);

    const injector = createFaultInjector('mainflux', { down: false, latencyMs: 0, errorRate: 1 });
    expect(injector.verdict('POST')).toBeUndefined();
    expect(injector.verdict('GET')?.status).toBe(503);
  });

  it('validateFaults says what it got', () => {
    expect(() => validateFaults('down')).toThrow('Faults must be an object like');
    expect(() => validateFaults({ down: 'yes' })).toThrow('Faults.down must be a boolean, but got: "yes"');
    expect(validateFaults({ latencyMs: 5 })).toEqual({ latencyMs: 5 });
  });
});

describe('startSimulators', () => {
  it('puts vendor i on port + i when a port is given', async () => {
    const free = await freePort();
    const sims = await startSimulators({ port: free - 1, vendors: ['iotaap'] });
    leftovers.push(sims.stop);
    expect(sims.urls.iotaap).toBe(`http://127.0.0.1:${free}/v1`);
  });

  it('starts only the vendors asked for', async () => {
    const sims = await startSimulators({ vendors: ['iotaap'], live: false });
    leftovers.push(sims.stop);
    expect(Object.keys(sims.urls)).toEqual(['iotaap']);
  });
});
