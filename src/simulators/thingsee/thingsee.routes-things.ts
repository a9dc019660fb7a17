/**
 * Thingsee thing routes, as documented in shared/vendor-api/thingsee.txt ("Things").
 */
import type { ThingseeWireCommand, ThingseeWireThingAlerts } from '../../vendors/thingsee/thingsee.wire';
import { firstValue } from '../router';
import type { ThingseeSimAlert } from './thingsee.store-state';
import { NO_SUCH_THING, fail, findThing, idListParam, ok, unixParam, type ThingseeContext, type ThingseeRoute } from './thingsee.store';
import type { SimQuery, SimResponse } from '../router';

/** Largest `limit` served; more is clamped. */
const MAX_LIMIT = 1000;
const COMMAND_IDS = [1500, 1501, 12200, 13200];
const STATUSES = ['new', 'installed', 'uninstalled', 'quarantine', 'retired'];

export function registerThingRoutes(route: ThingseeRoute, context: ThingseeContext): void {
  const { state } = context;

  route('GET', '/things/alerts', () => ok({ alerting_tuids: alertingTuids(state.alerts) }));

  // The count is a string in the doc's example.
  route('GET', '/things/alerts/count', () => ok({ alert_count: String(alertingTuids(state.alerts).length) }));

  route('GET', '/things/:tuid', (request) => {
    const thing = findThing(context, request.params.tuid);
    if (!thing) return NO_SUCH_THING;
    return ok({
      ...(thing.battery_level !== null ? { battery_level: thing.battery_level } : {}),
      timestamp: thing.timestamp,
      location: thing.location,
      gateway_tuid: thing.gateway_tuid,
      version: thing.version,
    });
  });

  route('GET', '/things/:tuid/alerts', (request) => {
    if (!findThing(context, request.params.tuid)) return NO_SUCH_THING;
    const from = unixParam(request.query, 'from');
    const to = unixParam(request.query, 'to');
    if (from === null || to === null) return fail(400, 'from and to must be unix timestamps');
    const periods = state.alerts.filter(
      (a) => a.tuid === request.params.tuid && (to === undefined || a.from <= to) && (from === undefined || (a.to ?? Infinity) >= from),
    );
    return ok(groupAlerts(periods));
  });

  route('GET', '/things/:tuid/messages', (request) => {
    if (!findThing(context, request.params.tuid)) return NO_SUCH_THING;
    const limit = limitParam(request.query, true);
    if (typeof limit !== 'number') return limit;
    const filter = messageFilter(request.query);
    if ('status' in filter) return filter;
    const messages = (state.messages.get(request.params.tuid) ?? []).filter(
      (m) => filter.accepts(m.tsmId, m.tsmEv, m.tsmTs),
    );
    // Newest first: `limit` keeps the latest messages of the window.
    return ok(messages.slice(-limit).reverse());
  });

  route('GET', '/things/:tuid/commands', (request) => {
    if (!findThing(context, request.params.tuid)) return NO_SUCH_THING;
    const limit = limitParam(request.query, false);
    if (typeof limit !== 'number') return limit;
    const filter = messageFilter(request.query);
    if ('status' in filter) return filter;
    const commands = (state.commands.get(request.params.tuid) ?? []).filter((c) =>
      filter.accepts(c.command.tsmId, c.command.tsmEv, c.command.tsmTs),
    );
    // "In chronological order": the latest `limit` commands, oldest of them first.
    return ok(commands.slice(-limit));
  });

  route('POST', '/things/:tuid/commands', (request, client) => {
    const thing = findThing(context, request.params.tuid);
    if (!thing) return NO_SUCH_THING;
    const body = request.body;
    if (!Array.isArray(body) || body.length === 0) return fail(400, 'Body must be a non-empty array of commands');
    for (const command of body as Array<Record<string, unknown>>) {
      if (typeof command?.tsmId !== 'number' || typeof command.tsmEv !== 'number') return fail(400, 'tsmId and tsmEv are required numbers');
      if (!COMMAND_IDS.includes(command.tsmId)) return fail(400, `Message id ${command.tsmId} is not allowed`);
    }
    const tsmTs = Math.floor(context.now() / 1000);
    const sent: ThingseeWireCommand[] = (body as Array<Record<string, unknown>>).map((command) => ({
      ...command,
      tsmId: command.tsmId as number,
      tsmEv: command.tsmEv as number,
      tsmTs,
      tsmDstTuid: thing.tuid,
    }));
    const history = state.commands.get(thing.tuid) ?? [];
    for (const command of sent) history.push({ tuid: thing.tuid, timestamp: tsmTs, responsible: client.client_id, command });
    state.commands.set(thing.tuid, history);
    return ok({ responsible: client.client_id, commands: sent });
  });

  route('GET', '/things/:tuid/installations', (request) => {
    if (!findThing(context, request.params.tuid)) return NO_SUCH_THING;
    const limit = limitParam(request.query, false);
    if (typeof limit !== 'number') return limit;
    return ok([...(state.installations.get(request.params.tuid) ?? [])].reverse().slice(0, limit));
  });

  route('POST', '/things/:tuid/installations', (request, client) => {
    const thing = findThing(context, request.params.tuid);
    if (!thing) return NO_SUCH_THING;
    const status = (request.body as { installation_status?: unknown } | undefined)?.installation_status;
    if (typeof status !== 'string' || !STATUSES.includes(status)) {
      return fail(400, `installation_status must be one of ${STATUSES.join(', ')}`);
    }
    const history = state.installations.get(thing.tuid) ?? [];
    history.push({ tuid: thing.tuid, installation_status: status, timestamp: Math.floor(context.now() / 1000), responsible: client.client_id });
    state.installations.set(thing.tuid, history);
    return ok({ tuid: thing.tuid, installation_status: status });
  });
}

