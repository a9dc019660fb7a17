import { createMainfluxSeed } from '../../src/simulators/mainflux/mainflux.seed';
import { publicGroup, publicThing } from '../../src/simulators/mainflux/mainflux.store';
import {
  mapMainfluxChannel,
  mapMainfluxGroup,
  mapMainfluxMessage,
  mapMainfluxOrg,
  mapMainfluxSenml,
  mapMainfluxThing,
} from '../../src/vendors/mainflux/mainflux.mapper';
import { isMainfluxGroupId, isMainfluxId, isUuidV4 } from '../../src/vendors/mainflux/mainflux.model';
import { parseSenml, resolveSenml } from '../../src/vendors/mainflux/mainflux.mapper-senml';

const seed = createMainfluxSeed();

describe('Mainflux mappers on seed payloads', () => {
  it('maps a thing, keeping its key out of raw but on the record', () => {
    const wire = publicThing(seed.things[0]!);
    const record = mapMainfluxThing(wire);
    expect(record).toMatchObject({
      typename: 'MainfluxThing',
      vendor: 'MAINFLUX',
      nativeId: wire.id,
      name: wire.name,
      metadata: wire.metadata,
      key: wire.key,
      lastSeenAt: null,
      batteryLevel: null,
      location: null,
    });
    expect(record.raw.key).toBe('[REDACTED]');
    expect(JSON.stringify(record.raw)).not.toContain(wire.key!);
  });

  it('maps a channel and a group (dates parsed, zero time as null)', () => {
    const channel = mapMainfluxChannel({ id: seed.channels[0]!.id, name: 'building-energy', metadata: { purpose: 'x' } });
    expect(channel).toMatchObject({ typename: 'MainfluxChannel', name: 'building-energy', metadata: { purpose: 'x' } });
    const wire = publicGroup(seed.groups[0]!);
    const group = mapMainfluxGroup(wire);
    expect(group).toMatchObject({ typename: 'MainfluxGroup', name: wire.name, description: wire.description, ownerId: wire.owner_id });
    expect(group.createdAt?.toISOString()).toBe(new Date(wire.created_at!).toISOString());
    const org = mapMainfluxOrg({ id: wire.id, name: 'org', created_at: '0001-01-01T00:00:00Z', updated_at: '0001-01-01T00:00:00Z' });
    expect(org).toMatchObject({ createdAt: null, updatedAt: null, description: null });
  });

  it('maps a stored message to a Measurement of its publisher', () => {
    const { channel: channelId, ...wire } = seed.messages[0]!;
    const channel = mapMainfluxChannel({ id: channelId, name: 'floor-1' });
    const point = mapMainfluxMessage(wire, channel);
    expect(point).toMatchObject({
      vendor: 'MAINFLUX',
      sourceTypename: 'MainfluxThing',
      sourceNativeId: wire.publisher,
      name: wire.name,
      unit: wire.unit,
      value: wire.value,
      stringValue: null,
      boolValue: null,
    });
    expect(point.time.getTime()).toBe(wire.time * 1000);
    // A publisher that is not a thing id leaves the channel as the source.
    expect(mapMainfluxMessage({ ...wire, publisher: 'http-bridge' }, channel)).toMatchObject({ sourceTypename: 'MainfluxChannel', sourceNativeId: channelId });
  });
});

describe('SenML', () => {
  const docPack = [
    { bn: 'some-base-name:', bt: 1.276020076001e9, bu: 'A', bver: 5, n: 'voltage', u: 'V', v: 120.1 },
    { n: 'current', t: -5, v: 1.2 },
    { n: 'current', t: -4, v: 1.3 },
  ];

  it("resolves base name, time and unit as the doc's read example shows", () => {
    const parsed = parseSenml(docPack);
    if ('problem' in parsed) throw new Error(parsed.problem);
    const resolved = resolveSenml(parsed.pack, 0);
    expect(resolved.map(({ name, unit, time, value }) => ({ name, unit, time, value }))).toEqual([
      { name: 'some-base-name:voltage', unit: 'V', time: 1276020076.001, value: 120.1 },
      { name: 'some-base-name:current', unit: 'A', time: 1276020071.001, value: 1.2 },
      { name: 'some-base-name:current', unit: 'A', time: 1276020072.001, value: 1.3 },
    ]);
  });

  it('resolves relative times against now, and string, bool and sum values', () => {
    const parsed = parseSenml([{ n: 'door', vb: true, t: -2 }, { n: 'label', vs: 'lobby' }, { n: 'energy', u: 'J', s: 42 }]);
    if ('problem' in parsed) throw new Error(parsed.problem);
    const [door, label, energy] = resolveSenml(parsed.pack, 1_700_000_000);
    expect(door).toMatchObject({ boolValue: true, value: null, time: 1_699_999_998 });
    expect(label).toMatchObject({ stringValue: 'lobby', value: null });
    const point = mapMainfluxSenml(energy!, seed.channels[0]!.id, seed.things[0]!.id);
    expect(point).toMatchObject({ name: 'energy', unit: 'J', value: 42, sourceTypename: 'MainfluxThing', sourceNativeId: seed.things[0]!.id });
  });

  it.each([
    [[], 'SenML the pack'],
    [{ n: 'x', v: 1 }, 'SenML the pack'],
    [[{ v: 1 }], 'has no name'],
    [[{ n: 'x' }], 'has no value'],
    [[{ n: 'x', v: 1, vs: 'y' }], 'has 2 values'],
    [[{ n: 'x', v: 'one' }], 'record 0.v'],
    [[{ n: 'x', v: 1, extra: true }], 'record 0'],
  ])('refuses %j', (input, problem) => {
    const parsed = parseSenml(input);
    expect('problem' in parsed && parsed.problem).toContain(problem);
  });
});

describe('Mainflux ids', () => {
  it('knows UUIDs, UUIDv4 external ids and the ULID of the doc', () => {
    expect(isMainfluxId(seed.things[0]!.id)).toBe(true);
    expect(isUuidV4('3f1c2a4e-8b7d-4c6e-9a5b-1d2e3f4a5b6c')).toBe(true);
    expect(isUuidV4('3f1c2a4e-8b7d-1c6e-9a5b-1d2e3f4a5b6c')).toBe(false);
    expect(isMainfluxId('../things')).toBe(false);
    expect(isMainfluxGroupId('01F0EH61SA7C7NDKWYCXVG7PWD')).toBe(true);
  });
});
