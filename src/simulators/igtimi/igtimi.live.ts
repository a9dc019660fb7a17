/**
 * The Igtimi live WebSocket (VENDOR-NOTES, Igtimi): a client sends one JSON config frame
 * `{ access_token, devices }`, the server answers its clock (a bare integer, ms epoch) and then
 * pushes data frames in the `resources/data` format; `1` is the heartbeat, both ways, every 15 s.
 * A new config frame on the same socket replaces the device list. `/live-retired` is listed
 * first by the server lister and refuses every upgrade, so clients must fail over.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { realPollTimer, type PollTimer } from '../../core/poll-pacing';
import type { IgtimiWireLiveConfig } from '../../vendors/igtimi/igtimi.wire';
import { startLiveGenerator, type LiveGenerator, type LivePace } from '../live-generator';
import { callerOfToken } from './igtimi.auth';
import type { IgtimiContext } from './igtimi.store';
import { readingAt } from './igtimi.seed-track';

export const LIVE_PATH = '/live';
export const RETIRED_LIVE_PATH = '/live-retired';
/** Boats of the seed that stay ashore when live: the rest report at 1 Hz. */
export const RETIRED_BOATS = 2;

export interface LiveStats {
  /** Sockets accepted since start. */
  connections: number;
  /** Sockets open now. */
  open: number;
  /** Device list of each open socket's latest config frame. */
  subscriptions(): string[][];
}

export interface IgtimiLiveServer {
  stats: LiveStats;
  /** Samples and pushes `rounds` seconds now (with live data; tests step them). */
  step(rounds?: number): void;
  stop(): Promise<void>;
}

export interface IgtimiLiveServerOptions {
  /** @default 15000 */
  heartbeatMs?: number;
  /** Where heartbeats are scheduled (tests step a manual clock through silence). @default real timers */
  heartbeatTimer?: PollTimer;
  /** How the 1 Hz samples advance. @default 'timed' */
  pace?: LivePace;
}

/** The live socket; `live` false serves it without data. */
export function startLiveServer(server: Server, context: IgtimiContext, live: boolean, options: IgtimiLiveServerOptions = {}): IgtimiLiveServer {
  const { heartbeatMs = 15_000, heartbeatTimer = realPollTimer, pace = 'timed' } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const clients = new Map<WebSocket, string[]>();
  const stats: LiveStats = { connections: 0, open: 0, subscriptions: () => [...clients.values()].map((d) => [...d]) };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { pathname } = new URL(req.url ?? '/', 'http://simulator');
    if (pathname !== LIVE_PATH) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  };
  server.on('upgrade', onUpgrade);

  const accept = (ws: WebSocket) => {
    stats.connections += 1;
    stats.open += 1;
    ws.on('close', () => {
      stats.open -= 1;
      clients.delete(ws);
    });
    ws.on('message', (data) => {
      const text = String(data);
      if (text === '1') return;
      let config: Partial<IgtimiWireLiveConfig>;
      try {
        config = JSON.parse(text) as Partial<IgtimiWireLiveConfig>;
      } catch {
        return ws.close(4000, 'Expected a JSON config frame');
      }
      const caller = callerOfToken(context, String(config.access_token ?? ''));
      if (!caller) return ws.close(4001, 'Unauthorized');
      const own = new Set(context.state.devices.filter((d) => d.owner_id === caller.user.id).map((d) => d.serial_number));
      clients.set(ws, (Array.isArray(config.devices) ? config.devices.map(String) : []).filter((serial) => own.has(serial)));
      ws.send(String(context.now()));
    });
  };

  const boats = context.state.devices.filter((d) => d.boat);
  let cancelBeat = (): void => undefined;
  const beat = () => {
    cancelBeat = heartbeatTimer(() => {
      clients.forEach((_d, ws) => ws.send('1'));
      beat();
    }, heartbeatMs);
  };
  beat();
  let generator: LiveGenerator | null = null;
  if (live) {
    const since = Math.floor(context.now() / 1000) * 1000;
    for (const boat of boats.slice(0, boats.length - RETIRED_BOATS)) context.liveSince.set(boat.serial_number, since);
    // Sampled and pushed on each whole second, so a point's time is when it left the device.
    const tick = () => {
      // Rounded: a timer may fire a millisecond before the second it was set for.
      const t = Math.round(context.now() / 1000) * 1000;
      for (const [ws, serials] of clients) {
        const frame: Record<string, Record<string, Record<string, number[]>>> = {};
        for (const serial of serials) {
          const boat = boats.find((d) => d.serial_number === serial);
          const start = context.liveSince.get(serial);
          if (!boat?.boat || start === undefined) continue;
          const reading = readingAt(boat.boat, t, start);
          frame[serial] = Object.fromEntries(
            Object.entries(reading).map(([type, values]) => [type, { t: [t], ...Object.fromEntries(values.map((v, i) => [String(i + 1), [v]])) }]),
          );
        }
        if (Object.keys(frame).length > 0) ws.send(JSON.stringify(frame));
      }
    };
    generator = startLiveGenerator(tick, { pace, intervalMs: 1000, alignTo: context.now });
  }

  return {
    stats,
    step: (rounds) => generator?.step(rounds),
    async stop() {
      cancelBeat();
      generator?.stop();
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