/** Distinct tuids with an active alert, in first-raised order. */
export function alertingTuids(alerts: readonly ThingseeSimAlert[]): string[] {
  return [...new Set(alerts.filter((a) => a.to === null).map((a) => a.tuid))];
}

/** One entry per alert type, periods oldest first, times as zone-less ISO (the doc's form). */
function groupAlerts(periods: readonly ThingseeSimAlert[]): ThingseeWireThingAlerts[] {
  const byType = new Map<string, ThingseeWireThingAlerts>();
  for (const period of periods) {
    const entry = byType.get(period.alert_type) ?? { tuid: period.tuid, alert_type: period.alert_type, alerts: [] };
    entry.alerts.push({ from: isoSeconds(period.from), to: period.to === null ? null : isoSeconds(period.to) });
    byType.set(period.alert_type, entry);
  }
  return [...byType.values()];
}

function isoSeconds(unix: number): string {
  return new Date(unix * 1000).toISOString().slice(0, 19);
}

function limitParam(query: SimQuery, required: boolean): number | SimResponse {
  const text = firstValue(query.limit);
  if (text === undefined || text === '') return required ? fail(400, 'limit is required') : MAX_LIMIT;
  if (!/^\d+$/.test(text) || Number(text) < 1) return fail(400, 'limit must be a positive number');
  return Math.min(Number(text), MAX_LIMIT);
}

function messageFilter(query: SimQuery): { accepts(id: number, ev: number, ts: number): boolean } | SimResponse {
  const ids = idListParam(query, 'messageid');
  const events = idListParam(query, 'eventid');
  const from = unixParam(query, 'from');
  const to = unixParam(query, 'to');
  if (ids === null || events === null) return fail(400, 'messageid and eventid must be comma-separated numbers');
  if (from === null || to === null) return fail(400, 'from and to must be unix timestamps');
  return {
    accepts: (id, ev, ts) =>
      (!ids || ids.includes(id)) && (!events || events.includes(ev)) && (from === undefined || ts >= from) && (to === undefined || ts <= to),
  };
}
