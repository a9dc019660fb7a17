import type {
  IotaapWireDevice,
  IotaapWireDeviceList,
  IotaapWireGroup,
  IotaapWireGroupList,
  IotaapWireLoginResponse,
} from '../../src/vendors/iotaap/iotaap.wire';
import { startSimulators, type RunningSimulators, type SimulatorControl } from '../../src/simulators';
import { IOTAAP_TOKEN_TTL_SECONDS } from '../../src/simulators/iotaap/iotaap.auth';
import { IOTAAP_MAX_LIMIT, listPage } from '../../src/simulators/iotaap/iotaap.routes-list';
import { IOTAAP_DEMO_CREDENTIALS, IOTAAP_FREE_CREDENTIALS } from '../../src/simulators/iotaap/iotaap.seed';
import { createIotaapRouter } from '../../src/simulators/iotaap/iotaap.simulator';
import { startSimulatorServer } from '../../src/simulators/simulator-server';

const leftovers: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(leftovers.splice(0).map((stop) => stop()));
});

/** A fresh IoTaaP simulator with demo and free tokens, stopped in afterAll. */
async function startIotaap(faults?: string) {
  const sims: RunningSimulators = await startSimulators({ vendors: ['iotaap'], faults });
  leftovers.push(sims.stop);
  const url = sims.urls.iotaap as string;
  const control = sims.controls.iotaap as SimulatorControl;
  const login = async (credentials: { email: string; password: string }) => {
    const res = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...credentials, rememberMe: true }),
    });
    return ((await res.json()) as IotaapWireLoginResponse).token;
  };
  // Under injected faults a login would be refused too, so such tests go without tokens.
  const demoToken = faults ? '' : await login(IOTAAP_DEMO_CREDENTIALS);
  const freeToken = faults ? '' : await login(IOTAAP_FREE_CREDENTIALS);
  /** Calls the simulator as `token` (the demo user by default) with an optional JSON body. */
  const call = async (method: string, path: string, body?: unknown, token = demoToken) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
  };
  return { sims, url, origin: new URL(url).origin, control, demoToken, freeToken, call };
}

type Iotaap = Awaited<ReturnType<typeof startIotaap>>;

describe('IoTaaP auth', () => {
  let iotaap: Iotaap;
  beforeAll(async () => {
    iotaap = await startIotaap();
  });

  it('logs in with the demo credentials and issues a JWT-shaped token valid 30 days', async () => {
    expect(iotaap.sims.credentials.iotaap).toEqual(IOTAAP_DEMO_CREDENTIALS);
    const res = await fetch(`${iotaap.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...IOTAAP_DEMO_CREDENTIALS, rememberMe: false }),
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as IotaapWireLoginResponse;
    expect(answer.user).toEqual({ id: '5e10fc5e77ba18070312e171', role: 'user' });
    const [header, payload, signature] = answer.token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(claims.sub).toBe(answer.user.id);
    expect(claims.exp - claims.iat).toBe(IOTAAP_TOKEN_TTL_SECONDS);
    expect(signature).toMatch(/^[\w-]{43}$/);
  });

  it('refuses bad credentials with 401 JSON', async () => {
    const res = await fetch(`${iotaap.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: IOTAAP_DEMO_CREDENTIALS.email, password: 'wrong' }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'Invalid email or password' });
  });

  it('answers plain-text 401 without a token, with a forged one, or without Bearer', async () => {
    const [header, , signature] = iotaap.demoToken.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: 'x', exp: 9999999999 })).toString('base64url');
    for (const authorization of [undefined, 'Bearer nope', `Bearer ${header}.${forgedPayload}.${signature}`, iotaap.demoToken]) {
      const res = await fetch(`${iotaap.url}/groups`, { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toBe('Unauthorized');
    }
  });

  it('expires tokens after 30 days', async () => {
    let now = Date.parse('2024-06-01T00:00:00Z');
    const server = await startSimulatorServer({
      name: 'iotaap',
      basePath: '/v1',
      router: createIotaapRouter({ now: () => new Date(now) }),
    });
    leftovers.push(server.stop);
    const login = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(IOTAAP_DEMO_CREDENTIALS),
    });
    const { token } = (await login.json()) as IotaapWireLoginResponse;
    const status = async () => (await fetch(`${server.url}/users/current`, { headers: { authorization: `Bearer ${token}` } })).status;
    now += (IOTAAP_TOKEN_TTL_SECONDS - 60) * 1000;
    expect(await status()).toBe(200);
    now += 120 * 1000;
    expect(await status()).toBe(401);
  });
});

