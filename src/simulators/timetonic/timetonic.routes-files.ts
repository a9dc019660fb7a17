/**
 * File URLs (doc: "Get (or open or play) image, media file or document from URL"): by message
 * id and attachment count (`/dbi/ic|oic|dc|odc/<size>/<b_o>/<b_c>/<smid>/<count>[/<name>]`,
 * session required) and by internal name (`/dbi/in|oin|dn|odn/<size>/<internName>[/<name>]`,
 * the one form open to anyone). Answers an uploaded file's bytes (timetonic.routes-uploads.ts), or
 * placeholder text for a seeded one, with the file's content type.
 */
import type { TimetonicWireMedia } from '../../vendors/timetonic/timetonic.wire';
import { jsonResponse, type Router, type SimRequest, type SimResponse } from '../router';
import { sessionUser } from './timetonic.auth';
import { visibleBook } from './timetonic.routes-books';
import { Params, TimetonicNok, type TimetonicSimState } from './timetonic.store';

const BY_MESSAGE = { ic: 'media', oic: 'media', dc: 'doc', odc: 'doc' } as const;
const BY_NAME = { in: 'media', oin: 'media', dn: 'doc', odn: 'doc' } as const;
const MIME: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' };
const FILE_NOT_FOUND: SimResponse = jsonResponse(404, { status: 'nok', errorCode: 'apiProcess404', errorMsg: 'file not found' });

export function registerFileRoutes(router: Router, state: TimetonicSimState): void {
  for (const [kind, type] of Object.entries(BY_MESSAGE)) {
    for (const method of ['GET', 'POST']) {
      const handler = (request: SimRequest) => byMessage(state, request, type);
      router.add(method, `/dbi/${kind}/:size/:bo/:bc/:smid/:count`, handler);
      router.add(method, `/dbi/${kind}/:size/:bo/:bc/:smid/:count/:name`, handler);
    }
  }
  for (const [kind, type] of Object.entries(BY_NAME)) {
    for (const method of ['GET', 'POST']) {
      const handler = (request: SimRequest) => byName(state, request.params.internal, type) ?? FILE_NOT_FOUND;
      router.add(method, `/dbi/${kind}/:size/:internal`, handler);
      router.add(method, `/dbi/${kind}/:size/:internal/:name`, handler);
    }
  }
}

// Private:

function byMessage(state: TimetonicSimState, request: SimRequest, type: 'media' | 'doc'): SimResponse {
  // Session parameters come as POST fields (doc) or, for a browser, in the query string.
  const fields = { ...request.query, ...((request.body as Record<string, string>) ?? {}) };
  const { bo, bc, smid, count } = request.params;
  try {
    const user = sessionUser(state, new Params(fields));
    const book = visibleBook(state, user, bo, bc);
    const message = book.messages.find((m) => String(m.smid) === smid && !m.del);
    const files = (type === 'media' ? message?.medias : message?.docs) ?? [];
    const file = files[Number(count)];
    return file && !file.del ? bytes(state, file) : FILE_NOT_FOUND;
  } catch (error) {
    if (error instanceof TimetonicNok) return jsonResponse(200, { status: 'nok', errorCode: error.errorCode, errorMsg: error.message });
    throw error;
  }
}

function byName(state: TimetonicSimState, internal: string, type: 'media' | 'doc'): SimResponse | null {
  const matches = (f: TimetonicWireMedia) => (f.internName === internal || f.uuid === internal) && f.type === type && !f.del;
  for (const book of state.books) {
    for (const message of book.messages) {
      const file = (type === 'media' ? message.medias : message.docs)?.find(matches);
      if (file && !message.del) return bytes(state, file);
    }
  }
  for (const files of state.cellFiles.values()) {
    const file = files.find(matches);
    if (file) return bytes(state, file);
  }
  return null;
}

/** An uploaded file's own bytes; a seeded one's placeholder text. */
function bytes(state: TimetonicSimState, file: TimetonicWireMedia): SimResponse {
  const headers = { 'content-type': MIME[file.ext] ?? 'application/octet-stream' };
  const stored = state.fileBytes.get(file.internName);
  return stored ? { status: 200, bytes: stored, headers } : { status: 200, text: `simulated ${file.type} ${file.originName}`, headers };
}
