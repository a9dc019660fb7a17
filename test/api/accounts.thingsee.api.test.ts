import { THINGSEE_READONLY_CREDENTIALS } from '../../src/simulators/thingsee/thingsee.seed';
import { LinkThingseeAccountDocument, ThingseeSetInstallationStatusDocument, ThingseeThingsDocument, VendorAccountsDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { accountsStack, dumpLinks, type AccountsBackend } from '../helpers/accounts-stack';

/**
 * Thingsee links: the caller's API client (here the simulator's read-only one) is what the
 * caller's requests run as — its writes answer FORBIDDEN where the gateway's own client may
 * write; its 15-minute tokens are renewed with the sealed secret. On PGlite and PostgreSQL.
 */
afterAll(disposeLeftovers);

const KEY_A = 'thingsee-caller-a';
const KEY_B = 'thingsee-caller-b';
const as = (key: string) => ({ 'x-api-key': key });

const stackOn = (backend: AccountsBackend) => accountsStack(backend, 'thingsee', [KEY_A, KEY_B]);

describe.each(['PGlite', 'PostgreSQL'] as const)('on %s', (backend) => {
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