describe('IoTaaP reads', () => {
  let iotaap: Iotaap;
  beforeAll(async () => {
    iotaap = await startIotaap();
  });

  it('pages groups with offset, limit, draw and order_dir by created_at', async () => {
    const all = await iotaap.call('GET', '/groups');
    const everything = all.json as IotaapWireGroupList;
    expect(everything).toMatchObject({ recordsTotal: 6, recordsFiltered: 6, draw: '' });
    const created = everything.groups.map((group) => group.created_at);
    expect(created).toEqual([...created].sort());

    const page = (await iotaap.call('GET', '/groups?offset=1&limit=2&draw=warp&order_dir=desc')).json as IotaapWireGroupList;
    expect(page.draw).toBe('warp');
    expect(page.groups.map((group) => group._id)).toEqual(
      [...everything.groups].reverse().slice(1, 3).map((group) => group._id),
    );
  });

  it('searches names case-insensitively and counts recordsFiltered', async () => {
    const page = (await iotaap.call('GET', '/groups?search_value=GREENHOUSE')).json as IotaapWireGroupList;
    expect(page.groups.map((group) => group.name).sort()).toEqual(['greenhouse_north', 'greenhouse_south']);
    expect(page).toMatchObject({ recordsTotal: 6, recordsFiltered: 2 });
  });

  it('defaults devices to 10 per page and clamps limit to 100', async () => {
    const first = (await iotaap.call('GET', '/devices')).json as IotaapWireDeviceList;
    expect(first.devices).toHaveLength(10);
    expect(first.recordsTotal).toBe(40);
    const big = (await iotaap.call('GET', '/devices?limit=1000')).json as IotaapWireDeviceList;
    expect(big.devices).toHaveLength(40);

    const many = Array.from({ length: 150 }, (_, i) => ({ _id: String(i).padStart(24, '0'), name: `n${i}`, created_at: '2020' }));
    expect(listPage(many, { limit: '1000' }).items).toHaveLength(IOTAAP_MAX_LIMIT);
  });

  it('returns one group and its devices in the documented shapes', async () => {
    const group = (await iotaap.call('GET', '/groups/5e1b76bc4315b70eb242567a')).json as IotaapWireGroup;
    expect(group).toEqual({
      _id: '5e1b76bc4315b70eb242567a',
      name: 'cooling_system',
      token: 'AATluvfLURijoH9d',
      created_at: '2020-01-12T19:42:52.504Z',
      owner: '5e10fc5e77ba18070312e171',
      __v: 0,
    });
    const members = (await iotaap.call('GET', '/groups/devices/5e1b76bc4315b70eb242567a?limit=100&draw=warp')).json as IotaapWireDeviceList;
    expect(members).toMatchObject({ recordsTotal: 8, recordsFiltered: 8, draw: 'warp' });
    expect(members.devices.every((device) => device.group === group._id)).toBe(true);
    expect(members.devices.find((device) => device.name === 'cooling_1')).toEqual({
      _id: '5e1b5774afd4e404d68aebd6',
      type: 'Magnolia',
      name: 'cooling_1',
      token: 'iIP2C3D4B07O',
      last_contact: null,
      created_at: '2020-01-12T17:29:24.180Z',
      owner: '5e10fc5e77ba18070312e171',
      __v: 0,
      group: '5e1b76bc4315b70eb242567a',
    });
  });

  it("answers 404 for another user's group or device and for malformed ids", async () => {
    const freeGroups = (await iotaap.call('GET', '/groups', undefined, iotaap.freeToken)).json as IotaapWireGroupList;
    const freeDevices = (await iotaap.call('GET', '/devices', undefined, iotaap.freeToken)).json as IotaapWireDeviceList;
    expect(freeGroups.recordsTotal).toBe(1);
    expect(freeDevices.recordsTotal).toBe(2);
    const foreignGroup = freeGroups.groups[0]._id;
    const foreignDevice = freeDevices.devices[0]._id;
    for (const path of [`/groups/${foreignGroup}`, `/groups/devices/${foreignGroup}`, '/groups/not-an-id']) {
      expect(await iotaap.call('GET', path)).toMatchObject({ status: 404, json: { message: 'No such group' } });
    }
    expect(await iotaap.call('PUT', `/groups/${foreignGroup}`, { name: 'mine' })).toMatchObject({ status: 404 });
    expect(await iotaap.call('DELETE', `/groups/${foreignGroup}`)).toMatchObject({ status: 404, json: { message: 'No such group' } });
    for (const path of [`/devices/${foreignDevice}`, '/devices/zzz']) {
      expect(await iotaap.call('GET', path)).toMatchObject({ status: 404, json: { message: 'No such device' } });
    }
    expect(await iotaap.call('DELETE', `/devices/${foreignDevice}`)).toMatchObject({ status: 404 });
  });

  it('shows and edits the current user, never the password', async () => {
    const me = await iotaap.call('GET', '/users/current');
    expect(me.json).toEqual({
      _id: '5e10fc5e77ba18070312e171',
      email: 'demo@tributary.local',
      username: 'demo',
      first_name: 'Demo',
      last_name: 'User',
      role: 'user',
      plan: 'pro',
      created_at: '2020-01-04T20:58:06.412Z',
    });
    const updated = await iotaap.call('PUT', '/users/current', { first_name: 'Dana', plan: 'enterprise' });
    expect(updated.json).toMatchObject({ first_name: 'Dana', plan: 'pro' });
    expect(updated.text).not.toContain('password');
    expect(await iotaap.call('PUT', '/users/current', { username: 42 })).toMatchObject({ status: 400 });
  });
});

