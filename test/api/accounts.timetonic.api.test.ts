import { LinkTimetonicAccountDocument, TimetonicBooksDocument, VendorAccountsDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { accountsStack, dumpLinks, type AccountsBackend } from '../helpers/accounts-stack';
import type { Stack } from '../helpers/stack';

/**
 * TimeTonic links: login + password → oauthkey (the password not kept) → session keys derived
 * and renewed from the oauthkey. The linked caller sees its own books, the gateway's caller
 * the demo user's. On PGlite and PostgreSQL.
 */
afterAll(disposeLeftovers);

const KEY_A = 'timetonic-caller-a';
const KEY_B = 'timetonic-caller-b';
const MANAGER = { login: 'manager', password: 'manager-password' };
const as = (key: string) => ({ 'x-api-key': key });

const stackOn = (backend: AccountsBackend) => accountsStack(backend, 'timetonic', [KEY_A, KEY_B]);

const bookCodes = async (stack: Stack, key: string) =>
  ((await gql(stack.url, TimetonicBooksDocument, { first: 50 }, as(key))).data?.books.edges ?? []).map((e) => ('code' in e.node ? e.node.code : '')).sort();

describe.each(['PGlite', 'PostgreSQL'] as const)('on %s', (backend) => {
  it("links by login, reads the caller's own books, renews the session from the sealed oauthkey, keeps no password", async () => {
    const stack = await stackOn(backend);
    const demoBooks = await bookCodes(stack, KEY_A);
    const linked = await gql(stack.url, LinkTimetonicAccountDocument, MANAGER, as(KEY_B));
    expect(linked.data?.linkTimetonicAccount).toEqual({ vendor: 'TIMETONIC', label: 'manager', state: 'LINKED' });
    const managerBooks = await bookCodes(stack, KEY_B);
    expect(managerBooks).toContain('private');
    expect(demoBooks).not.toContain('private');
    expect(await bookCodes(stack, KEY_A)).toEqual(demoBooks);

    const store = await stack.server.services.accounts!.store();
    const [row] = await store.db.selectFrom('vendor_links').select('caller_id').execute();
    const link = (await store.get(row!.caller_id, 'TIMETONIC'))!;
    expect(Object.keys(link.credential.material).sort()).toEqual(['oauthkey', 'ou']);
    await store.save(row!.caller_id, 'TIMETONIC', { ...link.credential, expiresAt: Date.now() - 1 });
    stack.resetCounts();
    expect(await bookCodes(stack, KEY_B)).toEqual(managerBooks);
    // One createSesskey and the read itself: every TimeTonic call is `POST /api.php`.
    expect(stack.simulators.controls.timetonic?.counts()).toEqual({ 'POST /api.php': 2 });
    const renewed = (await store.get(row!.caller_id, 'TIMETONIC'))!.credential;
    expect(renewed.token).not.toBe(link.credential.token);
    expect(renewed.material).toEqual(link.credential.material);
    expect((await gql(stack.url, VendorAccountsDocument, {}, as(KEY_B))).data?.vendorAccounts[0]?.state).toBe('LINKED');

    const secrets = [MANAGER.password, link.credential.material.oauthkey!, link.credential.token.split(':')[1]!];
    const dump = await dumpLinks(store.db);
    const logs = stack.logs.lines.join('\n');
    for (const secret of secrets) {
      expect(dump).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });
});
