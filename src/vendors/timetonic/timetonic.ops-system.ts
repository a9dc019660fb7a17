import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { VendorError } from '../../core/errors';
import { vendorMessage } from '../vendor-message';
import type { TimetonicSession } from './timetonic.auth';
import { timetonicErrorCode } from './timetonic.errors';
import type { TimetonicWireSocketAttach, TimetonicWireSystemMessage, TimetonicWireSystemName } from './timetonic.wire-socket';

/** What a system message names besides its kind (doc: "depends on type of System message"). */
export interface TimetonicSystemMessage {
  msg: TimetonicWireSystemName;
  book?: { owner: string; code: string };
  param?: string;
  value?: string;
}

export interface SystemSocketOptions {
  /** Longest wait for the connection and the ack together. */
  timeoutMs: number;
}

/** Socket close codes the simulator (and TimeTonic) use for a session it does not know. */
const REFUSED_SESSION = 4001;

/**
 * Sends one TimeTonic system message (type 11) over the vendor's socket and waits for its ack
 * (type 12). System messages have no HTTP equivalent, so this is the only way to clear unread
 * counts, accept invitations and the like. One short-lived socket per message: these are rare,
 * user-driven writes, and a socket of their own means the first type 12 is this message's ack.
 * Never retried (a write that may have been applied is not sent twice).
 */
export function sendTimetonicSystemMessage(url: string, session: TimetonicSession, message: TimetonicSystemMessage, options: SystemSocketOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const socket = new WebSocket(url, { maxPayload: 1024 * 1024, followRedirects: false, handshakeTimeout: options.timeoutMs });
    let settled = false;
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.terminate();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => settle(new VendorError('TIMETONIC', 'VENDOR_TIMEOUT', `no answer to ${message.msg} from the TimeTonic socket`)), options.timeoutMs);
    socket.on('open', () => {
      const attach: TimetonicWireSocketAttach = { type: 4, o_u: session.ou, u_c: session.ou, sesskey: session.sesskey };
      socket.send(JSON.stringify(attach));
      socket.send(JSON.stringify(systemFrame(session, message)));
    });
    socket.on('message', (data) => {
      const frame = parseFrame(String(data));
      // Other clients' system messages (type 11) and pushed messages may arrive first: only an ack answers.
      if (frame?.type !== 12) return;
      if (frame.status === 'ok') return settle(null);
      const text = typeof frame.errorMsg === 'string' ? frame.errorMsg : '';
      return settle(new VendorError('TIMETONIC', timetonicErrorCode(text), vendorMessage(text) ?? `${message.msg} refused`));
    });
    socket.on('close', (code, reason) => {
      if (code === REFUSED_SESSION) return settle(new VendorError('TIMETONIC', 'UNAUTHENTICATED', 'TimeTonic refused the session on its socket', 401));
      const why = vendorMessage(reason.toString()) ?? `code ${code}`;
      return settle(new VendorError('TIMETONIC', 'VENDOR_UNAVAILABLE', `the TimeTonic socket closed before acknowledging ${message.msg} (${why})`));
    });
    socket.on('error', (error) => settle(new VendorError('TIMETONIC', 'VENDOR_UNAVAILABLE', `TimeTonic socket: ${vendorMessage(error.message) ?? 'connection failed'}`)));
  });
}

// Private:

function systemFrame(session: TimetonicSession, message: TimetonicSystemMessage): TimetonicWireSystemMessage {
  return {
    type: 11,
    u_c: session.ou,
    o_u: session.ou,
    sesskey: session.sesskey,
    uuid: randomUUID(),
    msg: message.msg,
    ...(message.book ? { b_o: message.book.owner, b_c: message.book.code } : {}),
    ...(message.param !== undefined ? { param: message.param } : {}),
    ...(message.value !== undefined ? { value: message.value } : {}),
  };
}

function parseFrame(text: string): { type?: unknown; status?: unknown; errorMsg?: unknown } | null {
  try {
    const frame = JSON.parse(text) as unknown;
    return frame && typeof frame === 'object' ? (frame as { type?: unknown }) : null;
  } catch {
    return null; // Not JSON: nothing TimeTonic documents.
  }
}
