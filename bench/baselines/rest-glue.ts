import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import type { SimulatorWiring } from '../../src/config';

/** The time at least one of two calls started together was in flight (their union, as Tributary reports it). */
function upstreamMs(...calls: Array<{ started: number; ended: number }>): number {
  return Math.max(...calls.map((c) => c.ended)) - Math.min(...calls.map((c) => c.started));
}

/** The one suite screen the glue answers. */
export const REST_GLUE_SCREEN = 'iotaap-devices-with-groups';

interface WireDevice {
  _id: string;
  name: string;
  group?: string;
}

/**
 * Hand-written REST glue for one screen, `iotaap-devices-with-groups`: the least any Node
 * service can do to answer it, and so the floor a gateway's overhead is compared with on this
 * machine. Per request it reads the posted body, makes the same two IoTaaP calls Tributary
 * makes (`GET /devices?offset=0&limit=40` and `GET /groups?offset=0&limit=100`, side by side) on an undici
 * pool, `JSON.parse`s each answer, joins them and answers the same `data` as Tributary (same
 * ids, same order), with `extensions.timing.upstreamMs` measured the way Tributary measures it
 * (send to parsed body, per call). No GraphQL, no validation of the vendor's answers, no
 * metrics, no logs, no limits: a baseline, not a way to build a service.
 */
export async function startRestGlue(simulators: SimulatorWiring): Promise<{ url: string; stop: () => Promise<void> }> {
  const { email, password } = simulators.credentials.iotaap ?? {};
  if (!simulators.urls.iotaap || !email || !password) throw new Error('the REST glue needs the IoTaaP simulator and its demo credentials');
  const base = new URL(simulators.urls.iotaap);
  const pool = new Pool(base.origin, { connections: 64 });
  const login = await pool.request({
    path: `${base.pathname}/auth/login`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, rememberMe: true }),
  });
  if (login.statusCode !== 200) throw new Error(`the REST glue could not log in to IoTaaP: HTTP ${login.statusCode}`);
  const { token } = (await login.body.json()) as { token: string };
  const headers = { accept: 'application/json', authorization: `Bearer ${token}` };
  const get = async <T>(path: string): Promise<{ json: T; started: number; ended: number }> => {
    const started = performance.now();
    const answer = await pool.request({ path: `${base.pathname}${path}`, method: 'GET', headers });
    if (answer.statusCode !== 200) throw new Error(`IoTaaP answered ${path} with HTTP ${answer.statusCode}`);
    const json = JSON.parse(await answer.body.text()) as T;
    return { json, started, ended: performance.now() };
  };
  const answerScreen = async (withTiming: boolean): Promise<string> => {
    // Side by side: the group list does not depend on the devices (Tributary reads it ahead too).
    const [devices, groups] = await Promise.all([
      get<{ devices: WireDevice[]; recordsFiltered: number }>('/devices?offset=0&limit=40'),
      get<{ groups: Array<{ _id: string; name: string }> }>('/groups?offset=0&limit=100'),
    ]);
    const groupNames = new Map(groups.json.groups.map((g) => [g._id, g.name]));
    const edges = devices.json.devices.map((d) => {
      const name = d.group === undefined ? undefined : groupNames.get(d.group);
      return { node: { id: Buffer.from(`IOTAAP:IotaapDevice:${d._id}`).toString('base64url'), name: d.name, group: name === undefined ? null : { name } } };
    });
    const data = { devices: { totalCount: devices.json.recordsFiltered, edges } };
    return JSON.stringify(withTiming ? { data, extensions: { timing: { upstreamMs: upstreamMs(devices, groups) } } } : { data });
  };
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      void Promise.resolve()
        .then(() => {
          JSON.parse(body); // the work any service does with the request it got
          return answerScreen(req.headers['x-tributary-timing'] !== undefined);
        })
        .then(
          (text) => {
            res.setHeader('content-type', 'application/json');
            res.end(text);
          },
          (error: unknown) => {
            res.statusCode = 502;
            res.setHeader('content-type', 'application/json');
            res.end(JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] }));
          },
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.close();
    },
  };
}
