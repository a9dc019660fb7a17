import { createMainfluxSeed, mainfluxSeedSecrets, MAINFLUX_HISTORY_END } from '../../src/simulators/mainflux/mainflux.seed';
import { isUuidV4 } from '../../src/simulators/mainflux/mainflux.store';

describe('Mainflux seed', () => {
  const seed = createMainfluxSeed();

  it('is the same building on every run', () => {
    expect(createMainfluxSeed()).toEqual(seed);
  });

  it('seeds a building: floors of things, channels, connections, groups, orgs, webhooks and history', () => {
    expect(seed.things).toHaveLength(40);
    expect(seed.channels.map((c) => c.name)).toEqual([
      'building-energy',
      'air-quality-alarms',
      'floor-1',
      'floor-2',
      'floor-3',
      'floor-4',
      'floor-5',
      'floor-6',
      'spare-channel',
      'tenant-office',
    ]);
    expect(seed.groups.map((g) => [g.name, g.members.length])).toEqual([
      ['temperature-sensors', 18],
      ['power-meters', 14],
      ['air-quality', 6],
      ['ground-floor', 6],
    ]);
    expect(seed.orgs).toHaveLength(2);
    expect(seed.webhooks).toHaveLength(3);
    // Twelve hourly readings per sensor name, all before the fixed end of history.
    expect(seed.messages.length).toBe(12 * (18 * 1 + 14 * 2 + 6 * 2));
    expect(seed.messages.every((m) => m.time < MAINFLUX_HISTORY_END)).toBe(true);
  });

  it('uses UUIDv4 ids and keys, and connects only what exists', () => {
    for (const entity of [...seed.users, ...seed.things, ...seed.channels, ...seed.groups, ...seed.orgs]) expect(isUuidV4(entity.id)).toBe(true);
    for (const thing of seed.things) expect(isUuidV4(thing.key)).toBe(true);
    for (const pair of seed.connections) {
      const [channelId, thingId] = pair.split('/');
      expect(seed.channels.some((c) => c.id === channelId)).toBe(true);
      expect(seed.things.some((t) => t.id === thingId)).toBe(true);
    }
    expect(new Set(mainfluxSeedSecrets(seed)).size).toBe(seed.things.length + seed.users.length);
  });
});
