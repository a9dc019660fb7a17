import { encodeId } from '../../src/core/ids';
import { createMainfluxSeed, mainfluxSeedSecrets } from '../../src/simulators/mainflux/mainflux.seed';
import { MainfluxLiveMeasurementsDocument, MainfluxSendMessagesDocument, MainfluxVendorLiveDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { oneRequestLoader } from '../helpers/one-request-loader';
import { requireService } from '../helpers/services';
import { ManualClock } from '../helpers/manual-clock';
import { startStack, type Stack } from '../helpers/stack';
import { subscribe, wsClient } from '../helpers/subscribe';
import { clockPolledTwice, ioTurn, stepUntil } from '../helpers/step-live';
import { waitFor } from '../helpers/wait-for';

/**
 * Live Mainflux channel messages over a real MQTT broker (Mosquitto at MQTT_URL): the test
 * steps the simulator's live things (each round, every one publishes); the gateway holds one
 * MQTT connection per thing credential. Without a reachable broker the gateway polls the
 * readers and says so, its polls stepped on the test's clock.
 */
const seed = createMainfluxSeed();
const thing = (name: string) => seed.things.find((t) => t.name === name)!;
const channel = (name: string) => seed.channels.find((c) => c.name === name)!;
const thingId = (name: string) => encodeId('MAINFLUX', 'MainfluxThing', thing(name).id);
const channelId = (name: string) => encodeId('MAINFLUX', 'MainfluxChannel', channel(name).id);
const floor1Things = new Set(seed.things.filter((t) => t.metadata?.floor === 1).map((t) => encodeId('MAINFLUX', 'MainfluxThing', t.id)));

let stack: Stack;
beforeAll(async () => {
  // No grace period: a connection closes as its last subscriber leaves, an event the tests wait for.
  stack = await startStack({ mqttUrl: await requireService('mqtt'), live: 'stepped', env: { LIVE_GRACE_MS: '0' } });
});

/** The next event of `feed`, stepping the live things until it comes (an MQTT subscription only hears rounds after it). */
const nextLive = <T>(feed: { next(): Promise<T> }): Promise<T> => stepUntil(feed.next(), () => stack.simulators.stepLive('mainflux'));
afterAll(disposeLeftovers);

async function liveStatus(target: Stack = stack) {
  const answer = await gql(target.url, MainfluxVendorLiveDocument);
  return answer.data!.vendors.find((v) => v.vendor === 'MAINFLUX')!.mainfluxLive!;
}

/**
 * Sends `senml` as `thingName` to `channelName` until `until` settles: the subscribe is
 * asynchronous, so a send before it is in place is lost; each send waits an I/O turn for
 * the broker to deliver before the next.
 */
async function sendUntil<T>(target: Stack, channelName: string, thingName: string, senml: Array<Record<string, unknown>>, until: Promise<T>): Promise<T> {
  let settled = false;
  const result = until.finally(() => {
    settled = true;
  });
  result.catch(() => undefined);
  for (let round = 0; round < 200 && !settled; round += 1) {
    await gql(target.url, MainfluxSendMessagesDocument, { channelId: channelId(channelName), thingId: thingId(thingName), senml });
    await ioTurn();
  }
  return result;
}

describe('Mainflux live over MQTT', () => {
  it("delivers a channel's messages as Measurements of the publishing things, over one connection per credential", async () => {
    // f1-temp-a is the first thing of floor-1: the channel and the thing share its credential.
    const feed = subscribe(wsClient(stack.wsUrl), MainfluxLiveMeasurementsDocument, { sourceIds: [channelId('floor-1'), thingId('f1-temp-a')] });
    const event = await nextLive(feed);
    expect(event.errors).toBeUndefined();
    const point = event.data!.measurements;
    expect(point).toMatchObject({ vendor: 'MAINFLUX', name: 'temperature', unit: 'Cel', raw: { protocol: 'mqtt', channel: channel('floor-1').id } });
    expect(floor1Things.has(point.source.id)).toBe(true);
    expect(await liveStatus()).toEqual({ transport: 'MQTT', reason: null, connections: 1 });
    // A second subscriber of the same channel shares the connection (and the topic).
    const other = subscribe(wsClient(stack.wsUrl), MainfluxLiveMeasurementsDocument, { sourceIds: [channelId('floor-1')] });
    expect((await nextLive(other)).data!.measurements.raw).toMatchObject({ channel: channel('floor-1').id });
    expect(await liveStatus()).toEqual({ transport: 'MQTT', reason: null, connections: 1 });
    await other.close();
    await feed.close();
  });

  it("follows a thing on its own channels and keeps only what it published, names filtered", async () => {
    const feed = subscribe(wsClient(stack.wsUrl), MainfluxLiveMeasurementsDocument, { sourceIds: [thingId('f1-meter-1')], names: ['current'] });
    for (let i = 0; i < 2; i += 1) {
      const { data } = await nextLive(feed);
      expect(data!.measurements).toMatchObject({ name: 'current', unit: 'A', source: { id: thingId('f1-meter-1') } });
    }
    await feed.close();
  });

  it('resubscribes after the connection drops', async () => {
    const feed = subscribe(wsClient(stack.wsUrl), MainfluxLiveMeasurementsDocument, { sourceIds: [thingId('main-meter')], names: ['voltage'] });
    await nextLive(feed);
    const adapter = stack.server.services.registry.adapter('MAINFLUX');
    adapter.live.dropConnections();
    const dropped = Date.now();
    // Later points must arrive over the reconnected, resubscribed connection.
    let after: string | null = null;
    while (!after) {
      const { data } = await nextLive(feed);
      if (Date.parse(data!.measurements.time) > dropped) after = data!.measurements.time;
    }
    expect(Date.parse(after)).toBeGreaterThan(dropped);
    expect(await mqttUp(stack)).toBe(1);
    await feed.close();
  });

  it('forwards messages sent over HTTP to MQTT subscribers, SenML resolved', async () => {
    const feed = subscribe(wsClient(stack.wsUrl), MainfluxLiveMeasurementsDocument, { sourceIds: [channelId('floor-5')] });
    const pack = [{ bn: 'lab:', bt: 1.7e9, bu: 'A', n: 'voltage', u: 'V', v: 229.5 }, { n: 'current', t: 1, v: 4.2 }];
    const first = await sendUntil(stack, 'floor-5', 'f5-meter-1', pack, feed.next(15_000));
    expect(first.data!.measurements).toMatchObject({ name: 'lab:voltage', unit: 'V', value: 229.5, time: new Date(1.7e12).toISOString(), source: { id: thingId('f5-meter-1') } });
    const second = await feed.next();
    expect(second.data!.measurements).toMatchObject({ name: 'lab:current', unit: 'A', value: 4.2, time: new Date(1.7e12 + 1000).toISOString() });
    await feed.close();
  });

  it('closes the MQTT connection once the last subscriber leaves', async () => {
    // Earlier tests' connections close as their subscribers leave (no grace period here).
    await waitFor('earlier connections to close', async () => (await liveStatus()).connections === 0);
    const before = 0;
    // f1-air is the first thing of no other followed channel: its credential opens a connection of its own.
    const feed = subscribe(wsClient(stack.wsUrl), MainfluxLiveMeasurementsDocument, { sourceIds: [thingId('f1-air')] });
    await nextLive(feed);
    expect((await liveStatus()).connections).toBe(before + 1);
    await feed.close();
    // With no grace period the live layer stops the upstream as its last subscriber leaves.
    await waitFor('the MQTT connection to close', async () => (await liveStatus()).connections === before);
    // Thing keys travel as MQTT passwords; none may reach a log line.
    for (const secret of mainfluxSeedSecrets(seed)) expect(stack.logs.text).not.toContain(secret);
  });

  it('refuses to follow a channel no thing is connected to', async () => {
    const spare = channel('spare-channel');
    const api = stack.server.services.registry.adapter('MAINFLUX').connect(null, oneRequestLoader());
    const record = { typename: 'MainfluxChannel', vendor: 'MAINFLUX' as const, nativeId: spare.id, raw: {} };
    const feed = api.live!.measurements!([record], null)[Symbol.asyncIterator]();
    await expect(feed.next()).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN', vendor: 'MAINFLUX' } });
    // Over graphql-ws the subscription ends with the same coded error instead of hanging.
    const subscription = subscribe(wsClient(stack.wsUrl), MainfluxLiveMeasurementsDocument, { sourceIds: [channelId('spare-channel')] });
    const failure = await subscription.next().then((result) => result.errors, (error: unknown) => error);
    expect(JSON.stringify(failure)).toContain('"code":"FORBIDDEN"');
  });
});

describe('Mainflux live without a reachable broker', () => {
  it('polls the readers instead and says so in vendors', async () => {
    // The fallback's polls run when the test steps this clock, never on a real interval.
    const clock = new ManualClock();
    const polling = await startStack({ env: { MAINFLUX_MQTT_URL: 'mqtt://127.0.0.1:1' }, clock });
    const feed = subscribe(wsClient(polling.wsUrl), MainfluxLiveMeasurementsDocument, { sourceIds: [channelId('floor-2')] });
    // The poller reads only messages newer than its start: send once it runs.
    await waitFor('the polling fallback to start', async () => (await pollersOf(polling)) === 1);
    await gql(polling.url, MainfluxSendMessagesDocument, { channelId: channelId('floor-2'), thingId: thingId('f2-air'), senml: [{ n: 'co2', u: 'ppm', v: 812 }] });
    const reads = () => polling.upstream('mainflux');
    const event = await stepUntil(feed.next(), () => undefined, clockPolledTwice(clock, reads));
    expect(event.data!.measurements).toMatchObject({ name: 'co2', unit: 'ppm', value: 812, source: { id: thingId('f2-air') }, raw: { protocol: 'http' } });
    const status = await liveStatus(polling);
    expect(status).toMatchObject({ transport: 'POLLING', connections: 0 });
    expect(status.reason).toContain('unreachable');
    expect(await mqttUp(polling)).toBe(0);
    await feed.close();
  });
});

/** Live feeds the gateway runs for Mainflux (MQTT connections or polling feeds). */
async function pollersOf(on: Stack): Promise<number> {
  return (await on.server.services.metrics.pollersActive.get()).values.find((v) => v.labels.vendor === 'MAINFLUX')?.value ?? 0;
}

/** `tributary_dependency_up{dependency="mqtt"}`: the broker as the gateway's connections see it. */
async function mqttUp(on: Stack): Promise<number | undefined> {
  return (await on.server.services.metrics.dependencyUp.get()).values.find((v) => v.labels.dependency === 'mqtt')?.value;
}
