import WebSocket from 'ws';
import { createLogger } from '../../src/core/logger';
import { createMetrics } from '../../src/core/metrics';
import { startServer } from '../../src/server/start-server';
import { DevicesDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startStack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

/**
 * Drains that drain, against a slow in-process vendor: on stop `/readyz` answers 503
 * `draining` while the listener stays open, new operations and WebSocket upgrades get 503,
 * the read already in flight finishes with its data, open WebSockets close with 1001.
 */
afterAll(disposeLeftovers);

const iotaap = { first: 3, filter: { vendors: ['IOTAAP' as const] } };

async function openSubscriber(wsUrl: string): Promise<{ closed: Promise<number> }> {
  const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
  leaveOver(() => socket.terminate());
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const acked = new Promise((resolve) => socket.once('message', resolve));
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await acked;
  socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { vendorStatusChanged { vendor state } }' } }));
  return { closed };
}

it('keeps probes answered while draining, refuses new work with 503, finishes the read in flight and closes sockets with 1001', async () => {
  const stack = await startStack({ vendors: ['iotaap'] });
  // The listener stays open this long after stop; the slow read (two vendor calls) outlasts it.
  const server = await startServer({ ...stack.config, drainGraceMs: 2_000 }, { logger: createLogger('silent'), metrics: createMetrics(), drainTimeoutMs: 20_000 });
  leaveOver(() => server.stop());
  const origin = server.url.replace(/\/graphql$/, '');
  const subscriber = await openSubscriber(server.url.replace(/^http/, 'ws'));

  stack.simulators.controls.iotaap!.setFaults({ latencyMs: 2_000 });
  const before = stack.upstream('iotaap');
  const inFlight = gql(server.url, DevicesDocument, iotaap);
  await waitFor('the read to reach the vendor', () => stack.upstream('iotaap') > before);

  const stopped = server.stop();
  const ready = await fetch(`${origin}/readyz`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toMatchObject({ status: 'draining', ready: false });
  const refused = await gql(server.url, DevicesDocument, iotaap);
  expect(refused.status).toBe(503);
  expect(refused.headers.get('retry-after')).toBeTruthy();
  const upgrade = new WebSocket(server.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const upgradeStatus = await new Promise<number | undefined>((resolve) => upgrade.once('unexpected-response', (_req, res) => resolve(res.statusCode)).once('error', () => resolve(undefined)));
  expect(upgradeStatus).toBe(503);

  expect(await subscriber.closed).toBe(1001);
  const answer = await inFlight;
  expect(answer.status).toBe(200);
  expect(answer.errors).toBeUndefined();
  expect(answer.data!.devices.edges).toHaveLength(3);
  await stopped;
});
