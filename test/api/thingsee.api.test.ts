import { encodeId } from '../../src/core/ids';
import { createThingseeSeed, THINGSEE_READONLY_CREDENTIALS, thingseeSeedSecrets } from '../../src/simulators/thingsee/thingsee.seed';
import {
  ThingseeAlertsDocument,
  ThingseeGroupsDocument,
  ThingseeThingAlertsDocument,
  ThingseeSetInstallationStatusDocument,
  ThingseeThingDetailDocument,
  ThingseeThingsDocument,
  ThingseeThingsWithGroupDocument,
  ThingseeThingTwiceDocument,
} from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

/** Thingsee reads over real HTTP against the simulator, with exact upstream counts. */
const seed = createThingseeSeed();
const sorted = (tuids: string[]) => [...tuids].sort();
const allTuids = sorted(seed.things.map((t) => t.tuid));
const alertingTuids = [...new Set(seed.alerts.filter((a) => a.to === null).map((a) => a.tuid))];
const thingId = (tuid: string) => encodeId('THINGSEE', 'ThingseeThing', tuid);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(disposeLeftovers);
beforeEach(() => stack.resetCounts());

/** Upstream calls per route, without the token flow (shared by the process, run once). */
function calls(): Record<string, number> {
  return stack.callsWithout('thingsee', 'POST /auth/client-token');
}

describe('Thingsee things', () => {
  it('lists every thing by walking the deployment groups, and pages without repeats', async () => {
    const first = await gql(stack.url, ThingseeThingsDocument, { first: 10 });
    expect(first.errors).toBeUndefined();
    expect(first.data!.things.totalCount).toBe(allTuids.length);
    expect(first.data!.things.edges.map((e) => e.node.nativeId)).toEqual(allTuids.slice(0, 10));
    // 1 group list + 4 groups and `unassigned` + one GET per thing on the page.
    expect(calls()).toEqual({ 'GET /groups': 1, 'GET /groups/:groupid/things': 5, 'GET /things/:tuid': 10 });

    const second = await gql(stack.url, ThingseeThingsDocument, { first: 10, after: first.data!.things.pageInfo.endCursor });
    expect(second.data!.things.edges.map((e) => e.node.nativeId)).toEqual(allTuids.slice(10, 20));
  });

  it('answers groups and deploymentGroup of a listed page from what the walk learnt: no extra call', async () => {
    const answer = await gql(stack.url, ThingseeThingsWithGroupDocument, { first: 10 });
    expect(answer.errors).toBeUndefined();
    for (const { node } of answer.data!.things.edges) {
      const tuid = Buffer.from(node.id, 'base64url').toString().split(':')[2]!;
      const group = seed.things.find((t) => t.tuid === tuid)!.group_id;
      expect(node.groups!.map((g) => g.name)).toEqual(group ? [group] : []);
      expect('deploymentGroup' in node && node.deploymentGroup?.name).toBe(group ?? null);
    }
    expect(calls()).toEqual({ 'GET /groups': 1, 'GET /groups/:groupid/things': 5, 'GET /things/:tuid': 10 });
  });

  it('searches things by tuid before loading them', async () => {
    const answer = await gql(stack.url, ThingseeThingsDocument, { first: 50, search: 'tsgw01' });
    const gateways = seed.things.filter((t) => t.kind === 'gateway');
    expect(answer.data!.things.totalCount).toBe(gateways.length);
    expect(calls()['GET /things/:tuid']).toBe(gateways.length);
  });

  it('reads a thing with its gateway, installations and deployment group', async () => {
    const sensor = seed.things.find((t) => t.kind === 'co2')!;
    const answer = await gql(stack.url, ThingseeThingDetailDocument, { id: thingId(sensor.tuid), limit: 5 });
    expect(answer.errors).toBeUndefined();
    const thing = answer.data!.thing!;
    expect(thing).toMatchObject({ __typename: 'ThingseeThing', batteryLevel: sensor.battery_level, model: 'TSAQ01', version: sensor.version });
    expect(thing.__typename === 'ThingseeThing' && thing.gateway?.nativeId).toBe(sensor.gateway_tuid);
    expect(thing.__typename === 'ThingseeThing' && thing.installationStatus).toBe('INSTALLED');
    expect(thing.__typename === 'ThingseeThing' && thing.deploymentGroup?.name).toBe(sensor.group_id);
    // installationStatus and installations(limit) share one history call.
    expect(calls()).toEqual({ 'GET /things/:tuid': 2, 'GET /things/:tuid/installations': 1, 'GET /things/:tuid/group': 1, 'GET /groups': 1 });
  });

  it('costs one call per endpoint when a document touches the same thing several times', async () => {
    const sensor = seed.things.find((t) => t.kind === 'environment' && t.group_id === 'office-floor1')!;
    const groupFirstThree = sorted(seed.things.filter((t) => t.group_id === 'office-floor1').map((t) => t.tuid)).slice(0, 3);
    const answer = await gql(stack.url, ThingseeThingTwiceDocument, { id: thingId(sensor.tuid) });
    expect(answer.errors).toBeUndefined();
    expect(calls()).toEqual({
      'GET /things/:tuid': new Set([sensor.tuid, ...groupFirstThree]).size,
      'GET /things/:tuid/installations': 1,
      'GET /things/:tuid/group': 1,
      'GET /groups': 1,
      'GET /groups/:groupid/things': 1,
    });
  });
});

