import { encodeId } from '../../src/core/ids';
import { createMainfluxSeed, MAINFLUX_TENANT_CREDENTIALS } from '../../src/simulators/mainflux/mainflux.seed';
import {
  MainfluxChangePasswordDocument,
  MainfluxCreateOrgDocument,
  MainfluxCreateUserDocument,
  MainfluxCreateWebhooksDocument,
  MainfluxDeleteOrgDocument,
  MainfluxIssueKeyDocument,
  MainfluxKeyDocument,
  MainfluxMembershipsDocument,
  MainfluxOrgGroupsDocument,
  MainfluxOrgMembersDocument,
  MainfluxOrgsDocument,
  MainfluxPoliciesDocument,
  MainfluxRevokeKeyDocument,
  MainfluxThingDocument,
  MainfluxUpdateOrgDocument,
  MainfluxUpdateUserDocument,
  MainfluxUserDocument,
  MainfluxUsersDocument,
} from '../generated/graphql';
import { errorCodes, gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

const seed = createMainfluxSeed();
const [admin, tenant] = seed.users;
const thingId = (id: string) => encodeId('MAINFLUX', 'MainfluxThing', id);
const groupId = (id: string) => encodeId('MAINFLUX', 'MainfluxGroup', id);
const userId = (id: string) => encodeId('MAINFLUX', 'MainfluxUser', id);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(disposeLeftovers);
beforeEach(() => stack.resetCounts());

function calls(): Record<string, number> {
  return stack.callsWithout('mainflux', 'POST /tokens');
}

describe('Mainflux users', () => {
  it('lists, reads, creates and updates users', async () => {
    const users = await gql(stack.url, MainfluxUsersDocument, { first: 3 });
    expect(users.data!.mainfluxUsers.totalCount).toBe(seed.users.length);
    expect(users.data!.mainfluxUsers.edges.map((e) => e.node.email)).toEqual(seed.users.slice(0, 3).map((u) => u.email));
    const one = await gql(stack.url, MainfluxUserDocument, { id: userId(tenant!.id) });
    expect(one.data!.mainfluxUser).toEqual({ id: userId(tenant!.id), nativeId: tenant!.id, email: MAINFLUX_TENANT_CREDENTIALS.email, metadata: null });

    const created = await gql(stack.url, MainfluxCreateUserDocument, { email: 'new@tributary.local', password: 'long-enough' });
    const newUser = created.data!.mainfluxCreateUser;
    expect(newUser).toEqual({ id: userId(newUser.nativeId), nativeId: expect.stringMatching(/^[0-9a-f-]{36}$/), email: 'new@tributary.local' });
    expect((await gql(stack.url, MainfluxUserDocument, { id: newUser.id })).data!.mainfluxUser.email).toBe('new@tributary.local');
    stack.resetCounts();
    const short = await gql(stack.url, MainfluxCreateUserDocument, { email: 'x@tributary.local', password: 'short' });
    expect(errorCodes(short)).toEqual(['BAD_USER_INPUT']);
    expect(stack.upstream('mainflux')).toBe(0);
    const again = await gql(stack.url, MainfluxCreateUserDocument, { email: 'new@tributary.local', password: 'long-enough' });
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.errors![0]!.extensions).toMatchObject({ vendor: 'MAINFLUX', status: 409 });

    expect((await gql(stack.url, MainfluxUpdateUserDocument, { metadata: { team: 'ops' } })).data!.mainfluxUpdateUser).toBe(true);
    expect((await gql(stack.url, MainfluxUserDocument, { id: userId(admin!.id) })).data!.mainfluxUser.metadata).toEqual({ team: 'ops' });
  });

  it("changes a caller's password and refuses a wrong old one as FORBIDDEN", async () => {
    const login = await fetch(`${stack.simulators.urls.mainflux}/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(MAINFLUX_TENANT_CREDENTIALS),
    });
    const { token } = (await login.json()) as { token: string };
    const headers = { 'x-mainflux-token': token };
    const wrong = await gql(stack.url, MainfluxChangePasswordDocument, { oldPassword: 'not-the-password', password: 'brand-new-pass' }, headers);
    expect(errorCodes(wrong)).toEqual(['FORBIDDEN']);
    const right = await gql(stack.url, MainfluxChangePasswordDocument, { oldPassword: MAINFLUX_TENANT_CREDENTIALS.password, password: 'brand-new-pass' }, headers);
    expect(right.data!.mainfluxChangePassword).toBe(true);
    expect(stack.logs.text).not.toContain('brand-new-pass');
  });
});

describe('Mainflux orgs', () => {
  it('lists orgs with members and groups, and memberships of a user', async () => {
    const orgs = await gql(stack.url, MainfluxOrgsDocument);
    expect(orgs.errors).toBeUndefined();
    const facilities = orgs.data!.mainfluxOrgs.edges.find((e) => e.node.name === 'Harbour House Facilities')!.node;
    expect(facilities.members.totalCount).toBe(4);
    expect(facilities.members.edges[0]!.node).toEqual({ id: userId(admin!.id), email: admin!.email, role: 'owner' });
    expect(facilities.ownerId).toBe(userId(admin!.id));
    expect(facilities.groups.edges.map((e) => e.node.name).sort()).toEqual(['power-meters', 'temperature-sensors']);
    const count = orgs.data!.mainfluxOrgs.edges.length;
    expect(calls()).toEqual({ 'GET /orgs': 1, 'GET /orgs/:id/members': count, 'GET /orgs/:id/groups': count });
    // A member's `id`, just read, names the user.
    const tenantMember = orgs.data!.mainfluxOrgs.edges.flatMap((e) => e.node.members.edges).find((e) => e.node.email === tenant!.email)!.node;
    const memberships = await gql(stack.url, MainfluxMembershipsDocument, { memberId: tenantMember.id! });
    expect(memberships.data!.mainfluxMemberships.edges.map((e) => e.node.name)).toEqual(['Tenants']);
  });

  it('creates, updates, staffs and deletes an org', async () => {
    const created = await gql(stack.url, MainfluxCreateOrgDocument, { input: { name: 'Night shift', description: 'After hours' } });
    const org = created.data!.mainfluxCreateOrg;
    expect(org).toMatchObject({ id: encodeId('MAINFLUX', 'MainfluxOrg', org.nativeId), name: 'Night shift', description: 'After hours', ownerId: userId(admin!.id) });
    expect(org.createdAt).toEqual(expect.any(String));
    const updated = await gql(stack.url, MainfluxUpdateOrgDocument, { id: org.id, input: { name: 'Night crew' } });
    expect(updated.data!.mainfluxUpdateOrg.name).toBe('Night crew');
    const members = await gql(stack.url, MainfluxOrgMembersDocument, {
      orgId: org.id,
      members: [{ email: tenant!.email, role: 'VIEWER' }],
      memberIds: [userId(tenant!.id)],
    });
    expect(members.data).toEqual({ assigned: true, updated: true, unassigned: true });
    const group = seed.groups.find((g) => g.name === 'air-quality')!;
    const groups = await gql(stack.url, MainfluxOrgGroupsDocument, { orgId: org.id, groupIds: [groupId(group.id)] });
    expect(groups.data).toEqual({ assigned: true, unassigned: true });
    expect((await gql(stack.url, MainfluxDeleteOrgDocument, { id: org.id })).data!.mainfluxDeleteOrg).toBe(true);

    stack.resetCounts();
    const badIds = await Promise.all(
      ['org-1', org.nativeId, groupId(group.id), encodeId('IGTIMI', 'MainfluxOrg', org.nativeId)].map((id) => gql(stack.url, MainfluxDeleteOrgDocument, { id })),
    );
    for (const badId of badIds) expect(badId.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    expect(stack.upstream('mainflux')).toBe(0);
  });
});

describe('Mainflux policies, API keys and webhooks', () => {
  it('adds and deletes policies as the admin; refuses unknown subjects before any call', async () => {
    // The object is a group as a read answers it: its global id.
    const orgs = await gql(stack.url, MainfluxOrgsDocument);
    const group = orgs.data!.mainfluxOrgs.edges[0]!.node.groups.edges[0]!.node;
    stack.resetCounts();
    const input = { subjects: [userId(tenant!.id)], object: group.id, policies: ['READ' as const, 'WRITE' as const] };
    const answer = await gql(stack.url, MainfluxPoliciesDocument, { input });
    expect(answer.data).toEqual({ added: true, deleted: true });
    expect(calls()).toEqual({ 'POST /policies': 1, 'PUT /policies': 1 });
    stack.resetCounts();
    const bad = await Promise.all([
      gql(stack.url, MainfluxPoliciesDocument, { input: { ...input, subjects: ['someone'] } }),
      gql(stack.url, MainfluxPoliciesDocument, { input: { ...input, subjects: [tenant!.id] } }),
      gql(stack.url, MainfluxPoliciesDocument, { input: { ...input, object: seed.groups[0]!.id } }),
      gql(stack.url, MainfluxPoliciesDocument, { input: { ...input, object: userId(tenant!.id) } }),
    ]);
    for (const answer of bad) expect(errorCodes(answer)).toContain('BAD_USER_INPUT');
    expect(stack.upstream('mainflux')).toBe(0);
  });

  it('issues an API key (value once), reads its details, revokes it', async () => {
    const issued = await gql(stack.url, MainfluxIssueKeyDocument, { durationSeconds: 3600 });
    const key = issued.data!.mainfluxIssueKey;
    expect(key.value).toEqual(expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/));
    expect(Date.parse(key.expiresAt!) - Date.parse(key.issuedAt!)).toBe(3600 * 1000);
    const details = await gql(stack.url, MainfluxKeyDocument, { id: key.id });
    expect(details.data!.mainfluxKey).toMatchObject({ id: key.id, value: null, issuerId: userId(admin!.id), subject: admin!.email, type: 2 });
    expect(stack.logs.text).not.toContain(key.value!);
    expect((await gql(stack.url, MainfluxRevokeKeyDocument, { id: key.id })).data!.mainfluxRevokeKey).toBe(true);
    expect(errorCodes(await gql(stack.url, MainfluxKeyDocument, { id: key.id }))).toEqual(['NOT_FOUND']);
    stack.resetCounts();
    expect(errorCodes(await gql(stack.url, MainfluxIssueKeyDocument, { durationSeconds: 0 }))).toEqual(['BAD_USER_INPUT']);
    expect(stack.upstream('mainflux')).toBe(0);
  });

  it("creates webhooks in one call and lists them on the thing; only the thing's owner may", async () => {
    const meter = seed.things.find((t) => t.name === 'f2-meter-1')!;
    const created = await gql(stack.url, MainfluxCreateWebhooksDocument, {
      thingId: thingId(meter.id),
      webhooks: [
        { name: 'grafana', format: 'JSON', url: 'https://grafana.example.com/push' },
        { name: 'archive', format: 'SENML', url: 'https://archive.example.com/in' },
      ],
    });
    expect(created.data!.mainfluxCreateWebhooks.map((w) => w.name)).toEqual(['grafana', 'archive']);
    expect(calls()).toEqual({ 'POST /webhooks/:thingId': 1 });
    const thing = await gql(stack.url, MainfluxThingDocument, { id: thingId(meter.id) });
    const hooks = thing.data!.thing!.__typename === 'MainfluxThing' ? thing.data!.thing!.webhooks : [];
    expect(hooks).toEqual([
      { name: 'grafana', format: 'JSON', url: 'https://grafana.example.com/push' },
      { name: 'archive', format: 'SENML', url: 'https://archive.example.com/in' },
    ]);
    const login = await fetch(`${stack.simulators.urls.mainflux}/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: seed.users[2]!.email, password: seed.users[2]!.password }),
    });
    const { token } = (await login.json()) as { token: string };
    const hook = { name: 'x', format: 'JSON' as const, url: 'https://x.example.com' };
    const notOwner = await gql(stack.url, MainfluxCreateWebhooksDocument, { thingId: thingId(meter.id), webhooks: [hook] }, { 'x-mainflux-token': token });
    expect(errorCodes(notOwner)).toEqual(['FORBIDDEN']);
    expect(notOwner.errors![0]!.extensions).toMatchObject({ vendor: 'MAINFLUX' });

    stack.resetCounts();
    const badUrl = await gql(stack.url, MainfluxCreateWebhooksDocument, { thingId: thingId(meter.id), webhooks: [{ name: 'x', format: 'JSON', url: 'ftp://x' }] });
    expect(errorCodes(badUrl)).toEqual(['BAD_USER_INPUT']);
    expect(stack.upstream('mainflux')).toBe(0);
  });
});
