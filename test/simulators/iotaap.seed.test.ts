import {
  createIotaapSeed,
  IOTAAP_DEVICE_TYPES,
  iotaapSeedSecrets,
} from '../../src/simulators/iotaap/iotaap.seed';

describe('IoTaaP seed', () => {
  const state = createIotaapSeed();
  const [demo, free] = state.users;
  const demoGroups = state.groups.filter((group) => group.owner === demo._id);
  const demoDevices = state.devices.filter((device) => device.owner === demo._id);

  it('is deterministic and hands out independent copies', () => {
    const again = createIotaapSeed();
    expect(again).toEqual(state);
    again.devices[0].name = 'changed';
    expect(createIotaapSeed().devices[0].name).not.toBe('changed');
  });

  it('gives the demo user 6 groups and 40 devices, 34 of them grouped', () => {
    expect(demo).toMatchObject({ email: 'demo@tributary.local', plan: 'pro' });
    expect(demoGroups.map((group) => group.name)).toEqual(
      expect.arrayContaining(['cooling_system', 'heating_system', 'greenhouse_north']),
    );
    expect(demoGroups).toHaveLength(6);
    expect(demoDevices).toHaveLength(40);
    expect(demoDevices.filter((device) => device.group !== undefined)).toHaveLength(34);
    const groupIds = new Set(demoGroups.map((group) => group._id));
    expect(demoDevices.every((device) => device.group === undefined || groupIds.has(device.group))).toBe(true);
  });

  it('gives the free user 1 group and 2 devices', () => {
    expect(free).toMatchObject({ email: 'free@tributary.local', plan: 'free' });
    expect(state.groups.filter((group) => group.owner === free._id)).toHaveLength(1);
    expect(state.devices.filter((device) => device.owner === free._id)).toHaveLength(2);
  });

  it('uses realistic ids, tokens, types and dates', () => {
    const ids = [...state.users, ...state.groups, ...state.devices].map((entity) => entity._id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[0-9a-f]{24}$/.test(id))).toBe(true);
    expect(state.groups.every((group) => /^[A-Za-z0-9]{16}$/.test(group.token))).toBe(true);
    expect(state.devices.every((device) => /^[A-Za-z0-9]{12}$/.test(device.token))).toBe(true);
    expect(state.devices.every((device) => (IOTAAP_DEVICE_TYPES as readonly string[]).includes(device.type))).toBe(true);
    expect(new Set(state.devices.map((device) => device.type)).size).toBe(3);
    for (const entity of [...state.groups, ...state.devices]) {
      const year = new Date(entity.created_at).getUTCFullYear();
      expect(year).toBeGreaterThanOrEqual(2020);
      expect(year).toBeLessThanOrEqual(2024);
      // ObjectIds start with their creation second, like MongoDB's.
      expect(parseInt(entity._id.slice(0, 8), 16)).toBe(Math.floor(Date.parse(entity.created_at) / 1000));
    }
    const contacts = state.devices.map((device) => device.last_contact);
    expect(contacts).toContain(null);
    expect(contacts.filter((contact) => contact !== null).length).toBeGreaterThan(20);
  });

  it('lists every token as a secret', () => {
    const secrets = iotaapSeedSecrets(state);
    expect(secrets).toHaveLength(state.groups.length + state.devices.length);
    expect(secrets).toContain('AATluvfLURijoH9d');
    expect(secrets).toContain('iIP2C3D4B07O');
  });
});
