/**
 * Reading a node:http request into the plain shape route handlers see, and writing a
 * handler's answer back. Vendor-neutral: the quirks here (array keys, `_method`) come from
 * the vendors that need them and are harmless for the others.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Response } from 'undici';

/** Query or form fields: a repeated key or a `key[]` key becomes an array (stored under `key`). */
export type SimQuery = Record<string, string | string[]>;

/** A file part of a `multipart/form-data` body. */
export interface SimFile {
  field: string;
  name: string;
  type: string;
  bytes: Buffer;
}

/** What a route handler receives. */
export interface SimRequest {
  /** Upper-case method, after a form `_method=GET` override on a POST. */
  method: string;
  /** Path relative to the simulator's base path, always starting with `/`, no trailing slash. */
  path: string;
  /** Decoded `:name` path parameters. */
  params: Record<string, string>;
  query: SimQuery;
  /** Parsed JSON (`application/json`, `*+json`), form fields (`SimQuery`), or `undefined`. */
  body: unknown;
  headers: IncomingHttpHeaders;
  /** The body bytes as received. */
  rawBody: Buffer;
  /** The file parts of a `multipart/form-data` body (its text fields are in `body`). */
  files?: SimFile[];
}

/** What a route handler answers. `json` wins over `text`; neither means an empty body. */
export interface SimResponse {
  status: number;
  json?: unknown;
  text?: string;
  /** Binary content (a stored file); `json` and `text` win over it. */
  bytes?: Buffer;
  headers?: Record<string, string>;
}

/** A request read off the wire but not routed yet; `problem` is an answer to give instead (400, 413). */
export interface ReadRequest extends Omit<SimRequest, 'params'> {
  problem?: SimResponse;
}

/** Largest body a simulator accepts; more answers 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A JSON answer. */
export function jsonResponse(status: number, json: unknown, headers?: Record<string, string>): SimResponse {
  return { status, json, headers };
}

/** The first value of a query or form field (vendors differ on repeated scalars; first is the common reading). */
export function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Parses `a=1&a=2&b[]=x` into `{ a: ['1','2'], b: ['x'] }`. */
export function parseFields(params: URLSearchParams): SimQuery {
  // A null prototype so a `__proto__` key is stored as data instead of changing the object.
  const fields = Object.create(null) as SimQuery;
  for (const [rawKey, value] of params) {
    const isArrayKey = rawKey.endsWith('[]');
    const key = isArrayKey ? rawKey.slice(0, -2) : rawKey;
    const previous = fields[key];
    if (previous === undefined) fields[key] = isArrayKey ? [value] : value;
    else fields[key] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return fields;
}

/**
 * Reads and parses a request. `path` is already relative to the base path. Never throws for
 * bad input (that becomes `problem`); rejects only if the client's stream fails.
 */
export async function readRequest(
  incoming: IncomingMessage,
  path: string,
  search: URLSearchParams,
  limitBytes = MAX_BODY_BYTES,
): Promise<ReadRequest> {
  const base = {
    method: (incoming.method ?? 'GET').toUpperCase(),
    path,
    query: parseFields(search),
    headers: incoming.headers,
  };
  const rawBody = await readBody(incoming, limitBytes);
  if (rawBody === undefined) {
    return { ...base, body: undefined, rawBody: Buffer.alloc(0), problem: jsonResponse(413, { message: 'Payload too large' }) };
  }
  const parsed = await parseBody(rawBody, incoming.headers['content-type']);
  if ('problem' in parsed) return { ...base, body: undefined, rawBody, problem: parsed.problem };
  const method = parsed.form ? overriddenMethod(base.method, parsed.form) : base.method;
  return { ...base, method, body: parsed.form ?? parsed.body, rawBody, ...(parsed.files ? { files: parsed.files } : {}) };
}

/** Writes a handler's answer; returns the bytes of its body (the simulators count them per route). */
export function sendResponse(res: ServerResponse, answer: SimResponse): number {
  const headers: Record<string, string> = {};
  let payload: string | Buffer | undefined;
  if (answer.json !== undefined) {
    headers['content-type'] = 'application/json; charset=utf-8';
    payload = JSON.stringify(answer.json);
  } else if (answer.text !== undefined) {
    headers['content-type'] = 'text/plain; charset=utf-8';
    payload = answer.text;
  } else if (answer.bytes !== undefined) {
    headers['content-type'] = 'application/octet-stream';
    payload = answer.bytes;
  }
  // Explicit headers win, so a handler can send XML or `text/plain` without charset.
  for (const [name, value] of Object.entries(answer.headers ?? {})) headers[name.toLowerCase()] = value;
  const bytes = payload === undefined ? 0 : Buffer.byteLength(payload);
  if (payload !== undefined) headers['content-length'] = String(bytes);
  res.writeHead(answer.status, headers);
  res.end(payload);
  return bytes;
}

// Private:

/** Resolves the body, or `undefined` once it passes `limitBytes` (still drained, so the client reads the 413). */
function readBody(incoming: IncomingMessage, limitBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
      else chunks.length = 0;
    });
    incoming.on('end', () => resolve(size <= limitBytes ? Buffer.concat(chunks) : undefined));
    incoming.on('error', reject);
  });
}

type ParsedBody = { body: unknown; form?: undefined; files?: undefined } | { body?: undefined; form: SimQuery; files?: SimFile[] } | { problem: SimResponse };

async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (raw.length === 0) return { body: undefined };
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  // `*+json` covers Mainflux's `application/senml+json`.
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
    try {
      return { body: JSON.parse(raw.toString('utf8')) as unknown };
    } catch {
      return { problem: jsonResponse(400, { message: 'Invalid JSON' }) };
    }
  }
  if (mediaType === 'application/x-www-form-urlencoded') {
    return { form: parseFields(new URLSearchParams(raw.toString('utf8'))) };
  }
  if (mediaType === 'multipart/form-data') return parseMultipart(raw, contentType!);
  return { body: undefined };
}

/** A multipart body (file uploads): text fields as a form, file parts with their bytes. */
async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  try {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const fields = new URLSearchParams();
    const files: SimFile[] = [];
    for (const [field, value] of form) {
      if (typeof value === 'string') fields.append(field, value);
      else files.push({ field, name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
    }
    return { form: parseFields(fields), files };
  } catch {
    return { problem: jsonResponse(400, { message: 'Malformed multipart body' }) };
  }
}

/** Igtimi's docs suggest `POST` with a form field `_method=GET` for long id lists (forms only, not JSON). */
function overriddenMethod(method: string, form: SimQuery): string {
  return method === 'POST' && firstValue(form._method)?.toUpperCase() === 'GET' ? 'GET' : method;
}
