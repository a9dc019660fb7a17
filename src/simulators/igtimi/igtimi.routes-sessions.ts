/**
 * Igtimi session and session log routes (igtimi.txt, "Sessions", "Session Logs"). The log
 * format is not in the doc ("Understanding Session Logs" is not part of it); the simulator
 * reads and writes `<session_log><entry time="ms">…</entry></session_log>`, where an entry
 * holds `<name>`, `<start_time>`, `<end_time>`, `<device serial_number="…"/>` or `<comment>`.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { jsonResponse } from '../router';
import type { SimSession } from './igtimi.seed';
import { blobAnswer, flag, igtimiError, int, list, millis, params, SUCCESS, text, type IgtimiContext, type IgtimiRoute } from './igtimi.store';

const V1 = '/api/v1';
const NO_SESSION = igtimiError(401, 'Session does not exist');
const NO_MODIFY = igtimiError(401, 'The user does not have modify permission on the session.');
const ENTRY_TAGS = new Set(['name', 'start_time', 'end_time', 'device', 'comment']);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'entry' || name === 'device' });

export function registerSessionRoutes(route: IgtimiRoute, context: IgtimiContext): void {
  const { state } = context;
  const find = (id: string | undefined) => state.sessions.find((x) => String(x.id) === id);

  route('GET', `${V1}/sessions`, (request, caller) => {
    const query = params(request);
    const ids = list(query, 'ids');
    // "Forced to true when using client credentials authentication."
    const withPublic = caller.application || flag(query, 'public', true);
    const incomplete = flag(query, 'include_incomplete', true);
    const from = millis(query, 'start_time');
    const to = millis(query, 'end_time');
    const content = flag(query, 'blob_content', false);
    let sessions = state.sessions.filter((x) => x.owner_id === caller.user.id || (withPublic && x.public));
    if (ids.length) sessions = sessions.filter((x) => ids.includes(String(x.id)));
    sessions = sessions.filter((x) => {
      if (x.start_time === null || x.end_time === null) return incomplete;
      return (from === undefined || x.end_time >= from) && (to === undefined || x.start_time <= to);
    });
    const limit = int(query, 'limit');
    if (limit !== undefined) sessions = sessions.slice(0, limit);
    return jsonResponse(200, { sessions: sessions.map((x) => ({ session: view(x, content) })) });
  });

  route('POST', `${V1}/sessions`, (_request, caller) => {
    const created: SimSession = {
      id: Math.max(...state.sessions.map((x) => x.id)) + 1,
      name: null,
      start_time: null,
      end_time: null,
      owner_id: caller.user.id,
      session_group_id: null,
      admin_session_group_id: null,
      permissions: { read: true, modify: true },
      blob: false,
      blob_content: null,
      public: false,
      log: [],
    };
    state.sessions.push(created);
    const { blob: _blob, ...answer } = view(created, false);
    return jsonResponse(200, { session: answer });
  });

  route('GET', `${V1}/sessions/:id`, (request, caller) => {
    const session = find(request.params.id);
    if (!session || !(session.public || session.owner_id === caller.user.id)) return NO_SESSION;
    return jsonResponse(200, { session: view(session, false) });
  });

  route('DELETE', `${V1}/sessions/:id`, (request, caller) => {
    const session = find(request.params.id);
    if (!session) return NO_SESSION;
    if (session.owner_id !== caller.user.id) return NO_MODIFY;
    state.sessions.splice(state.sessions.indexOf(session), 1);
    return SUCCESS;
  });

  route('GET', `${V1}/sessions/:id/blob`, (request, caller) => {
    const session = find(request.params.id);
    return session && (session.public || session.owner_id === caller.user.id) ? blobAnswer(session.blob_content ?? null) : NO_SESSION;
  });

  route('POST', `${V1}/sessions/:id/blob`, (request, caller) => {
    const session = find(request.params.id);
    if (!session) return NO_SESSION;
    if (session.owner_id !== caller.user.id) return NO_MODIFY;
    session.blob_content = text(params(request), 'content') ?? '';
    session.blob = true;
    return SUCCESS;
  });

  route('GET', `${V1}/sessions/:id/logs`, (request, caller) => {
    const session = find(request.params.id);
    if (!session || !(session.public || session.owner_id === caller.user.id)) return NO_SESSION;
    const since = millis(params(request), 'start_time') ?? -Infinity;
    const entries = session.log.filter((entry) => entry.time >= since).map((entry) => `  <entry time="${entry.time}">${entry.xml}</entry>`);
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<session_log session_id="${session.id}">\n${entries.join('\n')}\n</session_log>\n`;
    return { status: 200, text: xml, headers: { 'content-type': 'application/xml; charset=utf-8' } };
  });

  route('POST', `${V1}/sessions/:id/logs`, (request, caller) => {
    const session = find(request.params.id);
    if (!session) return NO_SESSION;
    if (session.owner_id !== caller.user.id) return NO_MODIFY;
    const problem = applyLog(session, request.rawBody.toString('utf8'));
    // "403 - The session logs were not in the right format. An error message is returned in the body explaining why."
    return problem ? igtimiError(403, 'Invalid session log', problem) : SUCCESS;
  });
}

/** Checks a log addition and applies it; answers what is wrong, or null. */
function applyLog(session: SimSession, xml: string): string | null {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return `${valid.err.msg} at line ${valid.err.line}`;
  const doc = parser.parse(xml) as Record<string, unknown>;
  const root = doc.session_log as { entry?: Array<Record<string, unknown>> } | undefined;
  if (!root || typeof root !== 'object') return 'The root element must be <session_log>';
  const entries = root.entry ?? [];
  if (entries.length === 0) return 'A session log addition needs at least one <entry>';
  const additions: SimSession['log'] = [];
  // Changes apply only once the whole addition is checked: a refused log changes nothing.
  const changes: Partial<Pick<SimSession, 'name' | 'start_time' | 'end_time'>> = {};
  for (const entry of entries) {
    const time = Number(entry['@time']);
    if (!Number.isFinite(time)) return 'Every <entry> needs a time attribute in epoch milliseconds';
    const tags = Object.keys(entry).filter((key) => !key.startsWith('@'));
    const unknown = tags.find((tag) => !ENTRY_TAGS.has(tag));
    if (unknown) return `<${unknown}> is not a session log element`;
    for (const tag of tags) {
      const value = entry[tag];
      if (tag === 'device') {
        for (const device of value as Array<Record<string, unknown>>) {
          const serial = String(device['@serial_number'] ?? '');
          if (!/^[A-Z]{2}-[A-Z]{2}-[A-Z]{4}$/.test(serial)) return `<device> needs a serial_number like GA-EN-AAEJ, got "${serial}"`;
          additions.push({ time, xml: `<device serial_number="${serial}"/>` });
        }
      } else if ((tag === 'start_time' || tag === 'end_time') && !Number.isFinite(Number(value))) {
        return `<${tag}> must be epoch milliseconds`;
      } else {
        additions.push({ time, xml: `<${tag}>${escape(String(value))}</${tag}>` });
        if (tag === 'name') changes.name = String(value);
        if (tag === 'start_time') changes.start_time = Number(value);
        if (tag === 'end_time') changes.end_time = Number(value);
      }
    }
  }
  Object.assign(session, changes);
  session.log.push(...additions);
  return null;
}

function view(session: SimSession, content: boolean) {
  const { public: _public, log: _log, blob_content, ...wire } = session;
  return { ...wire, ...(content && session.blob ? { blob_content } : {}) };
}

function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
