import type { DeviceStatusRecord, MeasurementRecord, NodeRecord } from '../../core/model';
import { pushFeed } from '../../core/push-feed';
import type { IgtimiClient } from './igtimi.client';
import { checkDataArgs } from './igtimi.reads-data';
import { mapIgtimiSeries } from './igtimi.catalogue';
import type { IgtimiLiveHub } from './igtimi.live';
import { IGTIMI_DEVICE } from './igtimi.model';

/**
 * The live feeds of one request: each subscription joins the credential's one upstream socket
 * (see IgtimiLiveHub) with its serials and leaves it on `return()`.
 */
export function igtimiLiveFeeds(hub: IgtimiLiveHub, credentialKey: string, client: IgtimiClient) {
  const serialsOf = (sources: readonly NodeRecord[]) => new Set(sources.filter((s) => s.typename === IGTIMI_DEVICE).map((s) => s.nativeId));
  return {
    measurements(sources: readonly NodeRecord[], names: readonly string[] | null): AsyncIterable<MeasurementRecord> {
      // Unknown names fail the subscribe, before any socket opens.
      checkDataArgs({ names, from: null, to: null, last: null });
      const serials = serialsOf(sources);
      return pushFeed<MeasurementRecord>((push, fail) =>
        hub.subscribe(credentialKey, client, {
          serials,
          onEvent: (event) => {
            if (event.kind === 'data') for (const point of mapIgtimiSeries(event.serial, event.series, names)) push(point);
          },
          onError: fail,
        }),
      );
    },

    deviceStatus(devices: readonly NodeRecord[]): AsyncIterable<DeviceStatusRecord> {
      const bySerial = new Map(devices.filter((d) => d.typename === IGTIMI_DEVICE).map((d) => [d.nativeId, d]));
      return pushFeed<DeviceStatusRecord>((push, fail) =>
        hub.subscribe(credentialKey, client, {
          serials: new Set(bySerial.keys()),
          onEvent: (event) => {
            if (event.kind !== 'status') return;
            push({
              source: bySerial.get(event.serial)!,
              online: event.online,
              batteryLevel: null,
              lastSeenAt: event.lastSeenAt === null ? null : new Date(event.lastSeenAt),
              at: new Date(),
              raw: { serial_number: event.serial, online: event.online },
            });
          },
          onError: fail,
        }),
      );
    },
  };
}
