import WebSocket from 'ws';
import { leaveOver } from './leftovers';

/** The four ways to send one operation to the gateway. */
export type TransportName = 'POST' | 'GET' | 'WS' | 'SSE';
export const TRANSPORTS: readonly TransportName[] = ['POST', 'GET', 'WS', 'SSE'];

export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** How to send it: extra headers (HTTP) or connectionParams (WS), an Origin, a raw body. */
export interface SendOptions {
  headers?: Record<string, string>;
  origin?: string;
  /** Sent as is instead of the operation's JSON (HTTP POST and SSE only). */
  rawBody?: string;
  contentType?: string;
}

/**
 * What came back, made comparable across transports: the first error's code and message, and
 * the HTTP status — for a WebSocket, the status its refusal stands for (a 403 upgrade; close
 * 4403 = 401; close 1009, frame too large = 413), else null (an `error` message has none).
 */
export interface Outcome {
  status: number | null;
  code: string | null;
  message: string;
  data?: unknown;
}

export async function send(transport: TransportName, origin: string, operation: Operation, options: SendOptions = {}): Promise<Outcome> {
  switch (transport) {
    case 'POST':
      return viaHttp(`${origin}/graphql`, 'POST', operation, options, 'application/json');
    case 'GET':
      return viaHttp(`${origin}/graphql?${searchOf(operation)}`, 'GET', operation, options, 'application/json');
    case 'SSE':
      return viaHttp(`${origin}/graphql/stream`, 'POST', operation, options, 'text/event-stream');
    case 'WS':
      return viaWebSocket(origin.replace(/^http/, 'ws') + '/graphql', operation, options);
  }
}

function searchOf({ query, variables, operationName }: Operation): string {
  const params = new URLSearchParams({ query });
  if (variables) params.set('variables', JSON.stringify(variables));
  if (operationName) params.set('operationName', operationName);
  return params.toString();
}

async function viaHttp(url: string, method: string, operation: Operation, options: SendOptions, accept: string): Promise<Outcome> {
  const headers: Record<string, string> = { accept, ...options.headers };
  if (options.origin) headers.origin = options.origin;
  let body: string | undefined;
  if (method === 'POST') {
    headers['content-type'] = options.contentType ?? 'application/json';
    body = options.rawBody ?? JSON.stringify(operation);
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  // An event stream (SSE): its first `next` event carries the result.
  const json = response.headers.get('content-type')?.includes('text/event-stream') ? firstEvent(text) : parse(text);
  const error = json?.errors?.[0];
  return { status: response.status, code: (error?.extensions?.code as string | undefined) ?? null, message: error?.message ?? '', data: json?.data };
}

interface Result {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

function firstEvent(text: string): Result | null {
  const line = text.split('\n').find((l) => l.startsWith('data: {'));
  return line ? parse(line.slice('data: '.length)) : null;
}

function parse(text: string): Result | null {
  try {
    return JSON.parse(text) as Result;
  } catch {
    return null;
  }
}

function viaWebSocket(url: string, operation: Operation, options: SendOptions): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, 'graphql-transport-ws', options.origin ? { headers: { origin: options.origin } } : {});
    leaveOver(() => socket.terminate());
    const done = (outcome: Outcome) => {
      resolve(outcome);
      socket.close();
    };
    socket.on('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => {
        const error = parse(text)?.errors?.[0];
        done({ status: res.statusCode ?? null, code: (error?.extensions?.code as string | undefined) ?? null, message: error?.message ?? '' });
      });
    });
    socket.on('error', () => undefined);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: options.headers ?? {} })));
    socket.on('close', (code, reason) => {
      if (code === 4403) resolve({ status: 401, code: 'UNAUTHENTICATED', message: String(reason) });
      else if (code === 1009) resolve({ status: 413, code: 'BAD_REQUEST', message: String(reason) });
      else resolve({ status: null, code: `close ${code}`, message: String(reason) });
    });
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { type: string; payload?: unknown };
      if (message.type === 'connection_ack') {
        socket.send(options.rawBody ?? JSON.stringify({ id: '1', type: 'subscribe', payload: operation }));
      } else if (message.type === 'error') {
        const error = (message.payload as Result['errors'])?.[0];
        done({ status: null, code: (error?.extensions?.code as string | undefined) ?? null, message: error?.message ?? '' });
      } else if (message.type === 'next') {
        const result = message.payload as Result;
        const error = result.errors?.[0];
        done({ status: null, code: (error?.extensions?.code as string | undefined) ?? null, message: error?.message ?? '', data: result.data });
      }
    });
  });
}