describe('IoTaaP writes', () => {
  let iotaap: Iotaap;
  beforeAll(async () => {
    iotaap = await startIotaap();
  });

  it('creates, renames and deletes a group, ungrouping its devices', async () => {
    const created = await iotaap.call('POST', '/groups', { name: 'my_cooling_system' });
    expect(created.status).toBe(201);
    const group = created.json as IotaapWireGroup;
    expect(group).toMatchObject({ name: 'my_cooling_system', owner: '5e10fc5e77ba18070312e171', __v: 0 });
    expect(group._id).toMatch(/^[0-9a-f]{24}$/);
    expect(group.token).toMatch(/^[A-Za-z0-9]{16}$/);

    const renamed = await iotaap.call('PUT', `/groups/${group._id}`, { name: 'my_new_cooling_system' });
    expect(renamed).toMatchObject({ status: 200, json: { _id: group._id, name: 'my_new_cooling_system', token: group.token } });

    const spare = ((await iotaap.call('GET', '/devices?search_value=spare_1')).json as IotaapWireDeviceList).devices[0];
    expect(spare.group).toBeUndefined();
    expect(await iotaap.call('PUT', `/devices/${spare._id}`, { group: group._id })).toMatchObject({ json: { group: group._id } });
    expect(((await iotaap.call('GET', `/groups/devices/${group._id}`)).json as IotaapWireDeviceList).recordsTotal).toBe(1);

    expect(await iotaap.call('DELETE', '/groups/nope')).toMatchObject({ status: 500, json: { message: 'Group ID is not valid' } });
    expect(await iotaap.call('DELETE', `/groups/${group._id}`)).toMatchObject({
      status: 200,
      json: { message: 'Group successfully removed' },
    });
    expect((await iotaap.call('GET', `/groups/${group._id}`)).status).toBe(404);
    const after = (await iotaap.call('GET', `/devices/${spare._id}`)).json as IotaapWireDevice;
    expect('group' in after).toBe(false);
  });

  it('names an unnamed group with 10 random characters', async () => {
    const created = await iotaap.call('POST', '/groups', {});
    expect(created.status).toBe(201);
    expect((created.json as IotaapWireGroup).name).toMatch(/^[A-Za-z0-9]{10}$/);
  });

  it('moves a device out of its group with group "undefined" and refuses unknown groups', async () => {
    const cooling = ((await iotaap.call('GET', '/devices?search_value=cooling_3')).json as IotaapWireDeviceList).devices[0];
    expect(cooling.group).toBe('5e1b76bc4315b70eb242567a');
    const unknown = await iotaap.call('PUT', `/devices/${cooling._id}`, { name: 'renamed', group: 'ffffffffffffffffffffffff' });
    expect(unknown).toMatchObject({ status: 404, json: { message: 'No such group' } });
    expect(((await iotaap.call('GET', `/devices/${cooling._id}`)).json as IotaapWireDevice).name).toBe('cooling_3');

    const moved = await iotaap.call('PUT', `/devices/${cooling._id}`, { name: 'cooling_3b', group: 'undefined' });
    expect(moved.status).toBe(200);
    expect(moved.json.name).toBe('cooling_3b');
    expect('group' in moved.json).toBe(false);
  });

  it('creates and deletes devices', async () => {
    const created = await iotaap.call('POST', '/devices', { name: 'new_sensor' });
    expect(created.status).toBe(201);
    const device = created.json as IotaapWireDevice;
    expect(device).toMatchObject({ name: 'new_sensor', last_contact: null, __v: 0 });
    expect(device.token).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(await iotaap.call('DELETE', `/devices/${device._id}`)).toMatchObject({
      status: 200,
      json: { message: 'Device successfully removed' },
    });
    expect((await iotaap.call('GET', `/devices/${device._id}`)).status).toBe(404);
  });

  it('enforces plan limits: no groups on free, a device quota per plan', async () => {
    const group = await iotaap.call('POST', '/groups', { name: 'nope' }, iotaap.freeToken);
    expect(group).toMatchObject({
      status: 403,
      json: { message: 'Groups are not available in free model. Please upgrade your account.' },
    });
    expect((await iotaap.call('POST', '/devices', {}, iotaap.freeToken)).status).toBe(201);
    expect(await iotaap.call('POST', '/devices', {}, iotaap.freeToken)).toMatchObject({
      status: 403,
      json: { message: 'Device limit reached for your plan. Please upgrade your account.' },
    });
  });
});

