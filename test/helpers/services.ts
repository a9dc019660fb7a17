import { connect } from 'node:net';

/**
 * Tests that need Redis or an MQTT broker call this first. A missing service fails the
 * test with the command that starts it; it never turns into a skip.
 */
export async function requireService(name: 'redis' | 'mqtt'): Promise<string> {
  const url = name === 'redis' ? (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') : (process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883');
  const { hostname, port } = new URL(url);
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      socket.end();
      resolve(true);
    });
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(false));
  });
  if (!reachable) {
    throw new Error(`${name} is not reachable at ${url}; start it (see .ci/services) or set ${name === 'redis' ? 'REDIS_URL' : 'MQTT_URL'}`);
  }
  return url;
}
