import { mapIotaapDevice, mapIotaapGroup } from '../../src/vendors/iotaap/iotaap.mapper';
import { createIotaapSeed } from '../../src/simulators/iotaap/iotaap.seed';

const seed = createIotaapSeed();

describe('IoTaaP mappers on seed payloads', () => {
  it('maps a grouped device, keeping the token out of raw', () => {
    const wire = seed.devices.find((d) => d.group && d.last_contact)!;
    const record = mapIotaapDevice(wire);
    expect(record).toMatchObject({
      typename: 'IotaapDevice',
      vendor: 'IOTAAP',
      nativeId: wire._id,
      name: wire.name,
      serialNumber: null,
      model: wire.type,
      groupNativeId: wire.group,
      token: wire.token,
    });
    expect(record.lastSeenAt?.toISOString()).toBe(new Date(wire.last_contact!).toISOString());
    expect(record.raw.token).toBe('[REDACTED]');
    expect(JSON.stringify(record.raw)).not.toContain(wire.token);
  });

  it('maps an ungrouped device without a group and a null last contact', () => {
    const wire = { ...seed.devices[0]!, group: 'undefined', last_contact: null };
    expect(mapIotaapDevice(wire)).toMatchObject({ groupNativeId: null, lastSeenAt: null });
  });

  it('maps a group with no description and a redacted token', () => {
    const wire = seed.groups[0]!;
    const record = mapIotaapGroup(wire);
    expect(record).toMatchObject({ typename: 'IotaapGroup', name: wire.name, description: null, owner: wire.owner });
    expect(record.createdAt?.toISOString()).toBe(new Date(wire.created_at).toISOString());
    expect(record.raw.token).toBe('[REDACTED]');
  });
});
