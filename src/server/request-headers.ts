import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PresentedCredentials } from './caller-auth';

/** A header's first value, or null. */
export function headerValue(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** What an HTTP request brings to caller auth (operation-admission.ts). */
export function callerCredentials(req: IncomingMessage): PresentedCredentials {
  return { apiKey: headerValue(req, 'x-api-key'), authorization: headerValue(req, 'authorization') };
}

/** The client's `X-Request-Id` (first 100 characters) or a new one, echoed on the answer. */
export function tagRequest(req: IncomingMessage, res: ServerResponse): string {
  const requestId = headerValue(req, 'x-request-id')?.slice(0, 100) || randomUUID();
  res.setHeader('x-request-id', requestId);
  return requestId;
}
