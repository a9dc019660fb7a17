import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { encodeId } from '../../src/core/ids';
import { startSimulatorServer } from '../../src/simulators/simulator-server';
import { THINGSEE_DEMO_CREDENTIALS } from '../../src/simulators/thingsee/thingsee.seed';
import { createThingseeSimulator, THINGSEE_BASE_PATH } from '../../src/simulators/thingsee/thingsee.simulator';
import { gql } from '../helpers/gql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { ManualClock } from '../helpers/manual-clock';
import { startStack } from '../helpers/stack';
import { ioTurn, stepUntil } from '../helpers/step-live';
import { subscribe, wsClient } from '../helpers/subscribe';
import { waitFor } from '../helpers/wait-for';

afterAll(disposeLeftovers);

interface AlertThing {
  id: string;
  thing: { id: string; name: string | null } | null;
}

// Operations of this test only (the shared operation files know no `alert { thing }`).
const AlertEventsWithThing = parse(`
  subscription AlertEventsWithThing($thingIds: [ID!]) {
    alertEvents(thingIds: $thingIds) { kind alert { id thing { id name } } }
  }
`) as TypedDocumentNode<{ alertEvents: { kind: string; alert: AlertThing } }, { thingIds: string[] }>;
const AlertWithThing = parse(`
  query AlertWithThing($id: ID!) { alert(id: $id) { id thing { id name } } }
`) as TypedDocumentNode<{ alert: AlertThing | null }, { id: string }>;

const SUBSCRIBERS = 20;

it("resolves alert events' thing once for every subscriber, while a query still reads it", async () => {
  // A quiet simulator: alerts change only when the test changes them.
  const simulator = createThingseeSimulator();
  const server = await startSimulatorServer({ name: 'thingsee', basePath: THINGSEE_BASE_PATH, router: simulator.router });
  leaveOver(() => server.stop());
  // The gateway polls when the test steps this clock (one step: at most one poll), never on a real interval.
  const clock = new ManualClock();
  const polled = <T>(next: Promise<T>): Promise<T> => stepUntil(next, () => clock.advance(60_000), ioTurn);
  const stack = await startStack({
    clock,
    vendors: ['iotaap'],
    env: {
      THINGSEE_BASE_URL: server.url,
      THINGSEE_CLIENT_ID: THINGSEE_DEMO_CREDENTIALS.client_id,
      THINGSEE_CLIENT_SECRET: THINGSEE_DEMO_CREDENTIALS.client_secret,
      THINGSEE_ALERT_POLL_INTERVAL_MS: '100',
    },
  });
  const { alerts, things } = simulator.state;
  const thing = things.find((t) => t.kind !== 'gateway' && !alerts.some((a) => a.tuid === t.tuid && a.to === null))!;
  const thingId = encodeId('THINGSEE', 'ThingseeThing', thing.tuid);

  const clients = [wsClient(stack.wsUrl), wsClient(stack.wsUrl)];
  const subscriptions = Array.from({ length: SUBSCRIBERS }, (_, i) => subscribe(clients[i % 2]!, AlertEventsWithThing, { thingIds: [thingId] }));
  const firsts = subscriptions.map((s) => s.next());
  const { metrics } = stack.server.services;
  await waitFor('every subscription to start', async () => (await metrics.subscriptionsActive.get()).values[0]?.value === SUBSCRIBERS);
  // The alert poller's first poll only learns who is alerting: raise the alert after it.
  await waitFor('the alert poller to start', () => clock.pending > 0);
  clock.advance(0);
  await waitFor('the first alert poll', () => (server.control.counts()['GET /things/alerts'] ?? 0) > 0);

  server.control.resetCounts();
  const from = Math.floor(Date.now() / 1000);
  const alert = { tuid: thing.tuid, alert_type: 'temperature high', from, to: null as number | null };
  alerts.push(alert);
  const raised = await polled(Promise.all(firsts));
  alert.to = Math.floor(Date.now() / 1000);
  const cleared = await polled(Promise.all(subscriptions.map((s) => s.next())));

  for (const [events, kind] of [[raised, 'RAISED'], [cleared, 'CLEARED']] as const) {
    for (const event of events) {
      expect(event.errors).toBeUndefined();
      expect(event.data!.alertEvents.kind).toBe(kind);
      expect(event.data!.alertEvents.alert.thing?.id).toBe(thingId);
    }
  }
  const counts = server.control.counts();
  // 20 subscribers × 2 events resolved `alert { thing }`: one read of the thing, not 40.
  expect(counts['GET /things/:tuid'] ?? 0).toBeLessThanOrEqual(1);
  expect(counts['GET /things/:tuid/alerts']).toBeGreaterThan(0);

  // A query is no subscription event: it reads the thing through its own loaders.
  server.control.resetCounts();
  const answer = await gql(stack.url, AlertWithThing, { id: raised[0]!.data!.alertEvents.alert.id });
  expect(answer.errors).toBeUndefined();
  expect(answer.data!.alert!.thing!.id).toBe(thingId);
  expect(server.control.counts()['GET /things/:tuid']).toBe(1);

  await Promise.all(subscriptions.map((s) => s.close()));
});