describe('Thingsee alerts', () => {
  it('lists active alerts from things/alerts and the alert details of alerting tuids only', async () => {
    const answer = await gql(stack.url, ThingseeAlertsDocument, { first: 50 });
    expect(answer.errors).toBeUndefined();
    const active = seed.alerts.filter((a) => a.to === null);
    expect(answer.data!.alerts.totalCount).toBe(active.length);
    expect(answer.data!.thingseeAlertCount).toBe(alertingTuids.length);
    for (const { node } of answer.data!.alerts.edges) {
      expect(node).toMatchObject({ __typename: 'ThingseeAlert', active: true, endedAt: null });
      expect(node.thing).not.toBeNull();
    }
    expect(calls()).toEqual({
      'GET /things/alerts': 1,
      'GET /things/alerts/count': 1,
      'GET /things/:tuid/alerts': alertingTuids.length,
      'GET /things/:tuid': alertingTuids.length,
    });
  });

  it('asks things/alerts once for many things and fetches details only for those alerting', async () => {
    const answer = await gql(stack.url, ThingseeThingAlertsDocument, { first: 56 });
    expect(answer.errors).toBeUndefined();
    const withAlerts = answer.data!.things.edges.filter(({ node }) => 'alerts' in node && (node.alerts?.length ?? 0) > 0);
    expect(withAlerts).toHaveLength(alertingTuids.length);
    expect(calls()).toEqual({
      'GET /groups': 1,
      'GET /groups/:groupid/things': 5,
      'GET /things/:tuid': allTuids.length,
      'GET /things/alerts': 1,
      'GET /things/:tuid/alerts': alertingTuids.length,
    });
  });

  it('reads things/alerts beside the group walk, and the page’s alert details beside its things: three round trips, not five', async () => {
    const control = stack.simulators.controls.thingsee!;
    const onPage = allTuids.slice(0, 10).filter((tuid) => alertingTuids.includes(tuid));
    expect(onPage.length).toBeGreaterThan(0);
    control.setFaults({ latencyMs: 1_000 });
    try {
      // from/to left unset: active alerts, the field's default read.
      const answer = gql(stack.url, ThingseeThingAlertsDocument, { first: 10 });
      // The simulator counts a call when it arrives and its bytes when it answers (after the latency).
      await waitFor('things/alerts to reach Thingsee', () => (calls()['GET /things/alerts'] ?? 0) > 0);
      expect(control.bytes()['GET /groups'] ?? 0).toBe(0);
      await waitFor('the alert details to reach Thingsee', () => (calls()['GET /things/:tuid/alerts'] ?? 0) === onPage.length);
      expect(control.bytes()['GET /things/:tuid'] ?? 0).toBe(0);
      const { data, errors } = await answer;
      expect(errors).toBeUndefined();
      const alerting = data!.things.edges.filter(({ node }) => 'alerts' in node && (node.alerts?.length ?? 0) > 0).map(({ node }) => node.id);
      expect(alerting).toEqual(onPage.map(thingId));
    } finally {
      control.setFaults({ latencyMs: 0 });
    }
    expect(calls()).toEqual({
      'GET /groups': 1,
      'GET /groups/:groupid/things': 5,
      'GET /things/:tuid': 10,
      'GET /things/alerts': 1,
      'GET /things/:tuid/alerts': onPage.length,
    });
  });

  it('reads alert history in a window with one call per thing', async () => {
    const from = new Date(Date.UTC(2024, 9, 1)).toISOString();
    const to = new Date(Date.UTC(2024, 10, 5)).toISOString();
    const answer = await gql(stack.url, ThingseeThingAlertsDocument, { first: 20, from, to });
    expect(answer.errors).toBeUndefined();
    const periods = answer.data!.things.edges.flatMap(({ node }) => ('alerts' in node ? node.alerts : []));
    const expected = seed.alerts.filter((a) => allTuids.slice(0, 20).includes(a.tuid));
    expect(periods).toHaveLength(expected.length);
    expect(calls()['GET /things/:tuid/alerts']).toBe(20);
    expect(calls()['GET /things/alerts']).toBeUndefined();
  });
});

