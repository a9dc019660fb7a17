import DataLoader from 'dataloader';
import type { IgtimiClient } from './igtimi.client';
import type { IgtimiLiveHub } from './igtimi.live';

/**
 * The data type whose newest point stands for a device's last contact: GPS position, which
 * every Igtimi logger records at its highest rate (1 Hz on the water).
 */
export const IGTIMI_LAST_SEEN_TYPE = 1;

/**
 * `Device.lastSeenAt` for one request. Igtimi device payloads carry no time, so it is the
 * newest data the gateway has: what an open live socket of this credential carried for the
 * serial (no call), else the newest GPS point from `resources/data/latest`, one call carrying
 * every serial of the request (batched), never one call per device.
 */
export class IgtimiLastSeen {
  private readonly loader = new DataLoader<string, Date | null>((serials) => this.latest(serials), { maxBatchSize: 100 });

  constructor(
    private readonly client: IgtimiClient,
    private readonly hub: IgtimiLiveHub,
    private readonly credentialKey: string,
  ) {}

  of(serial: string): Promise<Date | null> {
    const live = this.hub.newestDataAt(this.credentialKey, serial);
    return live === null ? this.loader.load(serial) : Promise.resolve(new Date(live));
  }

  // Private:

  private async latest(serials: readonly string[]): Promise<Array<Date | null>> {
    const answer = await this.client.latest(IGTIMI_LAST_SEEN_TYPE, serials);
    const newest = new Map<string, number>();
    for (const { latest_datum: datum } of answer.latest_data) {
      newest.set(datum.serial_number, Math.max(datum.timestamp, newest.get(datum.serial_number) ?? 0));
    }
    return serials.map((serial) => {
      const at = newest.get(serial);
      return at === undefined ? null : new Date(at);
    });
  }
}
