import { encodeId } from '../../src/core/ids';
import { createThingseeSeed } from '../../src/simulators/thingsee/thingsee.seed';
import { ThingseeSetDeploymentGroupDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

/**
 * Thingsee does not page its group lists, and there is no "all things" call: walking the things
 * page by page reads `GET /groups` and every group's things once per walk, shared across the
 * walk's requests (THINGSEE_LIST_CACHE_MS), then one `GET /things/{tuid}` per thing. A write by
 * the same credential drops the shared lists. Counts are exact.
 */
const seed = createThingseeSeed();
const spare = seed.things.find((t) => t.group_id === null)!;
const groupOwner = seed.things.find((t) => t.group_id !== null)!;
/** The deployment groups plus the reserved `unassigned`. */
const GROUP_LISTS = seed.groups.length + 1;
const PAGE = 4;

let stack: Stack;
beforeAll(async () => {
  // A TTL far longer than the test, so nothing here depends on timing.
  stack = await startStack({ env: { THINGSEE_LIST_CACHE_MS: '600000' } });
});
afterAll(disposeLeftovers);

function calls(): Record<string, number> {
  return stack.callsWithout('thingsee', 'POST /auth/client-token');
}

describe('Thingsee shared group lists', () => {
  it('walks every thing page by page reading the group lists ONCE', async () => {
    stack.resetCounts();
    const seen = await walk();
    expect(seen.length).toBe(seed.things.length);
    expect(Math.ceil(seen.length / PAGE)).toBeGreaterThan(2);
    expect(calls()).toEqual({ 'GET /groups': 1, 'GET /groups/:groupid/things': GROUP_LISTS, 'GET /things/:tuid': seen.length });
  });

  it('reads the group lists again after a write by the same credential, and sees the write', async () => {
    await walk(); // fills the shared lists (already full from the test above)
    stack.resetCounts();
    const moved = await gql(stack.url, ThingseeSetDeploymentGroupDocument, {
      thingId: encodeId('THINGSEE', 'ThingseeThing', spare.tuid),
      groupId: encodeId('THINGSEE', 'ThingseeDeploymentGroup', groupOwner.group_id!),
    });
    expect(moved.errors).toBeUndefined();
    // The answer's group name reads GET /groups afresh: the write dropped the shared lists.
    expect(calls()).toEqual({ 'POST /things/:tuid/group': 1, 'GET /things/:tuid': 1, 'GET /groups': 1 });
    stack.resetCounts();
    const seen = await walk();
    expect(seen.find((t) => t.nativeId === spare.tuid)?.deploymentGroup?.name).toBe(groupOwner.group_id);
    // GET /groups was read after the write (above) and is shared; each group's things are read again.
    expect(calls()).toEqual({ 'GET /groups/:groupid/things': GROUP_LISTS, 'GET /things/:tuid': seen.length });
  });
});

interface WalkedThing {
  nativeId: string;
  deploymentGroup: { name: string } | null;
}

interface ThingPage {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: WalkedThing }>;
}

const WALK = `query Walk($first: Int, $after: String) {
  things(first: $first, after: $after, filter: { vendors: [THINGSEE] }) {
    pageInfo { hasNextPage endCursor }
    edges { node { nativeId ... on ThingseeThing { deploymentGroup { name } } } }
  }
}`;

async function walk(): Promise<WalkedThing[]> {
  const seen: WalkedThing[] = [];
  let after: string | null = null;
  do {
    const response = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: WALK, variables: { first: PAGE, after } }) });
    const body = (await response.json()) as { data: { things: ThingPage }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    seen.push(...body.data.things.edges.map((e) => e.node));
    after = body.data.things.pageInfo.hasNextPage ? body.data.things.pageInfo.endCursor : null;
  } while (after);
  return seen;
}
