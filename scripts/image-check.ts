import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { freePort } from './free-port';
import { chrootLaunch, dockerLaunch, imageConfig, type Command, type ImageLaunch } from './image-launch';

/**
 * Proves a built image serves the demo (.ci/image runs it): started as the image's user with
 * DEMO=true on a free port, it answers /healthz, a query with data and a graphql-ws
 * subscription event, runs as uid 1000, passes its own HEALTHCHECK, and drains on SIGTERM
 * (WebSocket closed with 1001, exit code 0, a drain log line).
 *
 *   image-check --inspect <inspect.json> (--chroot <rootfs> | --docker <image>) [--log <file>]
 *
 * `inspect.json` is what `podman image inspect <image>` (or docker's) prints.
 * Bounds are for hangs only: a start on a busy 2-core machine takes seconds, not minutes.
 */
const EXPECTED_UID = 1000;
const START_BOUND_MS = 120_000;
const STEP_BOUND_MS = 30_000;
const DRAIN_LOG = /shutting down|drain/i;

const FIRST_DEVICES = `{ devices(first: 3, filter: { vendors: [IGTIMI] }) { totalCount edges { node { id name } } } }`;
// Igtimi boats report every second in the demo: the first event comes at once.
const BOAT_POSITION = `subscription Boat($id: ID!) { measurements(sourceIds: [$id], names: ["latitude", "longitude"]) { name value } }`;

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const config = imageConfig(JSON.parse(readFileSync(options.config, 'utf8')));
  const launch: ImageLaunch = options.rootfs
    ? chrootLaunch(options.rootfs, config)
    : dockerLaunch(options.image!, `tributary-image-check-${process.pid}`, config);
  const port = await freePort();
  const env = { DEMO: 'true', GATEWAY_ALLOW_ANONYMOUS: 'true', PORT: String(port) };
  const base = `http://127.0.0.1:${port}`;

  const server = startLogged(launch.start(env), options.log);
  let passed = 0;
  const ok = (what: string) => {
    passed += 1;
    process.stdout.write(`image check: ok  ${what}\n`);
  };
  try {
    await waitForHealth(`${base}/healthz`, server);
    ok('/healthz answers 200');

    const uid = await launch.serverUid(server.child.pid!);
    if (uid !== EXPECTED_UID) throw new Error(`the server must run as uid ${EXPECTED_UID} (non-root), but runs as uid ${uid}`);
    ok(`the server runs as uid ${uid}`);

    const devices = await query(`${base}/graphql`, FIRST_DEVICES);
    const first = devices.devices?.edges?.[0]?.node;
    if (!first?.id) throw new Error(`devices must return data, but got: ${JSON.stringify(devices)}`);
    ok(`a query returns data (${devices.devices?.totalCount} Igtimi devices, first: ${first.name})`);

    const ws = openSubscription(`ws://127.0.0.1:${port}/graphql`, first.id);
    const event = await bounded(ws.firstEvent, 'a graphql-ws subscription event');
    ok(`a graphql-ws subscription delivers an event (${JSON.stringify(event)})`);

    const check = launch.healthcheck(env);
    const health = await exitOf(spawn(check.command, check.args, { env: check.env, stdio: 'inherit' }), 'the HEALTHCHECK command');
    if (health.code !== 0) throw new Error(`the image's HEALTHCHECK must exit 0, but exited ${health.code ?? health.signal}`);
    ok('the HEALTHCHECK command exits 0');

    // The subscription stays open through SIGTERM: a drain closes it with 1001 (going away).
    server.child.kill('SIGTERM');
    const [exit, closeCode] = await Promise.all([exitOf(server.child, 'the exit after SIGTERM'), bounded(ws.closed, 'the WebSocket close')]);
    if (exit.code !== 0) throw new Error(`SIGTERM must end the server with code 0, but it ended with ${exit.code ?? exit.signal}`);
    if (closeCode !== 1001) throw new Error(`a drain must close WebSockets with 1001, but closed with ${closeCode}`);
    if (!DRAIN_LOG.test(server.log())) throw new Error('SIGTERM must log the drain, but no such line was logged');
    ok('SIGTERM drains (WebSocket closed with 1001, a drain log line, exit code 0)');
    process.stdout.write(`image check: all ${passed} checks passed\n`);
  } catch (error) {
    process.stderr.write(`image check: FAILED (${passed} passed before): ${error instanceof Error ? error.message : String(error)}\n`);
    process.stderr.write(`--- server log (last lines)\n${server.log().split('\n').slice(-40).join('\n')}\n`);
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    process.exitCode = 1;
  }
}

// Private:

function parseArgs(argv: string[]): { config: string; rootfs?: string; image?: string; log?: string } {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const config = value('--inspect');
  const rootfs = value('--chroot');
  const image = value('--docker');
  if (!config || (!rootfs && !image)) {
    throw new Error('usage: image-check --inspect <inspect.json> (--chroot <rootfs> | --docker <image>) [--log <file>]');
  }
  return { config, rootfs, image, log: value('--log') };
}

/** Starts the server with its output kept (and copied to `logFile`) for the drain check and for failures. */
function startLogged(command: Command, logFile: string | undefined): { child: ChildProcess; log: () => string } {
  const child = spawn(command.command, command.args, { env: command.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const file = logFile ? createWriteStream(logFile) : null;
  const chunks: Buffer[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      file?.write(chunk);
    });
  }
  child.on('exit', () => file?.end());
  return { child, log: () => Buffer.concat(chunks).toString('utf8') };
}

async function waitForHealth(url: string, server: { child: ChildProcess }): Promise<void> {
  const deadline = Date.now() + START_BOUND_MS;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`the server exited before serving (${server.child.exitCode ?? server.child.signalCode})`);
    }
    const status = await fetch(url).then((res) => res.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`/healthz did not answer 200 within ${START_BOUND_MS} ms`);
}

interface DevicesAnswer {
  devices?: { totalCount: number; edges?: { node?: { id?: string; name?: string } }[] };
}

async function query(url: string, document: string): Promise<DevicesAnswer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: document }) });
  const body = (await res.json()) as { data?: DevicesAnswer; errors?: unknown[] };
  if (res.status !== 200 || body.errors?.length) throw new Error(`the query must succeed, but got ${res.status}: ${JSON.stringify(body)}`);
  return body.data ?? {};
}

function openSubscription(url: string, deviceId: string): { firstEvent: Promise<unknown>; closed: Promise<number> } {
  let closed!: (code: number) => void;
  const closedPromise = new Promise<number>((resolve) => (closed = resolve));
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    on: { closed: (event) => closed((event as { code: number }).code) },
  });
  const firstEvent = new Promise<unknown>((resolve, reject) => {
    client.subscribe({ query: BOAT_POSITION, variables: { id: deviceId } }, {
      next: (result) => (result.errors?.length ? reject(new Error(JSON.stringify(result.errors))) : resolve(result.data)),
      error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
      complete: () => reject(new Error('the subscription completed without an event')),
    });
  });
  return { firstEvent, closed: closedPromise };
}

function exitOf(child: ChildProcess, what: string): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const exited = child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
    : new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      child.once('error', reject);
    });
  return bounded(exited, what);
}

async function bounded<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${STEP_BOUND_MS} ms`)), STEP_BOUND_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`image check: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
