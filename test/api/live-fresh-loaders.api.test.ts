import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { encodeId } from '../../src/core/ids';
import { startSimulatorServer } from '../../src/simulators/simulator-server';
import { THINGSEE_DEMO_CREDENTIALS } from '../../src/simulators/thingsee/thingsee.seed';
import { createThingseeSimulator, THINGSEE_BASE_PATH } from '../../src/simulators/thingsee/thingsee.simulator';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { ManualClock } from '../helpers/manual-clock';
import { startStack } from '../helpers/stack';
import { ioTurn, stepUntil } from '../helpers/step-live';
import { subscribe, wsClient } from '../helpers/subscribe';
import { waitFor } from '../helpers/wait-for';

afterAll(disposeLeftovers);

// The source comes from the live layer's shared cache, but its `groups` go through the
// operation's loaders (the group loader batches `GET /groups`): that part must be fresh per event.
const MeasurementsWithGroups = parse(`
  subscription MeasurementsWithGroups($sourceIds: [ID!]!, $names: [String!]) {
    measurements(sourceIds: $sourceIds, names: $names) {
      value
      source { id ... on ThingseeThing { groups { id description } } }
    }
  }
`) as TypedDocumentNode<
  { measurements: { value: number | null; source: { id: string; groups?: Array<{ id: string; description: string | null }> | null } } },
  { sourceIds: string[]; names: string[] }
>;

it('resolves each subscription event with fresh loaders: a change between two events shows in the second', async () => {
  // A quiet simulator: the thing reports only what the test adds.
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
      THINGSEE_POLL_INTERVAL_MS: '100',
    },
  });
  const sensor = simulator.state.things.find((t) => t.kind === 'environment' && t.group_id)!;
  const group = simulator.state.groups.find((g) => g.group_id === sensor.group_id)!;
  const report = (temp: number) =>
    simulator.state.messages.get(sensor.tuid)!.push({
      tsmId: 12100,
      tsmEv: 10,
      tsmTs: Math.floor(Date.now() / 1000),
      tsmTuid: sensor.tuid,
      deploymentGroupId: group.group_id,
      temp,
    });

  const events = subscribe(wsClient(stack.wsUrl), MeasurementsWithGroups, {
    sourceIds: [encodeId('THINGSEE', 'ThingseeThing', sensor.tuid)],
    names: ['temperature'],
  });
  const firstEvent = events.next();
  // The poller's cursor starts when it does: report only once it polls.
  await waitFor('the message poller to start', () => clock.pending > 0);
  clock.advance(0);
  await waitFor('the message poller to poll', () => (server.control.counts()['GET /things/:tuid/messages'] ?? 0) > 0);

  report(21.5);
  const first = await polled(firstEvent);
  expect(first.errors).toBeUndefined();
  expect(first.data!.measurements.value).toBe(21.5);
  expect(first.data!.measurements.source.groups).toEqual([{ id: expect.any(String), description: group.group_description ?? null }]);

  group.group_description = 'Renamed between two events';
  report(22.5);
  const second = await polled(events.next());
  expect(second.errors).toBeUndefined();
  expect(second.data!.measurements.value).toBe(22.5);
  // Loaders kept for the whole subscription would still answer the first event's group.
  expect(second.data!.measurements.source.groups).toEqual([{ id: expect.any(String), description: 'Renamed between two events' }]);

  await events.close();
});
