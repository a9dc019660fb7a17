import WebSocket from 'ws';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { createMetrics } from '../../src/core/metrics';
import { VendorError } from '../../src/core/errors';
import { startSimulatorServer } from '../../src/simulators/simulator-server';
import { createIgtimiSeed, IGTIMI_BASE_EPOCH, IGTIMI_DEMO_CLIENT, IGTIMI_DEMO_USER_TOKEN } from '../../src/simulators/igtimi/igtimi.seed';
import { createIgtimiSimulator, type IgtimiSimulatorInstance } from '../../src/simulators/igtimi/igtimi.simulator';
import { createIgtimiAdapter, type IgtimiApi } from '../../src/vendors/igtimi';
import { IgtimiLiveHub, IGTIMI_LIVE_DEFAULTS } from '../../src/vendors/igtimi/igtimi.live';
import type { SimulatorControl } from '../../src/simulators';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { ManualClock } from '../helpers/manual-clock';
import { oneRequestLoader } from '../helpers/one-request-loader';
import { stepUntil } from '../helpers/step-live';
import { waitFor } from '../helpers/wait-for';

afterAll(disposeLeftovers);

/** A fresh Igtimi simulator on a free port, its live server started (boats and heartbeats stepped by the test when `clock` is given). */
async function startIgtimi(options: { live?: boolean; heartbeatMs?: number; clock?: ManualClock } = {}) {
  const simulator: IgtimiSimulatorInstance = createIgtimiSimulator({ heartbeatMs: options.heartbeatMs, heartbeatTimer: options.clock?.timer });
  const server = await startSimulatorServer({ name: 'igtimi', basePath: '', router: simulator.router });
  leaveOver(() => server.stop());
  await simulator.start!({ server: server.server, origin: server.origin, url: server.url, mqttUrl: null, live: options.live ?? false, livePace: options.clock ? 'stepped' : 'timed' });
  leaveOver(() => simulator.stop!());
  const call = async (method: string, path: string, token: string | null = IGTIMI_DEMO_USER_TOKEN, body?: string, type = 'application/x-www-form-urlencoded') => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': type } : {}) },
      body,
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, text, json: json as Record<string, any> };
  };
  return { simulator, server, control: server.control as SimulatorControl, call };
}

describe('Igtimi seed', () => {
  it('is deterministic: a dozen boats of a regatta, groups, device groups, sessions with logs', () => {
    const seed = createIgtimiSeed();
    expect(createIgtimiSeed()).toEqual(seed);
    expect(seed.devices.filter((d) => d.boat)).toHaveLength(12);
    expect(seed.devices[0]!.serial_number).toBe('GA-EN-AAEJ');
    expect(seed.devices.every((d) => /^[A-Z]{2}-[A-Z]{2}-[A-Z]{4}$/.test(d.serial_number))).toBe(true);
    expect(seed.sessions.map((s) => s.name)).toContain('Race 1');
    expect(seed.resources.filter((r) => r.is_archived)).toHaveLength(3);
    expect(seed.devices.length + seed.groups.length + seed.deviceGroups.length + seed.sessions.length + seed.resources.length + seed.windows.length).toBeGreaterThan(80);
  });
});

