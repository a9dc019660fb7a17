import type { IncomingMessage, ServerResponse } from 'node:http';
import { processRequest } from 'graphql-upload-minimal';

export interface UploadLimits {
  /** UPLOAD_MAX_BYTES: a larger file is cut, and the resolver reading it answers PAYLOAD_TOO_LARGE. */
  maxFileBytes: number;
  /** UPLOAD_MAX_FILES: more files refuse the request before it runs. */
  maxFiles: number;
  /** BODY_LIMIT_BYTES: the `operations` and `map` fields. */
  maxFieldBytes: number;
}

export type MultipartRead = { operations: unknown } | { status: number; code: string; message: string };

/** True for a GraphQL multipart request (the spec's `multipart/form-data` POST). */
export function isMultipart(req: IncomingMessage): boolean {
  return req.method === 'POST' && (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');
}

/**
 * Reads the `operations` and `map` fields of a GraphQL multipart request with
 * graphql-upload-minimal: what comes back is an ordinary operation whose `Upload` variables
 * hold the files, still unread — each streams from the socket when its resolver reads it.
 * Malformed or over-limit requests answer what to refuse with.
 */
export async function readMultipart(req: IncomingMessage, res: ServerResponse, limits: UploadLimits): Promise<MultipartRead> {
  try {
    // busboy flags a file that reaches its limit exactly as cut: one byte more keeps UPLOAD_MAX_BYTES itself allowed.
    const operations = await processRequest(req, res, { maxFileSize: limits.maxFileBytes + 1, maxFiles: limits.maxFiles, maxFieldSize: limits.maxFieldBytes });
    return { operations };
  } catch (error) {
    const status = (error as { status?: number }).status ?? 400;
    const message = error instanceof Error ? error.message : 'Malformed multipart request';
    if (status === 413) return { status, code: 'PAYLOAD_TOO_LARGE', message: `${message} (UPLOAD_MAX_FILES ${limits.maxFiles}, BODY_LIMIT_BYTES for the operations field)` };
    return { status: 400, code: 'BAD_REQUEST', message };
  }
}

/**
 * After the answer: whatever the operation did not read (a refused request, a file no resolver
 * opened) is read and dropped, so the connection can carry the next request.
 */
export function discardUnread(req: IncomingMessage): void {
  if (req.readableEnded) return;
  req.unpipe();
  req.resume();
}
