import type { Logger } from '../../core/logger';
import { realPollTimer } from '../../core/poll-pacing';
import type { LiveClock } from '../adapter';
import { IgtimiLiveConnection } from './igtimi.live-connection';
import type { IgtimiWireSeries } from './igtimi.wire';

/** Timings of the live protocol (VENDOR-NOTES, Igtimi); injectable so tests can shorten them. */
export interface IgtimiLiveOptions {
  /** The text `1` both ways. @default 15000 */
  heartbeatMs: number;
  /** No frame for this long: the socket is dead, reconnect. @default 45000 */
  silenceMs: number;
  /** First reconnect delay after every server failed; doubles up to `maxBackoffMs`. @default 1000 */
  backoffMs: number;
  /** @default 30000 */
  maxBackoffMs: number;
  /** A device that sent nothing for this long is reported offline. @default 30000 */
  offlineAfterMs: number;
  /** Hosts a server-list entry may point at (the list comes from upstream, so it is checked). */
  allowedHosts: ReadonlySet<string>;
  /** The watchdog's time (heartbeats, silence, offline devices) and the reconnect backoff's; tests step it instead of waiting. */
  clock: LiveClock;
}

/** Real timers and `Date.now`. */
export const REAL_CLOCK: LiveClock = { now: () => Date.now(), timer: realPollTimer };

export const IGTIMI_LIVE_DEFAULTS: Omit<IgtimiLiveOptions, 'allowedHosts' | 'clock'> = {
  heartbeatMs: 15_000,
  silenceMs: 45_000,
  backoffMs: 1_000,
  maxBackoffMs: 30_000,
  offlineAfterMs: 30_000,
};

/** What a live connection needs from the REST side: the server list and the token. */
export interface IgtimiLiveSource {
  serverList(): Promise<{ web_socket_servers: string[] }>;
  token(): Promise<string>;
}

export type IgtimiLiveEvent =
  | { kind: 'data'; serial: string; series: Record<string, IgtimiWireSeries> }
  | { kind: 'status'; serial: string; online: boolean; lastSeenAt: number | null };

export interface IgtimiLiveSubscriber {
  serials: ReadonlySet<string>;
  onEvent(event: IgtimiLiveEvent): void;
  onError(error: Error): void;
}

/**
 * One upstream WebSocket per credential, shared by every subscriber of that credential: a new
 * subscriber's serials are added by sending the config frame again on the open socket, never
 * by opening another. The socket closes when its last subscriber leaves.
 */
export class IgtimiLiveHub {
  private readonly connections = new Map<string, IgtimiLiveConnection>();

  constructor(
    private readonly options: IgtimiLiveOptions,
    private readonly logger: Logger,
  ) {}

  subscribe(credentialKey: string, source: IgtimiLiveSource, subscriber: IgtimiLiveSubscriber): () => void {
    let connection = this.connections.get(credentialKey);
    if (!connection) {
      connection = new IgtimiLiveConnection(source, this.options, this.logger, () => this.connections.delete(credentialKey));
      this.connections.set(credentialKey, connection);
    }
    return connection.add(subscriber);
  }

  /** The newest data time (ms) a live socket of this credential carried for an online `serial`. */
  newestDataAt(credentialKey: string, serial: string): number | null {
    return this.connections.get(credentialKey)?.newestDataAt(serial) ?? null;
  }

  /** Open upstream sockets (for health and tests). */
  get size(): number {
    return this.connections.size;
  }

  close(): void {
    for (const connection of [...this.connections.values()]) connection.stop();
  }
}
