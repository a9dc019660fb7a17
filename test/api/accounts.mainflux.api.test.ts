import { MAINFLUX_DEMO_CREDENTIALS, MAINFLUX_TENANT_CREDENTIALS } from '../../src/simulators/mainflux/mainflux.seed';
import { LinkMainfluxAccountDocument, MainfluxThingNamesDocument, UnlinkVendorAccountDocument, VendorAccountsDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { accountsStack, dumpLinks, type AccountsBackend } from '../helpers/accounts-stack';
import type { Stack } from '../helpers/stack';

/**
 * A caller links its own Mainflux account through the graph and then reads with it without any
 * header: two callers linked to different simulator users see different things; the password
 * and the vendor key appear in no answer, log line or table; unlinking revokes the key; a key
 * the vendor refuses to renew turns the link to RELINK_REQUIRED. On PGlite and PostgreSQL.
 */
afterAll(disposeLeftovers);

const KEY_A = 'caller-a-api-key';
const KEY_B = 'caller-b-api-key';
const as = (key: string) => ({ 'x-api-key': key });

const stackOn = (backend: AccountsBackend, env: Record<string, string> = {}) => accountsStack(backend, 'mainflux', [KEY_A, KEY_B], { GATEWAY_ALLOW_ANONYMOUS: 'true', ...env });

const thingNames = async (stack: Stack, key: string) =>
  ((await gql(stack.url, MainfluxThingNamesDocument, {}, as(key))).data?.things.edges ?? []).map((edge) => edge.node.name).sort();

describe.each(['PGlite', 'PostgreSQL'] as const)('on %s', (backend) => {
  it('links two callers to different accounts, each sees its own things, and no secret leaks', async () => {
    const stack = await stackOn(backend);
    const gatewayView = await thingNames(stack, KEY_A);

    const linked = await gql(stack.url, LinkMainfluxAccountDocument, MAINFLUX_TENANT_CREDENTIALS, as(KEY_B));
    expect(linked.errors).toBeUndefined();
    expect(linked.data?.linkMainfluxAccount).toEqual({ vendor: 'MAINFLUX', label: MAINFLUX_TENANT_CREDENTIALS.email, state: 'LINKED' });
    await gql(stack.url, LinkMainfluxAccountDocument, MAINFLUX_DEMO_CREDENTIALS, as(KEY_A));

    const tenantView = await thingNames(stack, KEY_B);
    expect(tenantView).toEqual(['tenant-temp']);
    expect(await thingNames(stack, KEY_A)).toEqual(gatewayView);
    expect(gatewayView).not.toContain('tenant-temp');

    const listed = await gql(stack.url, VendorAccountsDocument, {}, as(KEY_B));
    expect(listed.data?.vendorAccounts).toEqual([
      { vendor: 'MAINFLUX', label: MAINFLUX_TENANT_CREDENTIALS.email, linkedAt: expect.any(String), lastRefreshedAt: expect.any(String), state: 'LINKED' },
    ]);

    // Every secret: both passwords and the API keys the vendor issued for the links.
    const store = await stack.server.services.accounts!.store();
    const rows = await store.db.selectFrom('vendor_links').select('caller_id').execute();
    const tokens = await Promise.all(rows.map(async (row) => (await store.get(row.caller_id, 'MAINFLUX'))!.credential.token));
    expect(tokens).toHaveLength(2);
    const secrets = [MAINFLUX_TENANT_CREDENTIALS.password, MAINFLUX_DEMO_CREDENTIALS.password, ...tokens];
    const dump = await dumpLinks(store.db);
    const logs = stack.logs.lines.join('\n');
    for (const secret of secrets) {
      for (const form of [secret, Buffer.from(secret).toString('base64')]) {
        expect(dump).not.toContain(form);
        expect(logs).not.toContain(form);
        expect(JSON.stringify(listed)).not.toContain(form);
      }
    }
  });

  it('unlinks (revoking the key at the vendor), after which the gateway credential serves again', async () => {
    const stack = await stackOn(backend);
    await gql(stack.url, LinkMainfluxAccountDocument, MAINFLUX_TENANT_CREDENTIALS, as(KEY_B));
    expect(await thingNames(stack, KEY_B)).toEqual(['tenant-temp']);
    stack.resetCounts();
    expect((await gql(stack.url, UnlinkVendorAccountDocument, { vendor: 'MAINFLUX' }, as(KEY_B))).data?.unlinkVendorAccount).toBe(true);
    expect(stack.simulators.controls.mainflux?.counts()['DELETE /keys/:id']).toBe(1);
    expect((await gql(stack.url, UnlinkVendorAccountDocument, { vendor: 'MAINFLUX' }, as(KEY_B))).data?.unlinkVendorAccount).toBe(false);
    expect((await gql(stack.url, VendorAccountsDocument, {}, as(KEY_B))).data?.vendorAccounts).toEqual([]);
    const gatewayView = await thingNames(stack, KEY_B);
    expect(gatewayView).not.toContain('tenant-temp');
    expect(gatewayView.length).toBeGreaterThan(1);
  });
});

it('refuses anonymous callers, a wrong password, and (when the operator says so) the gateway credential to callers without a link', async () => {
  const stack = await stackOn('PGlite', { ACCOUNTS_FALLBACK_TO_GATEWAY: 'false' });
  const anonymous = await gql(stack.url, LinkMainfluxAccountDocument, MAINFLUX_TENANT_CREDENTIALS);
  expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  const wrong = await gql(stack.url, LinkMainfluxAccountDocument, { ...MAINFLUX_TENANT_CREDENTIALS, password: 'not-the-password' }, as(KEY_A));
  expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', vendor: 'MAINFLUX' });
  const unlinked = await gql(stack.url, MainfluxThingNamesDocument, {}, as(KEY_A));
  expect(unlinked.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', vendor: 'MAINFLUX', reason: 'LINK_REQUIRED' });
  await gql(stack.url, LinkMainfluxAccountDocument, MAINFLUX_TENANT_CREDENTIALS, as(KEY_A));
  expect(await thingNames(stack, KEY_A)).toEqual(['tenant-temp']);
});

it('turns a link the vendor will not renew into RELINK_REQUIRED, and answers UNAUTHENTICATED with that reason', async () => {
  const stack = await stackOn('PGlite');
  await gql(stack.url, LinkMainfluxAccountDocument, MAINFLUX_TENANT_CREDENTIALS, as(KEY_B));
  const store = await stack.server.services.accounts!['stores'].open();
  const [row] = await store.db.selectFrom('vendor_links').select('caller_id').execute();
  const link = (await store.get(row!.caller_id, 'MAINFLUX'))!;
  // Due for renewal, with a key the vendor no longer knows: the renewal is refused for good.
  await store.save(row!.caller_id, 'MAINFLUX', { ...link.credential, token: 'revoked.key.value', expiresAt: Date.now() + 60_000 });
  stack.resetCounts();
  const answer = await gql(stack.url, MainfluxThingNamesDocument, {}, as(KEY_B));
  expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', vendor: 'MAINFLUX', reason: 'RELINK_REQUIRED' });
  expect(stack.simulators.controls.mainflux?.counts()['POST /keys']).toBe(1);
  expect((await gql(stack.url, VendorAccountsDocument, {}, as(KEY_B))).data?.vendorAccounts[0]?.state).toBe('RELINK_REQUIRED');
  // Linking again heals it.
  await gql(stack.url, LinkMainfluxAccountDocument, MAINFLUX_TENANT_CREDENTIALS, as(KEY_B));
  expect(await thingNames(stack, KEY_B)).toEqual(['tenant-temp']);
});
