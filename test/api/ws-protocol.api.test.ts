import WebSocket from 'ws';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

/** The graphql-ws protocol's close codes (PROTOCOL.md), spoken by hand over a raw socket. */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ vendors: ['iotaap'], env: { WS_INIT_TIMEOUT_MS: '300' } });
});
afterAll(disposeLeftovers);

function open(protocol = 'graphql-transport-ws') {
  const socket = new WebSocket(stack.wsUrl, protocol);
  leaveOver(() => socket.terminate());
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  const messages: Array<Record<string, unknown>> = [];
  socket.on('message', (data) => messages.push(JSON.parse(data.toString()) as Record<string, unknown>));
  const ready = new Promise<void>((resolve) => socket.on('open', () => resolve()));
  const send = (message: unknown) => socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  return { socket, closed, messages, ready, send };
}

async function acked() {
  const client = open();
  await client.ready;
  client.send({ type: 'connection_init', payload: {} });
  await new Promise<void>((resolve) => client.socket.once('message', () => resolve()));
  expect(client.messages[0]).toEqual({ type: 'connection_ack' });
  return client;
}

describe('graphql-ws close codes', () => {
  it('4400 for a message that is not a valid protocol message', async () => {
    const client = await acked();
    client.send('{"type":"no-such-type"}');
    expect((await client.closed).code).toBe(4400);
  });

  it('4401 for a subscribe before connection_init', async () => {
    const client = open();
    await client.ready;
    client.send({ id: '1', type: 'subscribe', payload: { query: '{ vendors { vendor } }' } });
    expect((await client.closed).code).toBe(4401);
  });

  it('4408 when connection_init never comes', async () => {
    const client = open();
    await client.ready;
    expect((await client.closed).code).toBe(4408);
  });

  it('4409 for a second subscriber with an id already in use', async () => {
    const client = await acked();
    const subscription = { type: 'subscribe', payload: { query: 'subscription { vendorStatusChanged { vendor } }' } };
    client.send({ id: 'same', ...subscription });
    client.send({ id: 'same', ...subscription });
    expect((await client.closed).code).toBe(4409);
  });

  it('4429 for a second connection_init', async () => {
    const client = await acked();
    client.send({ type: 'connection_init', payload: {} });
    expect((await client.closed).code).toBe(4429);
  });

  it('answers ping with pong and runs an operation to completion', async () => {
    const client = await acked();
    client.send({ type: 'ping' });
    client.send({ id: 'q', type: 'subscribe', payload: { query: '{ vendors { vendor } }' } });
    await new Promise<void>((resolve) => {
      const check = () => (client.messages.some((m) => m.type === 'complete') ? resolve() : client.socket.once('message', check));
      check();
    });
    expect(client.messages.map((m) => m.type)).toEqual(expect.arrayContaining(['pong', 'next', 'complete']));
  });

  it('refuses an unknown subprotocol (the server picks none, then closes with 4406)', async () => {
    const socket = new WebSocket(stack.wsUrl, 'graphql-ws-unknown');
    leaveOver(() => socket.terminate());
    const error = await new Promise<Error>((resolve) => socket.on('error', resolve));
    expect(error.message).toMatch(/no subprotocol/);
  });
});
