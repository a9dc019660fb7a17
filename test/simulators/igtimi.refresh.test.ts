import { startSimulatorServer } from '../../src/simulators/simulator-server';
import { IGTIMI_DEMO_CLIENT } from '../../src/simulators/igtimi/igtimi.seed';
import { createIgtimiSimulator } from '../../src/simulators/igtimi/igtimi.simulator';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';

/**
 * The Igtimi simulator's user tokens (authorization-code grant) over HTTP, on an injected clock:
 * they run out after their life, come with a refresh token that renews them once (the old pair
 * is revoked), needs the client's secret, and dies with the token when the user revokes it.
 */
afterAll(disposeLeftovers);

const CLIENT = `client_id=${IGTIMI_DEMO_CLIENT.client_id}&client_secret=${IGTIMI_DEMO_CLIENT.client_secret}`;

async function startIgtimi(now: () => number) {
  const simulator = createIgtimiSimulator({ now, userTokenTtlSeconds: 600 });
  const server = await startSimulatorServer({ name: 'igtimi', basePath: '', router: simulator.router });
  leaveOver(() => server.stop());
  const post = async (path: string, form: string) => {
    const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };
  const account = async (token: string) => (await fetch(`${server.url}/api/v1/account`, { headers: { authorization: `Bearer ${token}` } })).status;
  /** Signs user 6 in through the authorize redirect and exchanges the code. */
  const signIn = async () => {
    const redirect = 'http://127.0.0.1:9/cb';
    const authorize = await fetch(`${server.url}/oauth/authorize?response_type=code&client_id=${IGTIMI_DEMO_CLIENT.client_id}&redirect_uri=${encodeURIComponent(redirect)}&login_hint=6`, { redirect: 'manual' });
    const code = new URL(authorize.headers.get('location')!).searchParams.get('code')!;
    return post('/oauth/token', `grant_type=authorization_code&code=${code}&redirect_uri=${encodeURIComponent(redirect)}`);
  };
  return { post, account, signIn };
}

it('issues expiring user tokens with a refresh token that renews them once', async () => {
  let now = Date.UTC(2025, 0, 1);
  const igtimi = await startIgtimi(() => now);
  const first = await igtimi.signIn();
  expect(first.status).toBe(200);
  expect(first.json).toMatchObject({ token_type: 'bearer', expires_in: 600, access_token: expect.any(String), refresh_token: expect.any(String) });
  expect(await igtimi.account(first.json.access_token)).toBe(200);
  now += 601_000;
  expect(await igtimi.account(first.json.access_token)).toBe(401);

  // The refresh grant needs the client's secret.
  const anonymous = await igtimi.post('/oauth/token', `grant_type=refresh_token&refresh_token=${first.json.refresh_token}`);
  expect(anonymous.status).toBe(401);
  const renewed = await igtimi.post('/oauth/token', `grant_type=refresh_token&refresh_token=${first.json.refresh_token}&${CLIENT}`);
  expect(renewed.status).toBe(200);
  expect(renewed.json.refresh_token).not.toBe(first.json.refresh_token);
  expect(await igtimi.account(renewed.json.access_token)).toBe(200);
  // Used once: the old refresh token is refused from now on.
  const replayed = await igtimi.post('/oauth/token', `grant_type=refresh_token&refresh_token=${first.json.refresh_token}&${CLIENT}`);
  expect(replayed).toEqual({ status: 400, json: expect.objectContaining({ error: 'invalid_grant' }) });
});

it('revokes the refresh token with its access token (the user withdrew the app)', async () => {
  const igtimi = await startIgtimi(Date.now);
  const { json } = await igtimi.signIn();
  expect((await igtimi.post('/oauth/revoke', `token=${json.access_token}`)).status).toBe(200);
  expect(await igtimi.account(json.access_token)).toBe(401);
  expect((await igtimi.post('/oauth/token', `grant_type=refresh_token&refresh_token=${json.refresh_token}&${CLIENT}`)).status).toBe(400);
});