describe('Igtimi simulator REST', () => {
  let igtimi: Awaited<ReturnType<typeof startIgtimi>>;
  beforeAll(async () => {
    igtimi = await startIgtimi();
  });

  it('takes the token as Bearer or access_token, and refuses a missing one with { error, reason }', async () => {
    expect((await igtimi.call('GET', '/api/v1/account')).json).toMatchObject({ user: { id: 2 } });
    expect((await igtimi.call('GET', `/api/v1/account?access_token=${IGTIMI_DEMO_USER_TOKEN}`, null)).status).toBe(200);
    const refused = await igtimi.call('GET', '/api/v1/account', null);
    expect(refused).toMatchObject({ status: 401, json: { error: 'Unauthorized' } });
  });

  it('runs the OAuth authorize → code → token flow and client credentials', async () => {
    const authorize = await igtimi.call('GET', `/oauth/authorize?response_type=code&client_id=${IGTIMI_DEMO_CLIENT.client_id}&redirect_uri=${encodeURIComponent(IGTIMI_DEMO_CLIENT.redirect_uri)}`, null);
    expect(authorize.status).toBe(302);
    const code = new URL(authorize.headers.get('location')!).searchParams.get('code')!;
    const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: IGTIMI_DEMO_CLIENT.redirect_uri }).toString();
    const token = await igtimi.call('POST', '/oauth/token', null, form);
    expect(token.json).toMatchObject({ token_type: 'bearer' });
    expect((await igtimi.call('GET', '/api/v1/account', token.json.access_token)).status).toBe(200);
    const bad = await igtimi.call('POST', '/oauth/token', null, 'grant_type=client_credentials&client_id=x&client_secret=y');
    expect(bad).toMatchObject({ status: 401, json: { error: 'invalid_client' } });
  });

  it('answers resources/data in the documented format and thins it by the compression value', async () => {
    const window = `start_time=${IGTIMI_BASE_EPOCH + 1_800_000}&end_time=${IGTIMI_BASE_EPOCH + 1_859_000}`;
    const full = await igtimi.call('GET', `/api/v1/resources/data?${window}&serial_numbers[]=GA-EN-AAEJ&types[1]=0`);
    expect(Object.keys(full.json)).toEqual(['GA-EN-AAEJ']);
    const series = full.json['GA-EN-AAEJ']['1'];
    expect(Object.keys(series).sort()).toEqual(['1', '2', 't']);
    expect(series.t).toHaveLength(60);
    const thinned = await igtimi.call('GET', `/api/v1/resources/data?${window}&serial_numbers[]=GA-EN-AAEJ&types[9]=10`);
    expect(thinned.json['GA-EN-AAEJ']['9'].t).toHaveLength(6);
    const tooLong = await igtimi.call('GET', `/api/v1/resources/data?start_time=0&end_time=${8 * 24 * 3600_000}&serial_numbers[]=GA-EN-AAEJ`);
    expect(tooLong).toMatchObject({ status: 400, json: { error: 'Time range too large' } });
  });

  it('takes long id lists as POST with _method=GET, counted as the GET', async () => {
    const body = `_method=GET&${createIgtimiSeed().devices.map((d) => `serial_numbers[]=${d.serial_number}`).join('&')}`;
    const answer = await igtimi.call('POST', '/api/v1/devices', IGTIMI_DEMO_USER_TOKEN, body);
    expect(answer.json.devices).toHaveLength(16);
    // Another user's device shows its public information only.
    expect(answer.json.devices.find((d: any) => d.device.serial_number === 'GB-CO-ACHB').device).toMatchObject({ service_tag: null, permissions: { read: false } });
    expect(igtimi.control.counts()['GET /api/v1/devices']).toBeGreaterThanOrEqual(1);
  });

  it('refuses a session log in the wrong format with 403 and a reason', async () => {
    const refused = await igtimi.call('POST', '/api/v1/sessions/1/logs', IGTIMI_DEMO_USER_TOKEN, '<session_log><entry time="x"/></session_log>', 'application/xml');
    expect(refused).toMatchObject({ status: 403, json: { error: 'Invalid session log' } });
    expect(refused.json.reason).toContain('time');
  });
});

