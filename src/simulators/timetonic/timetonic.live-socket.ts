/**
 * The TimeTonic socket on `/live/socket` (the doc names frames, not a URL). A client attaches
 * with its session (type 4, or 7 as the doc's example writes it; no answer), then may ping
 * (9 → 10), send messages (1 → ack 2), send system messages (11 → 12, see timetonic.live-system.ts;
 * other concerned clients receive them as 11) and update table values (13). The server pushes
 * messages written by others (type 1, with the book) and a "book updates ready" notice (type 8)
 * to every attached member of a book whose messages changed.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TimetonicWireMessage } from '../../vendors/timetonic/timetonic.wire';
import { ALPHANUMERIC } from '../prng';
import { messageChanged, visibleBook, type BooksContext } from './timetonic.routes-books';
import { parseValue, writableTable } from './timetonic.routes-cells';
import { newMessage } from './timetonic.seed';
import { nextStamp, TimetonicNok, type TimetonicSimBook } from './timetonic.store';
import { applySystemMessage } from './timetonic.live-system';

/** Path of the socket, below the origin (the base path included). */
export const TIMETONIC_SOCKET_PATH = '/live/socket';

export interface TimetonicSocketServer {
  /** Sockets attached to a user right now. */
  attached(): number;
  stop(): Promise<void>;
}

type Frame = Record<string, unknown> & { type?: unknown };

/** The ack type answering each request type: a refusal comes back as that ack with `status: "nok"`. */
const ACK_OF: Readonly<Record<string, number>> = { 1: 2, 9: 10, 11: 12 };

export function startTimetonicSocket(server: Server, ctx: BooksContext): TimetonicSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const users = new Map<WebSocket, string>();
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://simulator').pathname !== TIMETONIC_SOCKET_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  };
  server.on('upgrade', onUpgrade);

  const send = (ws: WebSocket, frame: object) => ws.send(JSON.stringify(frame));
  // The socket a message arrived on gets its ack, not the message back (doc: "sent by another client").
  let origin: WebSocket | null = null;
  const accept = (ws: WebSocket) => {
    ws.on('close', () => users.delete(ws));
    ws.on('message', (data) => {
      let frame: Frame;
      try {
        frame = JSON.parse(String(data)) as Frame;
      } catch {
        return ws.close(4000, 'Expected a JSON frame');
      }
      const user = users.get(ws);
      if (frame.type === 4 || frame.type === 7) {
        const owner = ctx.state.sessions.get(String(frame.sesskey ?? ''));
        if (!owner || owner !== frame.o_u) return ws.close(4001, 'invalid sesskey or o_u');
        users.set(ws, owner);
        return undefined;
      }
      if (!user) return ws.close(4001, 'attach first (type 4)');
      try {
        answer(ws, user, frame);
      } catch (error) {
        const errorCode = error instanceof TimetonicNok ? error.errorCode : undefined;
        send(ws, { type: ACK_OF[String(frame.type)] ?? frame.type, status: 'nok', errorCode, errorMsg: (error as Error).message });
      }
      return undefined;
    });
  };

  const answer = (ws: WebSocket, user: string, frame: Frame) => {
    switch (frame.type) {
      case 9:
        return send(ws, { type: 10, status: 'ok' });
      case 11: {
        const { audience } = applySystemMessage(ctx.state, user, frame);
        send(ws, { type: 12, status: 'ok' });
        // Doc: "eventually broadcast to other concerned clients that will get Receive System message".
        const { msg, b_o, b_c, param, value } = frame;
        for (const [other, member] of users) {
          if (other !== ws && audience.has(member) && other.readyState === other.OPEN) send(other, { type: 11, u_c: user, msg, b_o, b_c, param, value });
        }
        return undefined;
      }
      case 1: {
        const book = visibleBook(ctx.state, user, String(frame.b_o ?? user), String(frame.b_c ?? ''));
        const message = writeMessage(book, user, frame);
        origin = ws;
        try {
          messageChanged(ctx, book, message);
        } finally {
          origin = null;
        }
        return send(ws, { type: 2, status: 'ok', uuid: message.uuid, smid: message.smid, sstamp: message.sstamp, created: message.created, del: message.del });
      }
      case 13: {
        const table = ctx.state.tables.find((t) => t.rows.has(Number(frame.rowId)));
        const field = table?.fields.find((f) => f.id === Number(frame.fieldId));
        if (!table || !field) throw new Error(`unknown row ${String(frame.rowId)} or field ${String(frame.fieldId)}`);
        writableTable(ctx.state, user, table);
        table.rows.get(Number(frame.rowId))?.set(field.id, parseValue(ctx.state, field, frame.value));
        table.lastModified = nextStamp(ctx.state);
        return undefined;
      }
      default:
        throw new Error(`unknown frame type ${String(frame.type)}`);
    }
  };

  const writeMessage = (book: TimetonicSimBook, user: string, frame: Frame): TimetonicWireMessage => {
    const smid = Number(frame.smid ?? 0);
    if (smid > 0) {
      const existing = book.messages.find((m) => m.smid === smid);
      if (!existing) throw new Error(`unknown message ${smid}`);
      Object.assign(existing, { msg: String(frame.msg ?? existing.msg), del: frame.del === true, lastModified: ctx.now(), sstamp: nextStamp(ctx.state) });
      book.sstamp = ctx.state.sstamp;
      return existing;
    }
    const uuid = typeof frame.uuid === 'string' && frame.uuid ? frame.uuid : ctx.random.chars(40, ALPHANUMERIC);
    const message = newMessage(ctx.state, user, String(frame.msg ?? ''), ctx.now(), uuid);
    message.msgMethod = '_app';
    book.messages.push(message);
    book.sstamp = ctx.state.sstamp;
    return message;
  };

  // Every change reaches the book's other attached members as the message and a "book updates" notice.
  const push = (book: TimetonicSimBook, message: TimetonicWireMessage) => {
    const members = new Set(book.members.filter((m) => m.invite === 'accepted').map((m) => m.u_c));
    for (const [ws, user] of users) {
      if (ws === origin || !members.has(user) || ws.readyState !== ws.OPEN) continue;
      const { u_c, uuid, smid, del, created, msg } = message;
      send(ws, { type: 1, u_c, uuid, smid, del, created, msg, b_o: book.b_o, b_c: book.b_c });
      send(ws, { type: 8, u_c });
    }
  };
  ctx.messageListeners.push(push);

  return {
    attached: () => users.size,
    stop: async () => {
      server.off('upgrade', onUpgrade);
      ctx.messageListeners.splice(ctx.messageListeners.indexOf(push), 1);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
