import WebSocket from 'ws';
import type { Logger } from '../../core/logger';
import type { TimetonicSession } from './timetonic.auth';
import type { TimetonicWireSocketAttach } from './timetonic.wire';

/**
 * A TimeTonic socket used only as a doorbell: it attaches with the session (frame type 4,
 * confirmed by a ping answered with type 10) and calls `onUpdate` when the server says book updates are ready (type 8). What changed is then
 * read with the `sstamp` cursor, so the socket never decides what is delivered: a lost or
 * repeated notice costs a poll, never a message. Reconnects after `retryMs` while open.
 */
export class TimetonicUpdateSocket {
  private socket: WebSocket | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly session: () => Promise<TimetonicSession>,
    private readonly onUpdate: () => void,
    private readonly options: { retryMs: number; logger: Logger },
  ) {
    void this.connect();
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.socket?.terminate();
    this.socket = null;
  }

  // Private:

  private async connect(): Promise<void> {
    let session: TimetonicSession;
    try {
      session = await this.session();
    } catch {
      return this.reconnect();
    }
    if (this.closed) return;
    const socket = new WebSocket(this.url, { maxPayload: 1024 * 1024, followRedirects: false });
    this.socket = socket;
    socket.on('open', () => {
      const attach: TimetonicWireSocketAttach = { type: 4, o_u: session.ou, u_c: session.ou, sesskey: session.sesskey };
      socket.send(JSON.stringify(attach));
      // Attaching has no answer; a ping is answered only once attached, so its ack confirms it.
      socket.send(JSON.stringify({ type: 9, u_c: session.ou, o_u: session.ou, sesskey: session.sesskey }));
    });
    socket.on('message', (data) => {
      let type: unknown;
      try {
        type = (JSON.parse(String(data)) as { type?: unknown }).type;
      } catch {
        return; // Not JSON: nothing TimeTonic documents.
      }
      if (type === 10) this.options.logger.debug({ vendor: 'TIMETONIC' }, 'update socket attached');
      if (type === 8) this.onUpdate();
    });
    socket.on('error', (error) => this.options.logger.debug({ vendor: 'TIMETONIC', err: error.message }, 'update socket error'));
    socket.on('close', () => {
      if (this.socket === socket) this.socket = null;
      this.reconnect();
    });
  }

  private reconnect(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, this.options.retryMs);
  }
}
