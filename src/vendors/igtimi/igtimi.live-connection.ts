import WebSocket from 'ws';
import type { Logger } from '../../core/logger';
import type { IgtimiLiveEvent, IgtimiLiveOptions, IgtimiLiveSource, IgtimiLiveSubscriber } from './igtimi.live';
import type { IgtimiWireLiveConfig, IgtimiWireSeries } from './igtimi.wire';

/**
 * One upstream live socket and its subscribers: server list with failover, the config frame,
 * heartbeats, the silence watchdog, reconnects with backoff, and device online/offline tracking.
 */
export class IgtimiLiveConnection {
  private readonly subscribers = new Set<IgtimiLiveSubscriber>();
  private readonly lastSeen = new Map<string, number>();
  /** Newest data time (`t`, ms) per serial while the serial is online, for `Device.lastSeenAt`. */
  private readonly newestData = new Map<string, number>();
  private socket: WebSocket | null = null;
  /** Cancels the watchdog's next tick; null while no socket is open. */
  private cancelTick: (() => void) | null = null;
  /** Cancels the pending reconnect (on the clock, so tests step the backoff); null when none. */
  private cancelRetry: (() => void) | null = null;
  private attempt = 0;
  private lastFrameAt = 0;
  private sentSerials = '';
  private stopped = false;

  constructor(
    private readonly source: IgtimiLiveSource,
    private readonly options: IgtimiLiveOptions,
    private readonly logger: Logger,
    private readonly onStopped: () => void,
  ) {
    void this.connect();
  }

  add(subscriber: IgtimiLiveSubscriber): () => void {
    this.subscribers.add(subscriber);
    void this.sendConfig();
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) this.stop();
      else void this.sendConfig();
    };
  }

  /** The newest data time this socket carried for `serial` while it is online; null otherwise. */
  newestDataAt(serial: string): number | null {
    return this.newestData.get(serial) ?? null;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.closeSocket();
    this.cancelRetry?.();
    this.onStopped();
  }

  // Private:

  private serials(): string[] {
    return [...new Set([...this.subscribers].flatMap((s) => [...s.serials]))].sort();
  }

  /** Tries every listed server in order (failover); when all fail, waits with backoff and asks for the list again. */
  private async connect(): Promise<void> {
    let servers: string[] = [];
    try {
      servers = (await this.source.serverList()).web_socket_servers.filter((url) => this.allowed(url));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') return this.fail(error as Error);
    }
    for (const url of servers) {
      if (this.stopped) return;
      if (await this.open(url)) return;
    }
    this.scheduleReconnect();
  }

  private open(url: string): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = new WebSocket(url, { handshakeTimeout: 10_000 });
      let opened = false;
      socket.once('open', () => {
        opened = true;
        // The last subscriber may have left while the socket was connecting.
        if (this.stopped) {
          socket.terminate();
          return resolve(true);
        }
        this.socket = socket;
        this.lastFrameAt = this.options.clock.now();
        this.sentSerials = '';
        this.startTimers();
        void this.sendConfig();
        resolve(true);
      });
      socket.on('message', (data) => this.onFrame(String(data)));
      socket.once('error', (error) => this.logger.debug({ vendor: 'IGTIMI', url, err: error.message }, 'igtimi live socket error'));
      socket.once('close', () => {
        if (!opened) return resolve(false);
        if (this.socket === socket) this.closeSocket();
        if (!this.stopped) this.scheduleReconnect();
      });
    });
  }

  private async sendConfig(): Promise<void> {
    const socket = this.socket;
    const devices = this.serials();
    if (!socket || socket.readyState !== WebSocket.OPEN || devices.join(',') === this.sentSerials) return;
    this.sentSerials = devices.join(',');
    const config: IgtimiWireLiveConfig = { access_token: await this.source.token(), devices };
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(config));
  }

  private onFrame(text: string): void {
    this.lastFrameAt = this.options.clock.now();
    // `1` is a heartbeat; any other bare integer is the server's clock answering the config.
    if (/^\d+$/.test(text.trim())) {
      this.attempt = 0;
      return;
    }
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    for (const [serial, series] of Object.entries(frame as Record<string, unknown>)) {
      if (typeof series !== 'object' || series === null) continue;
      this.seen(serial, this.lastFrameAt);
      this.noteNewest(serial, series as Record<string, IgtimiWireSeries>);
      this.emit({ kind: 'data', serial, series: series as Record<string, IgtimiWireSeries> });
    }
  }

  private seen(serial: string, at: number): void {
    const before = this.lastSeen.get(serial);
    this.lastSeen.set(serial, at);
    if (before === undefined || at - before > this.options.offlineAfterMs) this.emit({ kind: 'status', serial, online: true, lastSeenAt: at });
  }

  private noteNewest(serial: string, byType: Record<string, IgtimiWireSeries>): void {
    let newest = this.newestData.get(serial) ?? 0;
    for (const series of Object.values(byType)) {
      if (!Array.isArray(series?.t)) continue;
      for (const t of series.t) if (typeof t === 'number' && Number.isFinite(t) && t > newest) newest = t;
    }
    if (newest > 0) this.newestData.set(serial, newest);
  }

  /** The watchdog: heartbeats, the silence check and offline devices, one tick at a time on the clock. */
  private startTimers(): void {
    const { clock } = this.options;
    const tick = Math.min(this.options.heartbeatMs, this.options.offlineAfterMs / 2, this.options.silenceMs / 3);
    let lastBeat = clock.now();
    const check = () => {
      const now = clock.now();
      if (now - lastBeat >= this.options.heartbeatMs && this.socket?.readyState === WebSocket.OPEN) {
        this.socket.send('1');
        lastBeat = now;
      }
      if (now - this.lastFrameAt > this.options.silenceMs) this.socket?.terminate();
      for (const [serial, at] of this.lastSeen) {
        if (now - at <= this.options.offlineAfterMs) continue;
        this.lastSeen.delete(serial);
        this.newestData.delete(serial);
        this.emit({ kind: 'status', serial, online: false, lastSeenAt: at });
      }
    };
    const arm = () => {
      this.cancelTick = clock.timer(() => {
        check();
        // Terminating the socket above may have stopped the watchdog; re-arm only while it runs.
        if (this.cancelTick) arm();
      }, tick);
    };
    arm();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.cancelRetry) return;
    const delay = Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** this.attempt);
    this.attempt += 1;
    // Jitter so many gateways do not reconnect in step after a server restart.
    this.cancelRetry = this.options.clock.timer(() => {
      this.cancelRetry = null;
      void this.connect();
    }, Math.round(delay * (0.5 + Math.random() / 2)));
  }

  private closeSocket(): void {
    this.cancelTick?.();
    this.cancelTick = null;
    const socket = this.socket;
    this.socket = null;
    if (socket && socket.readyState !== WebSocket.CLOSED) socket.terminate();
  }

  private allowed(url: string): boolean {
    try {
      const parsed = new URL(url);
      if ((parsed.protocol === 'ws:' || parsed.protocol === 'wss:') && this.options.allowedHosts.has(parsed.hostname)) return true;
    } catch {
      // fall through: an unparsable entry is skipped like a foreign one
    }
    this.logger.warn({ vendor: 'IGTIMI', url }, 'igtimi server list entry skipped: host not allowed');
    return false;
  }

  private emit(event: IgtimiLiveEvent): void {
    for (const subscriber of this.subscribers) if (subscriber.serials.has(event.serial)) subscriber.onEvent(event);
  }

  private fail(error: Error): void {
    for (const subscriber of this.subscribers) subscriber.onError(error);
    this.stop();
  }
}
