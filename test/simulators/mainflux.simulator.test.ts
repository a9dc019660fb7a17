import { startSimulators, type RunningSimulators } from '../../src/simulators';
import { createMainfluxSeed, MAINFLUX_DEMO_CREDENTIALS, MAINFLUX_TENANT_CREDENTIALS } from '../../src/simulators/mainflux/mainflux.seed';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';

/** The Mainflux simulator against the doc: paths, status codes, bodies, auth and quirks. */
const seed = createMainfluxSeed();
let sims: RunningSimulators;
let url: string;
let token: string;

beforeAll(async () => {
  sims = await startSimulators({ vendors: ['mainflux'], live: false });
  leaveOver(() => sims.stop());
  url = sims.urls.mainflux!;
  token = (await call('POST', '/tokens', MAINFLUX_DEMO_CREDENTIALS, null)).json!.token as string;
});
afterAll(disposeLeftovers);

async function call(method: string, path: string, body?: unknown, auth: string | null = `Bearer ${token}`, contentType = 'application/json') {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(auth ? { authorization: auth } : {}), ...(body === undefined ? {} : { 'content-type': contentType }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? (JSON.parse(text) as Record<string, any>) : undefined };
}

describe('Mainflux simulator', () => {
  it('issues JWT tokens, refuses bad credentials and unauthenticated calls with { error }', async () => {
    expect(sims.credentials.mainflux).toEqual(MAINFLUX_DEMO_CREDENTIALS);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: MAINFLUX_DEMO_CREDENTIALS.email, issuer_id: seed.users[0]!.id, type: 0, iss: 'mainflux.auth' });
    expect((await call('POST', '/tokens', { ...MAINFLUX_DEMO_CREDENTIALS, password: 'wrong-password' }, null)).status).toBe(401);
    const anonymous = await call('GET', '/things', undefined, null);
    expect(anonymous).toMatchObject({ status: 401, json: { error: expect.any(String) } });
  });

  it('creates users with 201, a Location and an empty body; 409 on a taken e-mail', async () => {
    const created = await call('POST', '/users', { email: 'sim@tributary.local', password: '12345678' }, null);
    expect(created.status).toBe(201);
    expect(created.text).toBe('');
    expect(created.headers.get('location')).toMatch(/^\/users\/[0-9a-f-]{36}$/);
    expect((await call('POST', '/users', { email: 'sim@tributary.local', password: '12345678' }, null)).status).toBe(409);
  });

  it('pages with offset and limit (at most 100) in the documented envelope', async () => {
    const page = await call('GET', '/things?offset=2&limit=3');
    expect(page.json).toMatchObject({ total: 39, offset: 2, limit: 3, order: '', direction: '' });
    expect(page.json!.things).toHaveLength(3);
    expect(page.json!.things[0]).toEqual({ id: seed.things[2]!.id, name: seed.things[2]!.name, key: seed.things[2]!.key, metadata: seed.things[2]!.metadata });
    expect((await call('GET', '/things?limit=101')).status).toBe(400);
    // One user more than seeded: the previous test registered one.
    expect((await call('GET', '/users')).json).toMatchObject({ total: seed.users.length + 1, limit: 10, Users: expect.any(Array) });
  });

  it('creates things in bulk all or nothing, refusing non-UUIDv4 ids and taken ids', async () => {
    const before = (await call('GET', '/things?limit=1')).json!.total as number;
    expect((await call('POST', '/things', [{ name: 'a' }, { id: 'not-a-uuid', name: 'b' }])).status).toBe(400);
    expect((await call('POST', '/things', [{ id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', name: 'a' }, { id: seed.things[0]!.id, name: 'b' }])).status).toBe(409);
    expect((await call('GET', '/things?limit=1')).json!.total).toBe(before);
    const created = await call('POST', '/things', [{ id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', name: 'a' }, { name: 'b' }]);
    expect(created.status).toBe(201);
    expect(created.json!.things.map((t: { id: string; key: string }) => [t.id.length, t.key.length])).toEqual([[36, 36], [36, 36]]);
    expect((await call('POST', '/things', [{ name: 'x' }], `Bearer ${token}`, 'text/plain')).status).toBe(415);
  });

  it('answers a single channel create with Location only, several with their entities; deletes with 204', async () => {
    const one = await call('POST', '/channels', [{ name: 'solo' }]);
    expect(one).toMatchObject({ status: 201, text: '' });
    const id = one.headers.get('location')!.split('/').pop()!;
    expect((await call('GET', `/channels/${id}`)).json).toEqual({ id, name: 'solo' });
    const two = await call('POST', '/channels', [{ name: 'c1' }, { name: 'c2' }]);
    expect(two.json!.channels.map((c: { name: string }) => c.name)).toEqual(['c1', 'c2']);
    expect((await call('DELETE', `/channels/${id}`)).status).toBe(204);
    expect((await call('GET', `/channels/${id}`)).status).toBe(404);
  });

  it('sends SenML as a connected thing (202) and reads it back resolved, newest first', async () => {
    const thing = seed.things.find((t) => t.name === 'f4-meter-2')!;
    const energy = seed.channels.find((c) => c.name === 'building-energy')!;
    const floor1 = seed.channels.find((c) => c.name === 'floor-1')!;
    const pack = [{ bn: 'some-base-name:', bt: 1.276020076001e9, bu: 'A', bver: 5, n: 'voltage', u: 'V', v: 120.1 }, { n: 'current', t: -5, v: 1.2 }, { n: 'current', t: -4, v: 1.3 }];
    const auth = `Thing ${thing.key}`;
    expect((await call('POST', `/http/channels/${energy.id}/messages`, pack, auth, 'application/senml+json')).status).toBe(202);
    expect((await call('POST', `/http/channels/${floor1.id}/messages`, pack, auth, 'application/senml+json')).status).toBe(403);
    expect((await call('POST', `/http/channels/${energy.id}/messages`, [{ v: 1 }], auth, 'application/senml+json')).status).toBe(400);
    expect((await call('POST', `/http/channels/${energy.id}/messages`, pack, 'Thing nope', 'application/senml+json')).status).toBe(401);
    const read = await call('GET', `/channels/${energy.id}/messages?offset=0&limit=5&publisher=${thing.id}&from=1276020000&to=1276030000`, undefined, auth);
    expect(read.json).toEqual({
      offset: 0,
      limit: 5,
      format: 'messages',
      total: 3,
      messages: [
        { channel_name: energy.id, publisher: thing.id, protocol: 'http', name: 'some-base-name:voltage', unit: 'V', time: 1276020076.001, value: 120.1 },
        { channel_name: energy.id, publisher: thing.id, protocol: 'http', name: 'some-base-name:current', unit: 'A', time: 1276020072.001, value: 1.3 },
        { channel_name: energy.id, publisher: thing.id, protocol: 'http', name: 'some-base-name:current', unit: 'A', time: 1276020071.001, value: 1.2 },
      ],
    });
  });

  it('identifies keys and checks access by key and by id', async () => {
    const thing = seed.things.find((t) => t.name === 'f2-air')!;
    const alarms = seed.channels.find((c) => c.name === 'air-quality-alarms')!;
    const floor3 = seed.channels.find((c) => c.name === 'floor-3')!;
    expect((await call('POST', '/identify', { token: thing.key }, null)).json).toEqual({ id: thing.id });
    expect((await call('POST', '/identify', { token: 'unknown' }, null)).status).toBe(404);
    expect((await call('POST', `/identify/channels/${alarms.id}/access-by-key`, { token: thing.key }, null)).json).toEqual({ id: thing.id });
    expect((await call('POST', `/identify/channels/${floor3.id}/access-by-id`, { thing_id: thing.id }, null)).status).toBe(403);
    const deprecated = await call('PUT', `/channels/${floor3.id}/things/${thing.id}`);
    expect(deprecated.headers.get('warning-deprecated')).toContain('/connect');
    expect((await call('POST', `/identify/channels/${floor3.id}/access-by-id`, { thing_id: thing.id }, null)).status).toBe(200);
  });

  it('lets only admins change policies, and accepts API keys as bearer tokens until revoked', async () => {
    const tenant = (await call('POST', '/tokens', MAINFLUX_TENANT_CREDENTIALS, null)).json!.token as string;
    const policy = { subjects: [seed.users[1]!.id], object: seed.groups[0]!.id, policies: ['read'] };
    expect((await call('POST', '/policies', policy, `Bearer ${tenant}`)).status).toBe(403);
    expect(await call('POST', '/policies', policy)).toMatchObject({ status: 201, json: {} });
    expect((await call('POST', '/policies', { ...policy, policies: ['own'] })).status).toBe(400);
    expect((await call('POST', '/policies', { ...policy, object: 'not-an-entity' })).status).toBe(404);
    expect((await call('POST', '/policies', { ...policy, subjects: ['not-a-user'] })).status).toBe(404);
    expect((await call('PUT', '/policies', policy)).status).toBe(204);
    const key = (await call('POST', '/keys', { type: 2, duration: 10000 })).json!;
    expect((await call('GET', '/orgs', undefined, `Bearer ${key.value}`)).status).toBe(200);
    expect((await call('DELETE', `/keys/${key.id}`)).status).toBe(204);
    expect((await call('GET', '/orgs', undefined, `Bearer ${key.value}`)).status).toBe(401);
  });

  it("keeps webhooks to the thing's owner", async () => {
    const tenant = (await call('POST', '/tokens', MAINFLUX_TENANT_CREDENTIALS, null)).json!.token as string;
    const main = seed.things.find((t) => t.name === 'main-meter')!;
    expect((await call('GET', `/webhooks/${main.id}`)).json!.webhooks).toHaveLength(2);
    expect((await call('GET', `/webhooks/${main.id}`, undefined, `Bearer ${tenant}`)).status).toBe(403);
    expect((await call('POST', `/webhooks/${main.id}`, [{ name: 'x', format: 'xml', url: 'https://x' }])).status).toBe(400);
  });

  it('counts requests per documented route', () => {
    const counts = sims.controls.mainflux!.counts();
    expect(counts['POST /http/channels/:id/messages']).toBe(4);
    expect(counts['GET /channels/:id/messages']).toBe(1);
  });
});
