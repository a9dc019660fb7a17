/**
 * The Mainflux HTTP adapter (`POST /http/channels/{id}/messages`, 202) and readers
 * (`GET /channels/{id}/messages`), both authenticated with `Authorization: Thing <key>`.
 */
import type { Router } from '../router';
import { firstValue, jsonResponse } from '../router';
import { checkSenml, resolveSenml } from './mainflux.routes-senml';
import { empty, fail, isConnected, NOT_FOUND_ENTITY, paging, UNAUTHORIZED, UNSUPPORTED, type MainfluxContext, type MainfluxSimThing } from './mainflux.store';

/** Largest pack the adapter accepts. */
const MAX_RECORDS = 1000;

export function registerMessageRoutes(router: Router, context: MainfluxContext): void {
  const { state } = context;
  const thingOf = (authorization: string | undefined): MainfluxSimThing | undefined => {
    const key = /^Thing\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    return key ? state.things.find((thing) => thing.key === key) : undefined;
  };

  router.add('POST', '/http/channels/:id/messages', (request) => {
    const thing = thingOf(request.headers.authorization);
    if (!thing) return UNAUTHORIZED;
    const channelId = request.params.id!;
    if (!state.channels.some((c) => c.id === channelId)) return NOT_FOUND_ENTITY;
    if (!isConnected(state, channelId, thing.id)) return fail(403, 'failed to perform authorization over the entity');
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/senml+json' && type !== 'application/json') return UNSUPPORTED;
    const pack = checkSenml(request.body);
    if (typeof pack === 'string') return fail(400, pack);
    if (pack.length > MAX_RECORDS) return fail(400, `at most ${MAX_RECORDS} records per message`);
    const messages = resolveSenml(pack, channelId, thing.id, 'http', context.now().getTime() / 1000);
    state.messages.push(...messages.map((message) => ({ ...message, channel: channelId })));
    context.publish(channelId, thing.id, pack);
    return empty(202);
  });

  router.add('GET', '/channels/:id/messages', (request) => {
    const thing = thingOf(request.headers.authorization);
    if (!thing) return UNAUTHORIZED;
    const channelId = request.params.id!;
    if (!state.channels.some((c) => c.id === channelId)) return NOT_FOUND_ENTITY;
    if (!isConnected(state, channelId, thing.id)) return fail(403, 'failed to perform authorization over the entity');
    const page = paging(request.query);
    if ('problem' in page) return page.problem;
    const name = firstValue(request.query.name);
    const publisher = firstValue(request.query.publisher);
    const from = number(firstValue(request.query.from));
    const to = number(firstValue(request.query.to));
    if (Number.isNaN(from) || Number.isNaN(to)) return fail(400, 'invalid time window');
    const matching = state.messages.filter(
      (m) =>
        m.channel === channelId &&
        (!name || m.name === name) &&
        (!publisher || m.publisher === publisher) &&
        (from === undefined || m.time >= from) &&
        (to === undefined || m.time <= to),
    );
    // Newest first, as the doc's read example answers.
    const newest = matching.sort((a, b) => b.time - a.time).map(({ channel: _channel, ...message }) => message);
    return jsonResponse(200, {
      offset: page.offset,
      limit: page.limit,
      format: 'messages',
      total: newest.length,
      messages: newest.slice(page.offset, page.offset + page.limit),
    });
  });
}

function number(text: string | undefined): number | undefined {
  return text === undefined || text === '' ? undefined : Number(text);
}