describe('IoTaaP counts and faults', () => {
  let iotaap: Iotaap;
  beforeAll(async () => {
    iotaap = await startIotaap();
  });
  afterEach(async () => {
    await fetch(`${iotaap.origin}/__sim/faults`, { method: 'DELETE' });
  });

  const putFaults = (faults: object) =>
    fetch(`${iotaap.origin}/__sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(faults),
    });

  it('counts requests per route key', async () => {
    iotaap.control.resetCounts();
    await iotaap.call('GET', '/groups/5e1b76bc4315b70eb242567a');
    await iotaap.call('GET', '/groups/5e1bcd259e233933d7f0ec2c');
    await iotaap.call('GET', '/groups');
    await iotaap.call('GET', '/nothing/here');
    await fetch(`${iotaap.url}/groups`);
    const counts = await (await fetch(`${iotaap.origin}/__sim/counts`)).json();
    expect(counts).toEqual({
      counts: { 'GET /groups/:id': 2, 'GET /groups': 2, 'GET <unmatched>': 1 },
      total: 5,
    });
  });

  it('answers 503 to everything while down, counting it anyway', async () => {
    expect((await putFaults({ down: true })).status).toBe(204);
    iotaap.control.resetCounts();
    for (const [method, path] of [['GET', '/groups'], ['POST', '/auth/login']]) {
      const res = await iotaap.call(method, path, method === 'POST' ? IOTAAP_DEMO_CREDENTIALS : undefined);
      expect(res).toMatchObject({ status: 503, json: { message: 'Service Unavailable' } });
    }
    expect(iotaap.control.total()).toBe(2);
    expect((await fetch(`${iotaap.origin}/__sim/faults`, { method: 'DELETE' })).status).toBe(204);
    expect((await iotaap.call('GET', '/groups')).status).toBe(200);
  });

  it('fails only reads at error rate 1', async () => {
    await putFaults({ errorRate: 1 });
    expect((await iotaap.call('GET', '/groups')).status).toBe(503);
    expect((await iotaap.call('GET', '/users/current')).status).toBe(503);
    expect((await iotaap.call('PUT', '/users/current', { last_name: 'Writer' })).status).toBe(200);
  });

  it('delays answers by the latency fault', async () => {
    await putFaults({ latencyMs: 300 });
    const started = performance.now();
    expect((await iotaap.call('GET', '/groups')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('applies SIM_FAULTS given to startSimulators', async () => {
    const faulty = await startIotaap('*=latency:1,iotaap=down');
    const res = await fetch(`${faulty.url}/groups`);
    expect(res.status).toBe(503);
    faulty.control.clearFaults();
    expect((await fetch(`${faulty.url}/groups`)).status).toBe(401);
  });
});
