import { NotFoundError } from '../../core/errors';
import type { NodeRecord, VendorPage } from '../../core/model';
import type { EntitySource, ListArgs } from '../adapter';
import type { IgtimiApi } from './igtimi.api';
import type { IgtimiClient } from './igtimi.client';
import * as map from './igtimi.mapper';
import * as m from './igtimi.model';

/**
 * The device list asks for blob content (a few bytes: blobs are rare and small) but not device
 * info, which grows it by a third; the info is read only for devices whose `deviceInfo`,
 * `model` or `raw` a query asks (`IgtimiApi.detailed`, one `serial_numbers[]` call).
 */
export const DEVICE_LIST_EXTRAS = { blob_content: true } as const;

/** Batch loads by serial ask for everything: they serve the devices a query shows, whatever fields it asks. */
export const DEVICE_EXTRAS = { blob_content: true, device_info: true } as const;

/**
 * The four Igtimi sources. Igtimi lists have no paging, so a list is one call, paged and
 * searched here; batch loads use `serial_numbers[]` (devices) and `ids[]` (sessions), and
 * groups and device groups come from their one list call.
 */
export function igtimiSources(api: IgtimiApi, client: IgtimiClient): EntitySource[] {
  return [deviceSource(api, client), groupSource(api), deviceGroupSource(api), sessionSource(api, client)];
}

function deviceSource(api: IgtimiApi, client: IgtimiClient): EntitySource<'Device'> {
  return {
    typename: m.IGTIMI_DEVICE,
    kind: 'Device',
    list: async (args) => slice(searchable(await api.allDevices(true), args.search, (d) => `${d.name ?? ''} ${d.nativeId}`), args),
    loadMany: (serials) => loadDevices(client, serials),
  };
}

/** Devices by serial number, with blob content and device info: one `serial_numbers[]` call. */
export async function loadDevices(client: IgtimiClient, serials: readonly string[]): Promise<Array<m.IgtimiDeviceRecord | Error>> {
  const answer = await client.listDevices({ serial_numbers: serials, ...DEVICE_EXTRAS });
  const found = new Map(answer.devices.map((d) => [d.device.serial_number, map.mapIgtimiDevice(d.device)]));
  return serials.map((serial) => found.get(serial) ?? new NotFoundError(`No IGTIMI device with serial number ${serial}`, 'IGTIMI'));
}

function groupSource(api: IgtimiApi): EntitySource<'Group'> {
  return {
    typename: m.IGTIMI_GROUP,
    kind: 'Group',
    // Hidden groups (`_members`, `_public`, device user groups) are Igtimi's plumbing: lists leave them out.
    list: async (args) => slice(searchable((await api.allGroups(true)).filter((g) => !g.hidden), args.search, (g) => g.name ?? ''), args),
    loadMany: (ids) => pick(ids, () => api.allGroups(), 'group'),
  };
}

function deviceGroupSource(api: IgtimiApi): EntitySource<'Group'> {
  return {
    typename: m.IGTIMI_DEVICE_GROUP,
    kind: 'Group',
    list: async (args) => slice(searchable(await api.allDeviceGroups(true), args.search, (g) => g.prefix), args),
    loadMany: (ids) => pick(ids, () => api.allDeviceGroups(), 'device group'),
  };
}

function sessionSource(api: IgtimiApi, client: IgtimiClient): EntitySource<'Session'> {
  return {
    typename: m.IGTIMI_SESSION,
    kind: 'Session',
    list: async (args) => slice(searchable(await api.allSessions(true), args.search, (x) => x.name ?? ''), args),
    loadMany: async (ids) => {
      const answer = await client.listSessions({ ids, blob_content: true });
      const found = new Map(answer.sessions.map((x) => [String(x.session.id), map.mapIgtimiSession(x.session)]));
      return ids.map((id) => found.get(id) ?? new NotFoundError(`No IGTIMI session with id ${id}`, 'IGTIMI'));
    },
  };
}

function slice<T>(items: T[], args: ListArgs): VendorPage<T> {
  return { items: items.slice(args.offset, args.offset + args.limit), total: items.length };
}

/** Igtimi has no text search; lists are filtered here, case-insensitively. */
function searchable<T>(items: T[], search: string | null, text: (item: T) => string): T[] {
  const wanted = search?.toLowerCase();
  return wanted ? items.filter((item) => text(item).toLowerCase().includes(wanted)) : items;
}

async function pick<T extends NodeRecord>(ids: readonly string[], all: () => Promise<T[]>, what: string): Promise<Array<T | Error>> {
  const found = new Map((await all()).map((record) => [record.nativeId, record]));
  return ids.map((id) => found.get(id) ?? new NotFoundError(`No IGTIMI ${what} with id ${id}`, 'IGTIMI'));
}
