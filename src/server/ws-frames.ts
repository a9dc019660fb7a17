import type { ExecutionResult, FormattedExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';

/**
 * graphql-ws `next` frames for results shared by many subscribers: each result's payload is
 * formatted and serialised once, then only the subscription id differs per frame.
 */
export class NextFrames {
  private readonly payloads = new WeakMap<ExecutionResult, string>();

  constructor(private readonly format: (result: ExecutionResult) => FormattedExecutionResult) {}

  frame(id: string, result: ExecutionResult): string {
    let payload = this.payloads.get(result);
    if (payload === undefined) {
      payload = JSON.stringify(this.format(result));
      this.payloads.set(result, payload);
    }
    return `{"id":${JSON.stringify(id)},"type":"next","payload":${payload}}`;
  }
}

/**
 * Writes a shared subscription's results straight to its socket. A client that stops reading
 * holds at most `maxBufferedBytes` in its socket's queue; past that only the newest result
 * waits (each one it replaces is dropped and counted), and goes out once the queue has drained,
 * so a slow subscriber never grows the gateway's memory and still ends on the latest value.
 */
export function socketWriter(socket: WebSocket, id: string, frames: NextFrames, maxBufferedBytes: number, onDrop: () => void, retryMs = 100) {
  let pending: ExecutionResult | null = null;
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    timer = null;
    if (!pending || socket.readyState !== socket.OPEN) {
      pending = null;
      return;
    }
    if (socket.bufferedAmount > maxBufferedBytes) {
      timer = setTimeout(flush, retryMs);
      return;
    }
    const result = pending;
    pending = null;
    socket.send(frames.frame(id, result));
  };
  return (result: ExecutionResult): void => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount <= maxBufferedBytes) {
      // Room again: what waited goes first, in order.
      if (pending !== null) {
        socket.send(frames.frame(id, pending));
        pending = null;
        if (timer) clearTimeout(timer);
        timer = null;
      }
      socket.send(frames.frame(id, result));
      return;
    }
    if (pending !== null) onDrop();
    pending = result;
    timer ??= setTimeout(flush, retryMs);
  };
}
