import { contentId } from '../../core/keyset';
import type { KeysetSource } from '../../core/keyset-page';
import { newestSlice, windowScan, type NewestReader } from '../../core/keyset-window';
import type { ThingseeClient } from './thingsee.client';
import { mapThingseeMessage } from './thingsee.mapper';
import type { ThingseeMessageRecord } from './thingsee.model';

/** The largest `limit` one messages read asks for. */
const MAX_LIMIT = 1000;

/** Message and event id filters of a messages read. */
export interface ThingseeMessageIds {
  messageIds: readonly number[] | null;
  eventIds: readonly number[] | null;
}

/**
 * A thing's messages for keyset paging. `GET /things/{tuid}/messages` answers the newest
 * `limit` messages of a `from`/`to` window (whole seconds, inclusive) and has no offset, so
 * pages move the window. Messages carry no id: the tie-breaker is a digest of the message.
 */
export function thingMessageSource(client: ThingseeClient, tuid: string, ids: ThingseeMessageIds): KeysetSource<ThingseeMessageRecord> {
  const time = (m: ThingseeMessageRecord) => m.time.getTime();
  const reader: NewestReader<ThingseeMessageRecord> = {
    step: 1000,
    maxLimit: MAX_LIMIT,
    time,
    newest: async (window, limit) => {
      const wire = await client.messages(tuid, {
        ...(ids.messageIds?.length ? { messageid: ids.messageIds.join(',') } : {}),
        ...(ids.eventIds?.length ? { eventid: ids.eventIds.join(',') } : {}),
        ...(window.from !== null ? { from: Math.ceil(window.from / 1000) } : {}),
        ...(window.to !== null ? { to: Math.floor(window.to / 1000) } : {}),
        limit,
      });
      return newestSlice(wire.map(mapThingseeMessage), limit, time);
    },
  };
  return {
    list: 'ThingseeThing.messagesConnection',
    key: (m) => ({ time: time(m), id: contentId(m.raw) }),
    scan: (request) => windowScan(reader, request),
  };
}