describe('Thingsee deployment groups', () => {
  it('lists and searches groups, paging their things', async () => {
    const all = await gql(stack.url, ThingseeGroupsDocument, {});
    expect(all.errors).toBeUndefined();
    expect(all.data!.groups.edges.map((e) => e.node.name)).toEqual(seed.groups.map((g) => g.group_id));
    const floor1 = all.data!.groups.edges.find((e) => e.node.name === 'office-floor1')!.node;
    expect(floor1.__typename === 'ThingseeDeploymentGroup' && floor1.things!.totalCount).toBe(
      seed.things.filter((t) => t.group_id === 'office-floor1').length,
    );
    stack.resetCounts();
    const found = await gql(stack.url, ThingseeGroupsDocument, { search: 'meeting' });
    expect(found.data!.groups.edges.map((e) => e.node.name)).toEqual(['meeting-rooms']);
    expect(calls()['GET /groups']).toBe(1);
  });
});

describe('Thingsee credentials and secrets', () => {
  it('uses a caller token from x-thingsee-token, and passes a read-only client’s 403 on as FORBIDDEN', async () => {
    const issued = await fetch(`${stack.simulators.urls.thingsee}/auth/client-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(THINGSEE_READONLY_CREDENTIALS),
    }).then((r) => r.json() as Promise<{ data: { token: string } }>);
    const headers = { 'x-thingsee-token': issued.data.token };
    const read = await gql(stack.url, ThingseeAlertsDocument, { first: 1 }, headers);
    expect(read.errors).toBeUndefined();
    const write = await gql(stack.url, ThingseeSetInstallationStatusDocument, { thingId: thingId(allTuids[0]!), status: 'QUARANTINE' }, headers);
    expect(write.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', vendor: 'THINGSEE' });
    expect(JSON.stringify(write)).not.toContain(issued.data.token);
    expect(stack.logs.text).not.toContain(issued.data.token);
  });

  it('never logs a client secret or a bearer token', () => {
    for (const secret of thingseeSeedSecrets(seed)) expect(stack.logs.text).not.toContain(secret);
    expect(stack.logs.text).not.toMatch(/Bearer\s+\w/);
  });
});
