import type { FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { VendorStatusSnapshot } from '../../src/vendors/vendor-health';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { waitFor } from '../helpers/wait-for';

/**
 * Shared subscriptions (server/shared-subscriptions.ts) write their `next` frames to the socket
 * themselves (server/ws-frames.ts), beside graphql-ws's own. This suite speaks to them only
 * through graphql-ws's own client over a real socket, so a graphql-ws upgrade that changes the
 * protocol under those frames (their shape, ids, ordering against graphql-ws's own `complete`
 * and `error`) fails here.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ vendors: ['iotaap'] });
});
afterAll(disposeLeftovers);

const STATUS = 'subscription { vendorStatusChanged { vendor state changedAt } }';
const PRIMER = new Date('2000-01-01T00:00:00.000Z');

/** What one subscriber saw, in order: results, then maybe an error or the server's complete. */
interface Seen {
  results: FormattedExecutionResult<Record<string, unknown>, unknown>[];
  errors: unknown[];
  completed: boolean;
  /** Sends graphql-ws `complete` for this subscription (the client leaving). */
  leave(): void;
}

function client(): Client {
  const created = createClient({ url: stack.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  leaveOver(() => created.dispose());
  return created;
}

function subscribe(on: Client, query: string): Seen {
  const seen: Seen = { results: [], errors: [], completed: false, leave: () => undefined };
  seen.leave = on.subscribe(
    { query },
    {
      next: (result) => void seen.results.push(result),
      error: (error) => void seen.errors.push(error),
      complete: () => void (seen.completed = true),
    },
  );
  return seen;
}

function status(changedAt: Date, state: string = 'OK'): VendorStatusSnapshot {
  return { vendor: 'IOTAAP', state, configured: true, circuit: 'CLOSED', lastErrorCode: null, lastSuccessAt: null, lastFailureAt: null, changedAt } as VendorStatusSnapshot;
}

const publish = (snapshot: VendorStatusSnapshot) => stack.server.services.pubsub.publish('VENDOR_STATUS_CHANGED', snapshot);
const changedAt = (result: FormattedExecutionResult<Record<string, unknown>, unknown>) => (result.data as { vendorStatusChanged: { changedAt: string } } | null)?.vendorStatusChanged.changedAt;
const isPrimer = (result: FormattedExecutionResult<Record<string, unknown>, unknown>) => changedAt(result) === PRIMER.toISOString();
const afterPrimers = (seen: Seen) => seen.results.filter((result) => !isPrimer(result));

async function gauge(name: 'subscriptionExecutions' | 'subscriptionsActive'): Promise<number> {
  return (await stack.metrics[name].get()).values.reduce((total, value) => total + value.value, 0);
}

/**
 * The server subscribes to pub/sub when the shared execution first asks for an event, which no
 * client can see: primers are published until every subscriber has one, so each later event
 * reaches them all.
 */
async function primed(subscribers: Seen[]): Promise<void> {
  await waitFor('every subscriber to receive a primer', () => {
    if (subscribers.every((seen) => seen.results.some(isPrimer))) return true;
    publish(status(PRIMER));
    return false;
  });
}

describe('shared subscriptions through graphql-ws’s own client', () => {
  it('delivers every event to each subscriber of one execution, in the order published', async () => {
    const [first, second] = [client(), client()];
    const subscribers = [subscribe(first, STATUS), subscribe(first, STATUS), subscribe(second, STATUS)];
    await primed(subscribers);
    expect(await gauge('subscriptionExecutions')).toBe(1);

    const sent = Array.from({ length: 50 }, (_, i) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)));
    for (const at of sent) publish(status(at));
    await waitFor('every event at every subscriber', () => subscribers.every((seen) => afterPrimers(seen).length === sent.length));
    for (const seen of subscribers) {
      expect(afterPrimers(seen).map(changedAt)).toEqual(sent.map((at) => at.toISOString()));
      expect(seen.errors).toEqual([]);
      expect(seen.completed).toBe(false);
    }
    for (const seen of subscribers) seen.leave();
    await waitFor('the execution to stop', async () => (await gauge('subscriptionExecutions')) === 0);
  });

  it('lets one subscriber complete from the client while the others keep receiving; the last one stops the execution', async () => {
    const connection = client();
    const [staying, leaving] = [subscribe(connection, STATUS), subscribe(connection, STATUS)];
    await primed([staying, leaving]);
    const active = await gauge('subscriptionsActive');
    leaving.leave();
    await waitFor('the server to see the complete', async () => (await gauge('subscriptionsActive')) === active - 1);
    const received = leaving.results.length;

    const later = new Date(Date.UTC(2026, 0, 2));
    publish(status(later));
    await waitFor('the staying subscriber to receive', () => afterPrimers(staying).length === 1);
    expect(changedAt(afterPrimers(staying)[0]!)).toBe(later.toISOString());
    expect(leaving.results).toHaveLength(received);
    expect(await gauge('subscriptionExecutions')).toBe(1);

    staying.leave();
    await waitFor('the execution to stop', async () => (await gauge('subscriptionExecutions')) === 0);
  });

  it('writes an error result, formatted, to every subscriber, and the stream goes on', async () => {
    const subscribers = [subscribe(client(), STATUS), subscribe(client(), STATUS)];
    await primed(subscribers);
    // Not a VendorState: the non-null field fails, so the result is `data: null` with an error.
    publish(status(new Date(Date.UTC(2026, 0, 3)), 'NOT_A_STATE'));
    const after = new Date(Date.UTC(2026, 0, 4));
    publish(status(after));
    await waitFor('both results at every subscriber', () => subscribers.every((seen) => afterPrimers(seen).length === 2));
    for (const seen of subscribers) {
      const [failed, next] = afterPrimers(seen);
      expect(failed).toEqual({ data: null, errors: [expect.objectContaining({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } })] });
      expect(changedAt(next!)).toBe(after.toISOString());
      expect(seen.completed).toBe(false);
    }
    for (const seen of subscribers) seen.leave();
  });

  it('gives each subscriber of a refused start its error result, then completes from the server', async () => {
    const query = 'subscription { measurements(sourceIds: ["not-a-global-id"]) { value } }';
    const subscribers = [subscribe(client(), query), subscribe(client(), query)];
    await waitFor('the server to complete both', () => subscribers.every((seen) => seen.completed));
    for (const seen of subscribers) {
      expect(seen.results).toHaveLength(1);
      expect(seen.results[0]!.data ?? null).toBeNull();
      expect(seen.results[0]!.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(seen.errors).toEqual([]);
    }
    expect(await gauge('subscriptionExecutions')).toBe(0);
  });
});