describe('Igtimi simulator live WebSocket', () => {
  let igtimi: Awaited<ReturnType<typeof startIgtimi>>;
  /** The simulator's heartbeat clock; its boats report on `stepLive`. */
  const clock = new ManualClock();
  const HEARTBEAT_MS = 15_000;
  beforeAll(async () => {
    igtimi = await startIgtimi({ live: true, heartbeatMs: HEARTBEAT_MS, clock });
  });

  function open(path: string): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${igtimi.server.origin.replace('http', 'ws')}${path}`);
      leaveOver(() => ws.terminate());
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  }

  it('lists a retired server first that refuses every upgrade', async () => {
    const servers = await igtimi.call('GET', '/server_listers/web_sockets');
    expect(servers.json.web_socket_servers.map((url: string) => new URL(url).pathname)).toEqual(['/live-retired', '/live']);
    await expect(open('/live-retired')).rejects.toThrow();
  });

  it('answers the config frame with its clock, then pushes data frames and heartbeats', async () => {
    const ws = await open('/live');
    const frames: string[] = [];
    ws.on('message', (data) => frames.push(String(data)));
    ws.send(JSON.stringify({ access_token: IGTIMI_DEMO_USER_TOKEN, devices: ['GA-EN-AAEJ'] }));
    await waitFor('the clock frame answering the config', () => frames.length === 1);
    clock.advance(HEARTBEAT_MS);
    igtimi.simulator.stepLive!();
    await waitFor('a heartbeat and a data frame', () => frames.some((f) => f === '1') && frames.some((f) => f.startsWith('{')));
    expect(Number(frames[0])).toBeGreaterThan(IGTIMI_BASE_EPOCH);
    const data = JSON.parse(frames.find((f) => f.startsWith('{'))!);
    expect(Object.keys(data)).toEqual(['GA-EN-AAEJ']);
    expect(Object.keys(data['GA-EN-AAEJ'])).toEqual(expect.arrayContaining(['1', '9', '11', '12', '15']));
  });

  it('closes a socket whose config carries a bad token', async () => {
    const ws = await open('/live');
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ access_token: 'nope', devices: ['GA-EN-AAEJ'] }));
    expect(await closed).toBe(4001);
  });
});

describe('Igtimi gateway against its simulator', () => {
  it('reconnects with backoff after 45 s of silence, failing over past the retired server', async () => {
    // One stepped clock for both ends: the simulator beats less often than the gateway's silence limit.
    const clock = new ManualClock();
    const { silenceMs } = IGTIMI_LIVE_DEFAULTS;
    const igtimi = await startIgtimi({ heartbeatMs: 2 * silenceMs, clock });
    const api = connect(igtimi.server.url);
    const hub = new IgtimiLiveHub({ ...IGTIMI_LIVE_DEFAULTS, allowedHosts: new Set(['127.0.0.1']), clock }, createLogger('silent'));
    leaveOver(() => hub.close());
    const stop = hub.subscribe('test', api.client, { serials: new Set(['GA-EN-AAEJ']), onEvent: () => undefined, onError: () => undefined });
    await waitFor('the first connection', () => igtimi.simulator.live()?.open === 1);
    // Steps of a third of the silence limit (the watchdog's tick); the backoff after it is on the same clock.
    const reconnected = waitFor('a reconnect after silence', () => (igtimi.simulator.live()?.connections ?? 0) >= 2);
    await stepUntil(reconnected, () => clock.advance(silenceMs / 3));
    expect(igtimi.control.counts()['GET /server_listers/web_sockets']).toBeGreaterThanOrEqual(2);
    stop();
    await waitFor('the socket to close', () => igtimi.simulator.live()!.open === 0);
  });

  it('answers UNAUTHENTICATED after exactly one refresh when the application itself is refused', async () => {
    const igtimi = await startIgtimi();
    const api = connect(igtimi.server.url);
    await api.members.account();
    // Client-credentials tokens are reused per application: this is the gateway's token.
    const token = await clientToken(igtimi.server.url);
    await igtimi.call('POST', '/oauth/revoke', null, `token=${token}`);
    igtimi.simulator.state.client.client_secret = 'rotated-by-the-owner';
    igtimi.control.resetCounts();
    const failure = await api.members.account().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(VendorError);
    expect((failure as VendorError).extensions).toMatchObject({ code: 'UNAUTHENTICATED', vendor: 'IGTIMI' });
    expect(igtimi.control.counts()).toEqual({ 'GET /api/v1/account': 1, 'POST /oauth/token': 1 });
  });
});

function connect(baseUrl: string): IgtimiApi {
  const config = loadConfig({ NODE_ENV: 'test', VENDOR_RETRIES: '0', IGTIMI_BASE_URL: baseUrl, IGTIMI_CLIENT_ID: IGTIMI_DEMO_CLIENT.client_id, IGTIMI_CLIENT_SECRET: IGTIMI_DEMO_CLIENT.client_secret });
  const adapter = createIgtimiAdapter({ config: config.vendors.IGTIMI, gateway: config, metrics: createMetrics(), logger: createLogger('silent') });
  leaveOver(() => adapter.close());
  return adapter.connect(null, oneRequestLoader());
}

async function clientToken(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...IGTIMI_DEMO_CLIENT }).toString(),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}
