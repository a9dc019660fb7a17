import { IOTAAP_FREE_CREDENTIALS } from '../../src/simulators/iotaap/iotaap.seed';
import { IotaapDeviceNamesDocument, LinkIotaapAccountDocument, VendorAccountsDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { accountsStack, dumpLinks, type AccountsBackend } from '../helpers/accounts-stack';
import type { Stack } from '../helpers/stack';

/**
 * IoTaaP links: the login's 30-day token is used without headers, renewed by logging in again
 * a day before it runs out (the password kept sealed, never readable in the table), and a
 * refused renewal turns the link to RELINK_REQUIRED. On PGlite and PostgreSQL.
 */
afterAll(disposeLeftovers);

const KEY_A = 'iotaap-caller-a';
const KEY_B = 'iotaap-caller-b';
const as = (key: string) => ({ 'x-api-key': key });

const stackOn = (backend: AccountsBackend) => accountsStack(backend, 'iotaap', [KEY_A, KEY_B]);

const deviceCount = async (stack: Stack, key: string) => (await gql(stack.url, IotaapDeviceNamesDocument, {}, as(key))).data?.devices.totalCount;

async function dueLink(stack: Stack, change: (material: Record<string, string>) => Record<string, string> = (m) => m) {
  const store = await stack.server.services.accounts!.store();
  const [row] = await store.db.selectFrom('vendor_links').select('caller_id').execute();
  const link = (await store.get(row!.caller_id, 'IOTAAP'))!;
  await store.save(row!.caller_id, 'IOTAAP', { ...link.credential, material: change({ ...link.credential.material }), expiresAt: Date.now() + 3600_000 });
  return store;
}

describe.each(['PGlite', 'PostgreSQL'] as const)('on %s', (backend) => {
  it('links, reads with the linked token, renews by logging in again, and keeps the password sealed', async () => {
    const stack = await stackOn(backend);
    const gatewayCount = await deviceCount(stack, KEY_A);
    const linked = await gql(stack.url, LinkIotaapAccountDocument, IOTAAP_FREE_CREDENTIALS, as(KEY_B));
    expect(linked.data?.linkIotaapAccount).toEqual({ vendor: 'IOTAAP', label: IOTAAP_FREE_CREDENTIALS.email, state: 'LINKED' });
    const linkedCount = await deviceCount(stack, KEY_B);
    expect(linkedCount).toBeLessThan(gatewayCount!);
    expect(await deviceCount(stack, KEY_A)).toBe(gatewayCount);

    const store = await dueLink(stack);
    stack.resetCounts();
    expect(await deviceCount(stack, KEY_B)).toBe(linkedCount);
    expect(await deviceCount(stack, KEY_B)).toBe(linkedCount);
    expect(stack.simulators.controls.iotaap?.counts()['POST /auth/login']).toBe(1);
    const [account] = (await gql(stack.url, VendorAccountsDocument, {}, as(KEY_B))).data!.vendorAccounts;
    expect(Date.parse(account!.lastRefreshedAt!)).toBeGreaterThan(Date.parse(account!.linkedAt));

    const dump = await dumpLinks(store.db);
    const logs = stack.logs.lines.join('\n');
    for (const form of [IOTAAP_FREE_CREDENTIALS.password, Buffer.from(IOTAAP_FREE_CREDENTIALS.password).toString('base64')]) {
      expect(dump).not.toContain(form);
      expect(logs).not.toContain(form);
    }
  });
});

it('turns a link whose renewal login is refused into RELINK_REQUIRED', async () => {
  const stack = await stackOn('PostgreSQL');
  await gql(stack.url, LinkIotaapAccountDocument, IOTAAP_FREE_CREDENTIALS, as(KEY_B));
  // As if the user changed the password at IoTaaP since linking.
  await dueLink(stack, (material) => ({ ...material, password: 'changed-since' }));
  const answer = await gql(stack.url, IotaapDeviceNamesDocument, {}, as(KEY_B));
  expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', vendor: 'IOTAAP', reason: 'RELINK_REQUIRED' });
  expect((await gql(stack.url, VendorAccountsDocument, {}, as(KEY_B))).data?.vendorAccounts[0]?.state).toBe('RELINK_REQUIRED');
});
