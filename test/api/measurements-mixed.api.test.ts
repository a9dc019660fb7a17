import { encodeId } from '../../src/core/ids';
import { createIgtimiSeed } from '../../src/simulators/igtimi/igtimi.seed';
import { createIotaapSeed } from '../../src/simulators/iotaap/iotaap.seed';
import { createMainfluxSeed, MAINFLUX_HISTORY_END } from '../../src/simulators/mainflux/mainflux.seed';
import { createThingseeSeed } from '../../src/simulators/thingsee/thingsee.seed';
import { IgtimiDataDocument, MeasurementNamesDocument, MixedMeasurementsDocument, ThingHistoryNamedDocument, ThingMeasurementsNamedDocument } from '../generated/graphql';
import { errorCodes, gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

/**
 * Measurements across vendors over real sockets: a name one source lacks is a note beside the
 * others' data (never `data: null`), the same at every vendor; `measurementNames` tells what
 * each source offers; values come in one standard unit per quantity, the vendor's kept beside.
 */
const igtimiSeed = createIgtimiSeed();
const thingseeSeed = createThingseeSeed();
const mainfluxSeed = createMainfluxSeed();
const iotaapSeed = createIotaapSeed();

const boat = igtimiSeed.devices.find((d) => d.boat)!.serial_number;
const boatId = encodeId('IGTIMI', 'IgtimiDevice', boat);
const envSensorId = encodeId('THINGSEE', 'ThingseeThing', thingseeSeed.things.find((t) => t.kind === 'environment')!.tuid);
const mainfluxThing = (name: string) => encodeId('MAINFLUX', 'MainfluxThing', mainfluxSeed.things.find((t) => t.name === name)!.id);
const tempSensorId = mainfluxThing('f1-temp-a');
const meterId = mainfluxThing('main-meter');
const iotaapDeviceId = encodeId('IOTAAP', 'IotaapDevice', iotaapSeed.devices[0]!._id);
const KNOT = 1852 / 3600;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(disposeLeftovers);
beforeEach(() => stack.resetCounts());

const mainfluxReads = () => stack.callsWithout('mainflux', 'POST /tokens')['GET /channels/:id/messages'] ?? 0;

type Answer = { errors?: ReadonlyArray<{ path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }> };
/** The MEASUREMENT_NOT_OFFERED notes of an answer, by source id. */
function notOffered(answer: Answer): Record<string, unknown> {
  const notes = (answer.errors ?? []).filter((e) => e.extensions?.code === 'MEASUREMENT_NOT_OFFERED');
  return Object.fromEntries(notes.map((e) => [e.extensions!.sourceId as string, { names: e.extensions!.names, vendor: e.extensions!.vendor, path: e.path }]));
}

describe('a measurement query over several vendors', () => {
  it('answers every vendor that has the name, and a note (not a failure) for each source that lacks it', async () => {
    const answer = await gql(stack.url, MixedMeasurementsDocument, {
      sourceIds: [boatId, envSensorId, tempSensorId, meterId, iotaapDeviceId],
      names: ['temperature'],
      last: 2,
    });
    expect(answer.data).not.toBeNull();
    const points = answer.data!.measurements;
    const bySource = (id: string) => points.filter((p) => p.source.id === id);
    expect(bySource(envSensorId)).toHaveLength(2);
    expect(bySource(tempSensorId)).toHaveLength(2);
    for (const point of points) expect(point).toMatchObject({ name: 'temperature', unit: 'Cel' });
    expect(bySource(boatId)).toEqual([]);
    expect(bySource(meterId)).toEqual([]);
    const path = ['measurements'];
    expect(notOffered(answer)).toEqual({
      [boatId]: { names: ['temperature'], vendor: 'IGTIMI', path },
      [meterId]: { names: ['temperature'], vendor: 'MAINFLUX', path },
      [iotaapDeviceId]: { names: ['temperature'], vendor: 'IOTAAP', path },
    });
    expect(errorCodes(answer)).toEqual(['MEASUREMENT_NOT_OFFERED', 'MEASUREMENT_NOT_OFFERED', 'MEASUREMENT_NOT_OFFERED']);
    // Igtimi's catalogue has no temperature: Igtimi's data endpoints are never asked.
    expect(Object.keys(stack.callsWithout('igtimi', 'POST /oauth/token')).filter((route) => route.includes('/resources/data'))).toEqual([]);
    // Mainflux: one read per thing; the meter's read (no time window) already told it never had temperature.
    expect(mainfluxReads()).toBe(2);
  });

  it('treats an unknown name the same at every vendor, reading the names a source has', async () => {
    const answer = await gql(stack.url, MixedMeasurementsDocument, {
      sourceIds: [boatId, envSensorId, tempSensorId],
      names: ['sog', 'temperature', 'no_such_name'],
      last: 1,
    });
    const names = (id: string) => answer.data!.measurements.filter((p) => p.source.id === id).map((p) => p.name);
    expect(names(boatId)).toEqual(['sog']);
    expect(names(envSensorId)).toEqual(['temperature']);
    expect(names(tempSensorId)).toEqual(['temperature']);
    expect(notOffered(answer)).toEqual({
      [boatId]: { names: ['temperature', 'no_such_name'], vendor: 'IGTIMI', path: ['measurements'] },
      [envSensorId]: { names: ['sog', 'no_such_name'], vendor: 'THINGSEE', path: ['measurements'] },
      [tempSensorId]: { names: ['sog', 'no_such_name'], vendor: 'MAINFLUX', path: ['measurements'] },
    });
    expect(mainfluxReads()).toBe(3);
  });

  it('asks Mainflux once more, without the window, about a name that found nothing in it', async () => {
    const from = new Date((MAINFLUX_HISTORY_END + 3600) * 1000).toISOString();
    const answer = await gql(stack.url, MixedMeasurementsDocument, { sourceIds: [tempSensorId], names: ['temperature', 'humidity'], from });
    expect(answer.data!.measurements).toEqual([]);
    // The sensor has published temperature, only not in this window: no note for it.
    expect(notOffered(answer)).toEqual({ [tempSensorId]: { names: ['humidity'], vendor: 'MAINFLUX', path: ['measurements'] } });
    expect(mainfluxReads()).toBe(4);
  });

  it('puts the note of a nested field at that field', async () => {
    const answer = await gql(stack.url, ThingMeasurementsNamedDocument, { id: envSensorId, names: ['sog'], last: 1 });
    expect(answer.data!.thing!.measurements).toEqual([]);
    expect(answer.errors).toEqual([expect.objectContaining({ path: ['thing', 'measurements'], extensions: expect.objectContaining({ code: 'MEASUREMENT_NOT_OFFERED', vendor: 'THINGSEE' }) })]);
    expect(stack.callsWithout('thingsee', 'POST /auth/client-token')['GET /things/:tuid/messages']).toBeUndefined();
  });

  it('applies the same rule to measurementHistory: the names a source has, a note for the one it lacks', async () => {
    const answer = await gql(stack.url, ThingHistoryNamedDocument, { id: envSensorId, names: ['temperature', 'sog'], first: 3 });
    const names = answer.data!.thing!.measurementHistory!.edges.map((edge) => edge.node.name);
    expect(names).toEqual(['temperature', 'temperature', 'temperature']);
    expect(notOffered(answer)).toEqual({ [envSensorId]: { names: ['sog'], vendor: 'THINGSEE', path: ['thing', 'measurementHistory'] } });
    expect(answer.errors).toHaveLength(1);
  });

  it('applies the same rule to igtimiData', async () => {
    const from = new Date(Date.now() - 60_000).toISOString();
    const to = new Date().toISOString();
    const answer = await gql(stack.url, IgtimiDataDocument, { serialNumbers: [boat], from, to, names: ['temperature'] });
    expect(answer.data!.igtimiData).toMatchObject({ measurements: [], calls: 0, complete: true });
    expect(answer.errors).toEqual([
      expect.objectContaining({ path: ['igtimiData'], extensions: expect.objectContaining({ code: 'MEASUREMENT_NOT_OFFERED', vendor: 'IGTIMI', names: ['temperature'] }) }),
    ]);
  });
});

describe('measurementNames', () => {
  it('tells what each source offers, with the standard and the vendor unit', async () => {
    const answer = await gql(stack.url, MeasurementNamesDocument, { sourceIds: [boatId, envSensorId, tempSensorId, iotaapDeviceId] });
    expect(answer.errors).toBeUndefined();
    const [igtimi, thingsee, mainflux, iotaap] = answer.data!.measurementNames;
    expect(igtimi!.source).toEqual({ __typename: 'IgtimiDevice', id: boatId });
    expect(igtimi!.names).toContainEqual({ name: 'sog', unit: 'm/s', vendorUnit: 'kn' });
    expect(igtimi!.names).toContainEqual({ name: 'latitude', unit: 'lat', vendorUnit: 'lat' });
    expect(thingsee!.names).toContainEqual({ name: 'temperature', unit: 'Cel', vendorUnit: 'Cel' });
    expect(thingsee!.names).toContainEqual({ name: 'distance', unit: 'm', vendorUnit: 'mm' });
    expect(thingsee!.names).toContainEqual({ name: 'tvoc', unit: 'ppm', vendorUnit: 'ppb' });
    expect(mainflux!.names).toEqual([{ name: 'temperature', unit: 'Cel', vendorUnit: 'Cel' }]);
    expect(iotaap).toEqual({ source: { __typename: 'IotaapDevice', id: iotaapDeviceId }, names: [] });
    // Catalogued vendors answer without a data call; Mainflux reads its newest messages once.
    expect(stack.callsWithout('mainflux', 'POST /tokens')['GET /channels/:id/messages']).toBe(1);
  });
});

describe('units', () => {
  it('gives Igtimi speeds in m/s with the knots kept as vendorValue/vendorUnit', async () => {
    const answer = await gql(stack.url, MixedMeasurementsDocument, { sourceIds: [boatId], names: ['sog', 'awa'], last: 1 });
    expect(answer.errors).toBeUndefined();
    const byName = Object.fromEntries(answer.data!.measurements.map((p) => [p.name, p]));
    expect(byName.sog).toMatchObject({ unit: 'm/s', vendorUnit: 'kn' });
    expect(byName.sog!.vendorValue).toBeGreaterThan(0);
    expect(byName.sog!.value).toBeCloseTo(byName.sog!.vendorValue! * KNOT, 9);
    expect(byName.awa).toMatchObject({ unit: 'deg', vendorUnit: 'deg' });
    expect(byName.awa!.value).toBe(byName.awa!.vendorValue);
  });

  it('keeps standard units as they are (Thingsee temperature, Mainflux Cel)', async () => {
    const answer = await gql(stack.url, MixedMeasurementsDocument, { sourceIds: [envSensorId, tempSensorId], names: ['temperature'], last: 1 });
    expect(answer.errors).toBeUndefined();
    for (const point of answer.data!.measurements) {
      expect(point).toMatchObject({ unit: 'Cel', vendorUnit: 'Cel' });
      expect(point.value).toBe(point.vendorValue);
    }
  });
});
