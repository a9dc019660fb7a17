/**
 * Where the Mainflux simulator publishes MQTT: a real broker at `mqttUrl` (Mosquitto in tests
 * and CI), or, in the demo, an embedded aedes broker on a loopback port. Topics carry a random
 * per-simulator prefix so several simulators can share one broker without seeing each other.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { connect } from 'mqtt';

export interface SimulatorBroker {
  /** The URL clients connect to (the real broker's, or the embedded one's). */
  url: string;
  /** Prepended to every topic, e.g. `sim-1a2b3c4d/`. */
  topicPrefix: string;
  publish(topic: string, payload: string): void;
  stop(): Promise<void>;
}

/** Minimal shape of aedes 1.x used here (the package is ESM-only, loaded with require()). */
interface AedesLike {
  handle(stream: Socket): unknown;
  publish(packet: { cmd: 'publish'; topic: string; payload: Buffer; qos: 0; retain: false; dup: false }, done: (error?: Error) => void): void;
  close(done?: () => void): void;
}

/**
 * Connects to `mqttUrl` as a publisher, or starts the embedded broker when there is none and
 * `embedded` is true. Null when neither works: the simulator then serves HTTP only.
 */
export async function startSimulatorBroker(mqttUrl: string | null, embedded: boolean): Promise<SimulatorBroker | null> {
  const topicPrefix = `sim-${randomBytes(4).toString('hex')}/`;
  if (mqttUrl) return connectPublisher(mqttUrl, topicPrefix);
  return embedded ? startEmbedded(topicPrefix) : null;
}

async function connectPublisher(url: string, topicPrefix: string): Promise<SimulatorBroker> {
  const client = connect(url, { clientId: `mainflux-sim-${randomBytes(6).toString('hex')}`, connectTimeout: 3000, reconnectPeriod: 1000 });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`MQTT broker at ${url} did not answer within 3 s`)), 3000);
    client.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    client.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  }).catch((error: unknown) => {
    client.end(true);
    throw error;
  });
  client.on('error', () => {});
  return {
    url,
    topicPrefix,
    publish: (topic, payload) => {
      client.publish(topic, payload, { qos: 0 });
    },
    stop: () => client.endAsync(true),
  };
}

async function startEmbedded(topicPrefix: string): Promise<SimulatorBroker | null> {
  let aedes: AedesLike;
  try {
    // aedes 1.x is ESM-only: Node 20.19+ loads it with require(); a runtime that cannot
    // (jest's module registry) gets no embedded broker, and the gateway polls instead.
    const { Aedes } = require('aedes') as { Aedes: { createBroker(): Promise<AedesLike> } };
    aedes = await Aedes.createBroker();
  } catch {
    return null;
  }
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    aedes.handle(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    topicPrefix,
    publish: (topic, payload) => aedes.publish({ cmd: 'publish', topic, payload: Buffer.from(payload), qos: 0, retain: false, dup: false }, () => {}),
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
