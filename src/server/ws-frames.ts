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
 * holds at most `maxBufferedBytes` in its socket's queue; what comes past that is dropped and
 * counted, so a slow subscriber never grows the gateway's memory.
 */
export function socketWriter(socket: WebSocket, id: string, frames: NextFrames, maxBufferedBytes: number, onDrop: () => void) {
  return (result: ExecutionResult): void => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > maxBufferedBytes) {
      onDrop();
      return;
    }
    socket.send(frames.frame(id, result));
  };
}
