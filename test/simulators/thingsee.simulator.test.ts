import { startSimulators, type RunningSimulators } from '../../src/simulators';
import { createThingseeSeed, createThingseeWarehouseSeed, THINGSEE_BASE_EPOCH, THINGSEE_DEMO_CREDENTIALS, THINGSEE_READONLY_CREDENTIALS, THINGSEE_WAREHOUSE_CREDENTIALS } from '../../src/simulators/thingsee/thingsee.seed';
import { createThingseeSimulator, THINGSEE_BASE_PATH } from '../../src/simulators/thingsee/thingsee.simulator';
import { startSimulatorServer } from '../../src/simulators/simulator-server';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';

/** The Thingsee simulator over HTTP: envelopes, errors, auth and the documented quirks. */
let sims: RunningSimulators;
let token: string;
const seed = createThingseeSeed();

beforeAll(async () => {
  sims = await startSimulators({ vendors: ['thingsee'], live: false });
  leaveOver(() => sims.stop());
  token = await issue(sims.urls.thingsee!, THINGSEE_DEMO_CREDENTIALS);
});
afterAll(disposeLeftovers);

async function issue(url: string, credentials: object): Promise<string> {
  const res = await fetch(`${url}/auth/client-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
  return ((await res.json()) as { data: { token: string } }).data.token;
}

async function call(method: string, path: string, body?: unknown, bearer = token) {
  const res = await fetch(`${sims.urls.thingsee}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
}

describe('Thingsee seed', () => {
  it('is deterministic: an office of 3 gateways, 50 sensors and 3 spares in 4 groups', () => {
    expect(createThingseeSeed().things.map((t) => t.tuid)).toEqual(seed.things.map((t) => t.tuid));
    expect(seed.things.filter((t) => t.kind === 'gateway')).toHaveLength(3);
    expect(seed.things.filter((t) => t.kind !== 'gateway' && t.group_id)).toHaveLength(50);
    expect(seed.things.filter((t) => !t.group_id)).toHaveLength(3);
    expect(seed.groups).toHaveLength(4);
    for (const thing of seed.things) expect(thing.tuid).toMatch(/^[A-Z0-9]{6}[A-Z]{3}\d{8}$/);
    const latest = Math.max(...[...seed.messages.values()].flat().map((m) => m.tsmTs));
    expect(latest).toBeLessThanOrEqual(THINGSEE_BASE_EPOCH);
  });
});

describe('Thingsee simulator routes', () => {
  it('wraps answers in { data } and errors in { statusCode, error, message }', async () => {
    expect(await call('GET', '/things/alerts/count')).toEqual({ status: 200, json: { data: { alert_count: expect.stringMatching(/^\d+$/) } } });
    expect(await call('GET', '/things/TSEN01ZZZ99999999')).toEqual({
      status: 404,
      json: { statusCode: 404, error: 'Not Found', message: 'Thing not found' },
    });
  });

  it('refuses missing, forged and wrong credentials with 401, and writes of a read-only client with 403', async () => {
    expect((await call('GET', '/groups', undefined, 'nope')).status).toBe(401);
    const readOnly = await issue(sims.urls.thingsee!, THINGSEE_READONLY_CREDENTIALS);
    expect((await call('GET', '/groups', undefined, readOnly)).status).toBe(200);
    expect((await call('POST', '/groups', { group_id: 'x1' }, readOnly)).status).toBe(403);
    const bad = await fetch(`${sims.urls.thingsee}/auth/client-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: THINGSEE_DEMO_CREDENTIALS.client_id, client_secret: 'wrong' }),
    });
    expect(bad.status).toBe(401);
  });

  it("serves a second organisation's client that organisation's groups and things, and none of the first's", async () => {
    const warehouse = createThingseeWarehouseSeed();
    const other = await issue(sims.urls.thingsee!, THINGSEE_WAREHOUSE_CREDENTIALS);
    const groups = await call('GET', '/groups', undefined, other);
    expect(groups.json.data.map((g: { group_id: string }) => g.group_id)).toEqual(['cold-store', 'loading-dock']);
    const sensor = warehouse.things.find((t) => t.kind === 'environment')!.tuid;
    expect((await call('GET', `/things/${sensor}/messages?limit=3`, undefined, other)).json.data).toHaveLength(3);
    expect((await call('GET', `/things/${sensor}`)).status).toBe(404);
    expect((await call('GET', `/things/${seed.things[0]!.tuid}`, undefined, other)).status).toBe(404);
  });

  it('expires tokens after their life', async () => {
    let now = Date.UTC(2025, 0, 1);
    const sim = createThingseeSimulator({ tokenTtlSeconds: 900, now: () => now });
    const server = await startSimulatorServer({ name: 'thingsee', basePath: THINGSEE_BASE_PATH, router: sim.router });
    leaveOver(() => server.stop());
    const short = await issue(server.url, THINGSEE_DEMO_CREDENTIALS);
    const get = () => fetch(`${server.url}/groups`, { headers: { authorization: `Bearer ${short}` } }).then((r) => r.status);
    expect(await get()).toBe(200);
    now += 899_000;
    expect(await get()).toBe(200);
    now += 2_000;
    expect(await get()).toBe(401);
  });

  it('requires limit on messages and answers newest first within from/to', async () => {
    const sensor = seed.things.find((t) => t.kind === 'presence')!;
    expect((await call('GET', `/things/${sensor.tuid}/messages`)).status).toBe(400);
    const from = THINGSEE_BASE_EPOCH - 3 * 3600;
    const { json } = await call('GET', `/things/${sensor.tuid}/messages?messageid=13102,2100&from=${from}&limit=5`);
    expect(json.data).toHaveLength(5);
    const times = json.data.map((m: { tsmTs: number }) => m.tsmTs);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    for (const m of json.data) expect([13102, 2100]).toContain(m.tsmId);
  });

  it('allows only the documented command ids and installation statuses', async () => {
    const tuid = seed.things[5]!.tuid;
    expect((await call('POST', `/things/${tuid}/commands`, [{ tsmId: 17110, tsmEv: 30 }])).status).toBe(400);
    const sent = await call('POST', `/things/${tuid}/commands`, [{ tsmId: 1500, tsmEv: 30, transactionId: 1 }]);
    expect(sent.json.data).toMatchObject({ responsible: 'tributary-demo', commands: [{ tsmId: 1500, tsmDstTuid: tuid, transactionId: 1 }] });
    expect((await call('POST', `/things/${tuid}/installations`, { installation_status: 'broken' })).status).toBe(400);
    expect((await call('POST', `/things/${tuid}/installations`, { installation_status: 'quarantine' })).json.data).toEqual({
      tuid,
      installation_status: 'quarantine',
    });
    expect((await call('GET', `/things/${tuid}/installations?limit=1`)).json.data[0].installation_status).toBe('quarantine');
  });

  it('keeps group ids free of whitespace and `unassigned`, and moves things with renames and deletes', async () => {
    expect((await call('POST', '/groups', { group_id: 'has space' })).status).toBe(400);
    expect((await call('POST', '/groups', { group_id: 'unassigned' })).status).toBe(400);
    expect((await call('POST', '/groups', { group_id: 'lab', group_description: 'Lab' })).json).toEqual({ data: { group_id: 'lab', group_description: 'Lab' } });
    const spare = seed.things.find((t) => !t.group_id)!.tuid;
    expect((await call('GET', `/things/${spare}/group`)).json.data.group_id).toBe('unassigned');
    await call('POST', `/things/${spare}/group`, { group_id: 'lab' });
    expect((await call('POST', '/groups/lab/rename', { group_id: 'lab2' })).json.data).toEqual({ group_id: 'lab2', old: 'lab', renamed: true });
    expect((await call('GET', '/groups/lab2/things')).json.data).toEqual({ tuids: [spare] });
    expect((await call('DELETE', '/groups/lab2')).json.data).toEqual({ group_id: 'lab2', deleted: true });
    expect((await call('GET', `/things/${spare}/group`)).json.data.group_id).toBe('unassigned');
  });

  it('answers alert periods grouped by type, with zone-less ISO times', async () => {
    const { json } = await call('GET', '/things/alerts');
    const tuid = json.data.alerting_tuids[0];
    const alerts = (await call('GET', `/things/${tuid}/alerts`)).json.data;
    expect(alerts[0]).toMatchObject({ tuid, alert_type: expect.any(String) });
    expect(alerts.flatMap((a: { alerts: unknown[] }) => a.alerts).some((p: { to: unknown }) => p.to === null)).toBe(true);
    expect(alerts[0].alerts[0].from).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });
});
