import { createThingseeSeed, createThingseeWarehouseSeed, THINGSEE_READONLY_CREDENTIALS, THINGSEE_WAREHOUSE_CREDENTIALS } from '../../src/simulators/thingsee/thingsee.seed';
import {
  LinkThingseeAccountDocument,
  ThingseeOrganisationViewDocument,
  ThingseeSetInstallationStatusDocument,
  ThingseeThingMessagesDocument,
  ThingseeThingsDocument,
  VendorAccountsDocument,
} from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { accountsStack, dumpLinks, type AccountsBackend } from '../helpers/accounts-stack';
import type { Stack } from '../helpers/stack';

/**
 * Thingsee links: the caller's API client is what the caller's requests run as — a client of
 * the simulator's second organisation (the harbour warehouse) sees that organisation's things,
 * groups and messages only, while a caller on the gateway's client sees only the office; the
 * read-only client's writes answer FORBIDDEN where the gateway's own client may write; the
 * 15-minute tokens are renewed with the sealed secret. On PGlite and PostgreSQL.
 */
afterAll(disposeLeftovers);

const KEY_A = 'thingsee-caller-a';
const KEY_B = 'thingsee-caller-b';
const as = (key: string) => ({ 'x-api-key': key });

const stackOn = (backend: AccountsBackend) => accountsStack(backend, 'thingsee', [KEY_A, KEY_B]);

const organisationView = async (stack: Stack, key: string) => {
  const answer = await gql(stack.url, ThingseeOrganisationViewDocument, {}, as(key));
  expect(answer.errors).toBeUndefined();
  return {
    things: answer.data!.things.edges.map((edge) => edge.node.nativeId).sort(),
    groups: answer.data!.groups.edges.map((edge) => edge.node.name).sort(),
    ids: new Map(answer.data!.things.edges.map((edge) => [edge.node.nativeId, edge.node.id])),
  };
};

