import { sql } from 'kysely';
import { OAuthStateStore } from '../../src/accounts/oauth-state.store';
import { IGTIMI_DEMO_CLIENT } from '../../src/simulators/igtimi/igtimi.seed';
import { IgtimiDeviceNamesDocument, LinkIgtimiAccountDocument, UnlinkVendorAccountDocument, VendorAccountsDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { accountsStack, dumpLinks } from '../helpers/accounts-stack';
import type { Stack } from '../helpers/stack';

/**
 * Igtimi links by OAuth2 authorization code, over real HTTP on loopback: the caller asks the
 * graph for the sign-in URL, the "browser" (fetch, redirects by hand) follows the simulator's
 * authorize redirect to the gateway's callback, and the link is the signed-in user's, for that
 * caller only. A replayed, unknown or expired state stores nothing. On PGlite and PostgreSQL.
 */
afterAll(disposeLeftovers);

const KEY_A = 'igtimi-caller-a';
const KEY_B = 'igtimi-caller-b';
const as = (key: string) => ({ 'x-api-key': key });
/** The simulator's user 6 (the media boat) owns only the Coach RIB; the demo user owns the fleet. */
const MEDIA_BOAT = { id: '6', email: 'media.boat@regatta.example' };

const deviceNames = async (stack: Stack, key: string) =>
  ((await gql(stack.url, IgtimiDeviceNamesDocument, {}, as(key))).data?.devices.edges ?? []).map((edge) => edge.node.name).sort();

/** Asks for the sign-in URL as `key` and signs in at the simulator as `loginHint`: the callback URL the browser is sent to. */
async function signIn(stack: Stack, key: string, loginHint?: string): Promise<URL> {
  const started = await gql(stack.url, LinkIgtimiAccountDocument, {}, as(key));
  expect(started.errors).toBeUndefined();
  const authorize = new URL(started.data!.linkIgtimiAccount);
  if (loginHint) authorize.searchParams.set('login_hint', loginHint);
  const answer = await fetch(authorize, { redirect: 'manual' });
  expect(answer.status).toBe(302);
  const callback = new URL(answer.headers.get('location')!);
  expect(callback.origin + callback.pathname).toBe(`${new URL(stack.url).origin}/oauth/igtimi/callback`);
  expect(callback.searchParams.get('state')).toBe(authorize.searchParams.get('state'));
  return callback;
}

describe.each(['PGlite', 'PostgreSQL'] as const)('on %s', (backend) => {
  it('links each caller to the user who signed in, refuses replayed, unknown and expired states, and leaks no secret', async () => {
    const stack = await accountsStack(backend, 'igtimi', [KEY_A, KEY_B]);
    const gatewayView = await deviceNames(stack, KEY_B);
    expect(gatewayView).not.toContain('Coach RIB');

    const callbackA = await signIn(stack, KEY_A, MEDIA_BOAT.id);
    const landed = await fetch(callbackA);
    expect(landed.status).toBe(200);
    expect(await landed.text()).toContain(`${MEDIA_BOAT.email} is linked`);
    const listed = await gql(stack.url, VendorAccountsDocument, {}, as(KEY_A));
    expect(listed.data?.vendorAccounts).toEqual([{ vendor: 'IGTIMI', label: MEDIA_BOAT.email, linkedAt: expect.any(String), lastRefreshedAt: expect.any(String), state: 'LINKED' }]);
    expect(await deviceNames(stack, KEY_A)).toEqual(['Coach RIB']);
    // B has no link: the gateway's own application (the demo user's fleet).
    expect(await deviceNames(stack, KEY_B)).toEqual(gatewayView);
    expect((await gql(stack.url, VendorAccountsDocument, {}, as(KEY_B))).data?.vendorAccounts).toEqual([]);

    // The same callback again (a replay, or a reload): refused, nothing stored or changed.
    const replayed = await fetch(callbackA);
    expect(replayed.status).toBe(400);
    expect(await replayed.text()).toContain('unknown, expired or already used');

    // B signs in as the demo user: the state it got is B's, so the link is B's; A's stays.
    const landedB = await fetch(await signIn(stack, KEY_B));
    expect(landedB.status).toBe(200);
    expect(await deviceNames(stack, KEY_B)).toEqual(gatewayView);
    expect(await deviceNames(stack, KEY_A)).toEqual(['Coach RIB']);
    expect((await gql(stack.url, VendorAccountsDocument, {}, as(KEY_B))).data?.vendorAccounts.map((a) => a.label)).toEqual(['office@regatta.example']);

    const store = await stack.server.services.accounts!.store();
    const rows = await store.db.selectFrom('vendor_links').select(['caller_id', 'label']).orderBy('label').execute();
    expect(rows.map((r) => r.label)).toEqual([MEDIA_BOAT.email, 'office@regatta.example']);

    // An unknown state, and a state that ran out (issued 11 minutes ago for caller A).
    const callerA = rows[0]!.caller_id;
    const expired = await new OAuthStateStore(store.db, () => Date.now() - 11 * 60_000).issue(callerA, 'IGTIMI');
    for (const state of ['not-a-state-we-issued', expired]) {
      const refused = await fetch(`${callbackA.origin}${callbackA.pathname}?code=whatever&state=${state}`);
      expect(refused.status).toBe(400);
    }
    const missing = await fetch(`${callbackA.origin}${callbackA.pathname}?code=whatever`);
    expect(missing.status).toBe(400);
    expect(await store.db.selectFrom('vendor_links').select('label').orderBy('label').execute()).toEqual(rows.map(({ label }) => ({ label })));

    // No secret in the tables, the answers or the logs: the user and refresh tokens, the codes, the states, the client secret.
    const credentials = await Promise.all(rows.map(async (row) => (await store.get(row.caller_id, 'IGTIMI'))!.credential));
    const tokens = credentials.flatMap((credential) => [credential.token, credential.material.refreshToken!]);
    const states = (await sql<{ state_hash: string }>`select * from oauth_states`.execute(store.db)).rows;
    const secrets = [...tokens, callbackA.searchParams.get('code')!, callbackA.searchParams.get('state')!, IGTIMI_DEMO_CLIENT.client_secret];
    const dump = (await dumpLinks(store.db)) + JSON.stringify(states);
    const logs = stack.logs.lines.join('\n');
    for (const secret of secrets) {
      for (const form of [secret, Buffer.from(secret).toString('base64')]) {
        expect(dump).not.toContain(form);
        expect(logs).not.toContain(form);
        expect(JSON.stringify(listed)).not.toContain(form);
      }
    }
  });

  it('sends the browser to ACCOUNTS_RETURN_URL, turns an expired token without refresh token to RELINK_REQUIRED, and revokes on unlink', async () => {
    const stack = await accountsStack(backend, 'igtimi', [KEY_A], { ACCOUNTS_RETURN_URL: 'http://127.0.0.1:9/settings?tab=accounts' });
    // A code Igtimi refuses: the browser is told it failed, nothing is stored, and the state is used up.
    const forged = await signIn(stack, KEY_A, MEDIA_BOAT.id);
    forged.searchParams.set('code', 'not-a-code-igtimi-issued');
    const failed = await fetch(forged, { redirect: 'manual' });
    expect(failed.headers.get('location')).toBe('http://127.0.0.1:9/settings?tab=accounts&vendor=IGTIMI&linked=false');
    expect((await gql(stack.url, VendorAccountsDocument, {}, as(KEY_A))).data?.vendorAccounts).toEqual([]);
    expect((await fetch(forged, { redirect: 'manual' })).status).toBe(400);

    const landed = await fetch(await signIn(stack, KEY_A, MEDIA_BOAT.id), { redirect: 'manual' });
    expect(landed.status).toBe(303);
    expect(landed.headers.get('location')).toBe('http://127.0.0.1:9/settings?tab=accounts&vendor=IGTIMI&linked=true');
    expect(await deviceNames(stack, KEY_A)).toEqual(['Coach RIB']);

    // A token that runs out without a refresh token (Igtimi issued none) needs the user again.
    const store = await stack.server.services.accounts!.store();
    const [row] = await store.db.selectFrom('vendor_links').select('caller_id').execute();
    const link = (await store.get(row!.caller_id, 'IGTIMI'))!;
    await store.save(row!.caller_id, 'IGTIMI', { ...link.credential, material: {}, expiresAt: Date.now() - 1 });
    const refused = await gql(stack.url, IgtimiDeviceNamesDocument, {}, as(KEY_A));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', vendor: 'IGTIMI', reason: 'RELINK_REQUIRED' });
    expect((await gql(stack.url, VendorAccountsDocument, {}, as(KEY_A))).data?.vendorAccounts[0]?.state).toBe('RELINK_REQUIRED');

    // Signing in again relinks; unlinking revokes the user token at Igtimi.
    expect((await fetch(await signIn(stack, KEY_A, MEDIA_BOAT.id), { redirect: 'manual' })).status).toBe(303);
    expect((await gql(stack.url, VendorAccountsDocument, {}, as(KEY_A))).data?.vendorAccounts[0]?.state).toBe('LINKED');
    stack.resetCounts();
    expect((await gql(stack.url, UnlinkVendorAccountDocument, { vendor: 'IGTIMI' }, as(KEY_A))).data?.unlinkVendorAccount).toBe(true);
    expect(stack.simulators.controls.igtimi?.counts()['POST /oauth/revoke']).toBe(1);
  });

  it('renews a token about to run out with its refresh token, and asks for the user again when Igtimi refuses the refresh', async () => {
    const stack = await accountsStack(backend, 'igtimi', [KEY_A]);
    expect((await fetch(await signIn(stack, KEY_A, MEDIA_BOAT.id))).status).toBe(200);
    const { store, callerId, credential } = await linkOf(stack);
    expect(credential.expiresAt).toBeGreaterThan(Date.now() + 3600_000);
    expect(credential.material.refreshToken).toEqual(expect.any(String));

    // Inside the minute before it runs out: the next requests renew it once.
    await store.save(callerId, 'IGTIMI', { ...credential, expiresAt: Date.now() + 30_000 });
    stack.resetCounts();
    expect(await deviceNames(stack, KEY_A)).toEqual(['Coach RIB']);
    expect(await deviceNames(stack, KEY_A)).toEqual(['Coach RIB']);
    expect(stack.simulators.controls.igtimi?.counts()['POST /oauth/token']).toBe(1);
    const renewed = (await store.get(callerId, 'IGTIMI'))!.credential;
    expect(renewed.token).not.toBe(credential.token);
    expect(renewed.material.refreshToken).not.toBe(credential.material.refreshToken);
    expect(renewed.expiresAt).toBeGreaterThan(Date.now() + 3600_000);
    // The refresh revoked the old token at Igtimi.
    expect(await accountStatus(stack, credential.token)).toBe(401);
    expect(await accountStatus(stack, renewed.token)).toBe(200);

    // Due again, but with the refresh token already used: Igtimi answers invalid_grant, for good.
    await store.save(callerId, 'IGTIMI', { ...renewed, material: credential.material, expiresAt: Date.now() + 30_000 });
    const refused = await gql(stack.url, IgtimiDeviceNamesDocument, {}, as(KEY_A));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', vendor: 'IGTIMI', reason: 'RELINK_REQUIRED' });
    expect((await gql(stack.url, VendorAccountsDocument, {}, as(KEY_A))).data?.vendorAccounts[0]?.state).toBe('RELINK_REQUIRED');
  });

  it('renews a token Igtimi refuses mid-request and retries; once the user revoked the app, RELINK_REQUIRED', async () => {
    const stack = await accountsStack(backend, 'igtimi', [KEY_A]);
    expect((await fetch(await signIn(stack, KEY_A, MEDIA_BOAT.id))).status).toBe(200);
    const { store, callerId, credential } = await linkOf(stack);
    // Not due, but refused (a token Igtimi never issued, as after a server-side reset).
    await store.save(callerId, 'IGTIMI', { ...credential, token: 'x'.repeat(40) });
    stack.resetCounts();
    expect(await deviceNames(stack, KEY_A)).toEqual(['Coach RIB']);
    expect(stack.simulators.controls.igtimi?.counts()['POST /oauth/token']).toBe(1);
    const renewed = (await store.get(callerId, 'IGTIMI'))!.credential;
    expect(await accountStatus(stack, renewed.token)).toBe(200);

    // The user withdraws the app at Igtimi: the token and its refresh token are revoked.
    const revoked = await fetch(`${stack.simulators.urls.igtimi}/oauth/revoke`, { method: 'POST', body: new URLSearchParams({ token: renewed.token }) });
    expect(revoked.status).toBe(200);
    stack.resetCounts();
    const answer = await gql(stack.url, IgtimiDeviceNamesDocument, {}, as(KEY_A));
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', vendor: 'IGTIMI', reason: 'RELINK_REQUIRED' });
    expect(stack.simulators.controls.igtimi?.counts()['POST /oauth/token']).toBe(1);
    expect((await gql(stack.url, VendorAccountsDocument, {}, as(KEY_A))).data?.vendorAccounts[0]?.state).toBe('RELINK_REQUIRED');
  });
});

/** The only link in the store, opened. */
async function linkOf(stack: Stack) {
  const store = await stack.server.services.accounts!.store();
  const [row] = await store.db.selectFrom('vendor_links').select('caller_id').execute();
  return { store, callerId: row!.caller_id, credential: (await store.get(row!.caller_id, 'IGTIMI'))!.credential };
}

/** How the simulator answers `GET /api/v1/account` with `token`. */
async function accountStatus(stack: Stack, token: string): Promise<number> {
  return (await fetch(`${stack.simulators.urls.igtimi}/api/v1/account`, { headers: { authorization: `Bearer ${token}` } })).status;
}
