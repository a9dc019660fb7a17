import type { AddressInfo } from 'node:net';
import { GraphQLError, type ExecutionResult } from 'graphql';
import WebSocket, { WebSocketServer } from 'ws';
import { NextFrames, socketWriter } from '../../src/server/ws-frames';

describe('NextFrames', () => {
  it('formats and serialises a result once, whatever the number of subscriptions it goes to', () => {
    let formatted = 0;
    const frames = new NextFrames((result) => {
      formatted += 1;
      return { data: result.data, errors: result.errors?.map((e) => ({ message: e.message, extensions: { code: 'VENDOR_ERROR' } })) };
    });
    const result: ExecutionResult = { data: { n: 1 }, errors: [new GraphQLError('igtimi is down')] };
    const a = JSON.parse(frames.frame('a', result)) as Record<string, unknown>;
    const b = JSON.parse(frames.frame('b"2', result)) as Record<string, unknown>;
    expect(formatted).toBe(1);
    expect(a).toEqual({ id: 'a', type: 'next', payload: { data: { n: 1 }, errors: [{ message: 'igtimi is down', extensions: { code: 'VENDOR_ERROR' } }] } });
    expect(b.id).toBe('b"2');
    frames.frame('a', { data: { n: 2 } });
    expect(formatted).toBe(2);
  });
});

describe('socketWriter', () => {
  let wss: WebSocketServer;
  afterEach(async () => {
    for (const client of wss.clients) client.terminate();
    await new Promise((resolve) => wss.close(resolve));
  });

  it('drops, and counts, what a client that stopped reading cannot take; the rest, ending on the latest, arrives in order', async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => wss.once('listening', resolve));
    const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
    const sent = 3000; // 24 MB: far past what the kernel's socket buffers absorb
    const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    const received: number[] = [];
    let lastArrived: () => void = () => undefined;
    const last = new Promise<void>((resolve) => (lastArrived = resolve));
    client.on('message', (data) => {
      received.push((JSON.parse(String(data)) as { payload: { data: { n: number } } }).payload.data.n);
      if (received.at(-1) === sent - 1) lastArrived();
    });
    await new Promise((resolve) => client.once('open', resolve));
    const server = await accepted;
    client.pause();

    let dropped = 0;
    const limit = 64 * 1024;
    const write = socketWriter(server, '1', new NextFrames((r) => r as never), limit, () => (dropped += 1), 10);
    const filler = 'x'.repeat(8 * 1024);
    let peak = 0;
    for (let n = 0; n < sent; n++) {
      write({ data: { n, filler } });
      peak = Math.max(peak, server.bufferedAmount);
    }
    expect(dropped).toBeGreaterThan(0);
    // Bounded: the queue never passes the limit by more than one frame.
    expect(peak).toBeLessThanOrEqual(limit + filler.length + 100);

    client.resume();
    // The newest result arrives last (no fixed wait: whenever the queue has drained).
    await last;
    expect(received).toHaveLength(sent - dropped);
    expect(received).toEqual([...received].sort((x, y) => x - y));
    // The newest result waited for the queue to drain instead of being lost.
    expect(received.at(-1)).toBe(sent - 1);
    client.close();
  });
});