describe.each(['PGlite', 'PostgreSQL'] as const)('on %s', (backend) => {
  it("shows a caller linked to the second organisation that organisation's data only, and the other caller only the first's", async () => {
    const office = createThingseeSeed();
    const warehouse = createThingseeWarehouseSeed();
    const stack = await stackOn(backend);
    const linked = await gql(stack.url, LinkThingseeAccountDocument, { clientId: THINGSEE_WAREHOUSE_CREDENTIALS.client_id, clientSecret: THINGSEE_WAREHOUSE_CREDENTIALS.client_secret }, as(KEY_A));
    expect(linked.data?.linkThingseeAccount).toEqual({ vendor: 'THINGSEE', label: THINGSEE_WAREHOUSE_CREDENTIALS.client_id, state: 'LINKED' });

    const viewA = await organisationView(stack, KEY_A);
    const viewB = await organisationView(stack, KEY_B);
    expect(viewA.things).toEqual(warehouse.things.map((t) => t.tuid).sort());
    expect(viewA.groups).toEqual(['cold-store', 'loading-dock']);
    expect(viewB.things).toEqual(office.things.map((t) => t.tuid).sort());
    expect(viewB.groups).toEqual(office.groups.map((g) => g.group_id).sort());
    expect(viewA.things.filter((tuid) => viewB.things.includes(tuid))).toEqual([]);

    // Messages: A reads its sensor's history; the same thing is unknown to B's organisation.
    const sensor = warehouse.things.find((t) => t.kind === 'environment')!.tuid;
    const id = viewA.ids.get(sensor)!;
    const ownMessages = await gql(stack.url, ThingseeThingMessagesDocument, { id, first: 5 }, as(KEY_A));
    expect(ownMessages.errors).toBeUndefined();
    expect(ownMessages.data?.thing && 'messages' in ownMessages.data.thing ? (ownMessages.data.thing.messages?.length ?? 0) : 0).toBeGreaterThan(0);
    const foreign = await gql(stack.url, ThingseeThingMessagesDocument, { id, first: 5 }, as(KEY_B));
    expect(foreign.data?.thing ?? null).toBeNull();
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it("runs the caller's requests as its own API client and renews its tokens with the sealed secret", async () => {
    const stack = await stackOn(backend);
    const linked = await gql(stack.url, LinkThingseeAccountDocument, { clientId: THINGSEE_READONLY_CREDENTIALS.client_id, clientSecret: THINGSEE_READONLY_CREDENTIALS.client_secret }, as(KEY_B));
    expect(linked.data?.linkThingseeAccount).toEqual({ vendor: 'THINGSEE', label: THINGSEE_READONLY_CREDENTIALS.client_id, state: 'LINKED' });

    const things = await gql(stack.url, ThingseeThingsDocument, { first: 1 }, as(KEY_B));
    const thingId = things.data!.things.edges[0]!.node.id;
    const refused = await gql(stack.url, ThingseeSetInstallationStatusDocument, { thingId, status: 'INSTALLED' }, as(KEY_B));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', vendor: 'THINGSEE' });
    const allowed = await gql(stack.url, ThingseeSetInstallationStatusDocument, { thingId, status: 'INSTALLED' }, as(KEY_A));
    expect(allowed.errors).toBeUndefined();

    // Due: the next request renews once, with the secret kept sealed beside the token.
    const store = await stack.server.services.accounts!.store();
    const [row] = await store.db.selectFrom('vendor_links').select('caller_id').execute();
    const link = (await store.get(row!.caller_id, 'THINGSEE'))!;
    await store.save(row!.caller_id, 'THINGSEE', { ...link.credential, expiresAt: Date.now() - 1 });
    stack.resetCounts();
    await gql(stack.url, ThingseeThingsDocument, { first: 1 }, as(KEY_B));
    await gql(stack.url, ThingseeThingsDocument, { first: 1 }, as(KEY_B));
    expect(stack.simulators.controls.thingsee?.counts()['POST /auth/client-token']).toBe(1);
    expect((await gql(stack.url, VendorAccountsDocument, {}, as(KEY_B))).data?.vendorAccounts[0]?.state).toBe('LINKED');

    const dump = await dumpLinks(store.db);
    const logs = stack.logs.lines.join('\n');
    for (const form of [THINGSEE_READONLY_CREDENTIALS.client_secret, Buffer.from(THINGSEE_READONLY_CREDENTIALS.client_secret).toString('base64')]) {
      expect(dump).not.toContain(form);
      expect(logs).not.toContain(form);
    }
  });
});

describe.each(['PGlite', 'PostgreSQL'] as const)('a linked token refused mid-request, on %s', (backend) => {
  it('renews the link once and retries; a renewal the vendor refuses turns the link to RELINK_REQUIRED', async () => {
    const stack = await stackOn(backend);
    await gql(stack.url, LinkThingseeAccountDocument, { clientId: THINGSEE_WAREHOUSE_CREDENTIALS.client_id, clientSecret: THINGSEE_WAREHOUSE_CREDENTIALS.client_secret }, as(KEY_A));
    const warehouseView = await organisationView(stack, KEY_A);
    const store = await stack.server.services.accounts!.store();
    const [row] = await store.db.selectFrom('vendor_links').select('caller_id').execute();
    const link = (await store.get(row!.caller_id, 'THINGSEE'))!;
    // Not due for renewal, but the vendor no longer accepts the token (a well-formed one it never issued).
    const refused = `${link.credential.token.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`;
    await store.save(row!.caller_id, 'THINGSEE', { ...link.credential, token: refused, expiresAt: Date.now() + 10 * 60_000 });

    // Two requests at once, both refused: one renewal (the second finds the new token under the row lock).
    stack.resetCounts();
    expect(await Promise.all([organisationView(stack, KEY_A), organisationView(stack, KEY_A)])).toEqual([warehouseView, warehouseView]);
    expect(stack.simulators.controls.thingsee?.counts()['POST /auth/client-token']).toBe(1);
    const renewed = (await store.get(row!.caller_id, 'THINGSEE'))!.credential;
    expect(renewed.token).not.toBe(refused);
    expect((await gql(stack.url, VendorAccountsDocument, {}, as(KEY_A))).data?.vendorAccounts[0]?.state).toBe('LINKED');

    // Refused again, and the organisation has since replaced its client secret: the renewal fails for good.
    await store.save(row!.caller_id, 'THINGSEE', { ...renewed, token: refused, material: { clientSecret: 'replaced-since' } });
    stack.resetCounts();
    const answer = await gql(stack.url, ThingseeOrganisationViewDocument, {}, as(KEY_A));
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', vendor: 'THINGSEE', reason: 'RELINK_REQUIRED' });
    expect(stack.simulators.controls.thingsee?.counts()['POST /auth/client-token']).toBe(1);
    expect((await gql(stack.url, VendorAccountsDocument, {}, as(KEY_A))).data?.vendorAccounts[0]?.state).toBe('RELINK_REQUIRED');
    // The other caller (the gateway's own client) is untouched.
    expect((await organisationView(stack, KEY_B)).things).toHaveLength(createThingseeSeed().things.length);
  });
});
