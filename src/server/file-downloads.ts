import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Caller, RequestContext } from '../context/context';
import { TributaryError } from '../core/errors';
import type { Logger } from '../core/logger';
import { timetonic } from '../schema/vendors/timetonic/timetonic.resolver';
import { parseTimetonicDownloadPath, TIMETONIC_FILES_PATH, type TimetonicFileRef } from '../vendors/timetonic/timetonic.ops-files';
import { sendError } from './graphql-handler';
import { isRefusal, type OperationAdmission } from './operation-admission';
import { sendRefusal, type FormatError } from './refusal-response';
import { callerCredentials } from './request-headers';

export interface FileDownloadDeps {
  admission: OperationAdmission;
  formatError: FormatError;
  logger: Logger;
  createContext: (req: IncomingMessage, caller: Caller, requestId: string) => Promise<RequestContext>;
}

/** HTTP status of a failed download, by error code. */
const STATUS: Record<string, number> = {
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  VENDOR_NOT_CONFIGURED: 503,
  VENDOR_UNAVAILABLE: 502,
  VENDOR_ERROR: 502,
  VENDOR_TIMEOUT: 504,
  VENDOR_RATE_LIMITED: 429,
};

/** True for a path this module serves. */
export function isFileDownload(pathname: string): boolean {
  return pathname.startsWith(`${TIMETONIC_FILES_PATH}/`);
}

/**
 * `GET /files/timetonic/…` (docs/files.md): a stored TimeTonic file, fetched with the caller's
 * credential (the gateway's, or the caller's `x-timetonic-token`) and streamed through as it
 * arrives. The caller is shed and authenticated as on `/graphql`; the vendor's session is sent
 * upstream as POST fields and never appears in the path or the answer. Served as an attachment
 * with `nosniff` and a sandbox CSP, so a stored HTML or SVG file never runs on the gateway's origin.
 */
export async function serveFileDownload(deps: FileDownloadDeps, req: IncomingMessage, res: ServerResponse, pathname: string, requestId: string): Promise<void> {
  if (req.method !== 'GET') {
    res.setHeader('allow', 'GET');
    return sendError(res, 405, 'BAD_REQUEST', 'Files are read with GET');
  }
  const ref = fileRef(pathname);
  if (!ref) return sendError(res, 404, 'NOT_FOUND', `No file at ${pathname.slice(0, 200)}`);
  const { admission } = deps;
  const permit = admission.shed('http');
  if (isRefusal(permit)) return sendRefusal(res, permit, deps.formatError);
  try {
    const caller = await admission.authenticate(callerCredentials(req), req.socket.remoteAddress ?? null, 'http');
    if (isRefusal(caller)) return sendRefusal(res, caller, deps.formatError);
    const context = await deps.createContext(req, caller, requestId);
    let download;
    try {
      download = await timetonic(context).files.download(ref);
    } catch (error) {
      if (!(error instanceof TributaryError)) throw error;
      return sendError(res, STATUS[error.code] ?? 502, error.code, error.message);
    }
    const length = download.headers['content-length'];
    res.writeHead(200, {
      'content-type': safeContentType(download.headers['content-type']),
      ...(typeof length === 'string' ? { 'content-length': length } : {}),
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(ref.name)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'private, no-store',
    });
    await pipeline(download.body, res).catch((error: unknown) => {
      // The client went away or the vendor cut the file: nothing left to answer.
      deps.logger.debug({ err: error, requestId }, 'file download ended early');
    });
  } finally {
    permit();
  }
}

function fileRef(pathname: string): TimetonicFileRef | null {
  try {
    return parseTimetonicDownloadPath(pathname.slice(TIMETONIC_FILES_PATH.length + 1).split('/').map(decodeURIComponent));
  } catch {
    return null;
  }
}

/** The vendor's content type when it is a plain `type/subtype`, else bytes. */
function safeContentType(value: string | string[] | undefined): string {
  const type = (Array.isArray(value) ? value[0] : value)?.split(';')[0]?.trim().toLowerCase() ?? '';
  return /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(type) ? type : 'application/octet-stream';
}
