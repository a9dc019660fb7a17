import { createIgtimiSeed } from '../../src/simulators/igtimi/igtimi.seed';
import { serialsInLog } from '../../src/vendors/igtimi/igtimi.ops-sessions';
import { mapIgtimiLatest, mapIgtimiSeries, typesForNames } from '../../src/vendors/igtimi/igtimi.catalogue';
import * as map from '../../src/vendors/igtimi/igtimi.mapper';
import { classifyIgtimiError } from '../../src/vendors/igtimi';
import type { VendorResponse } from '../../src/vendors/http';

const seed = createIgtimiSeed();

describe('Igtimi mappers on seed payloads', () => {
  it('maps a boat: serial as native id, device info target as model, blob content kept', () => {
    const { info, boat: _boat, ...wire } = seed.devices[0]!;
    const record = map.mapIgtimiDevice({ ...wire, device_info: info! });
    expect(record).toMatchObject({
      typename: 'IgtimiDevice',
      vendor: 'IGTIMI',
      nativeId: 'GA-EN-AAEJ',
      serialNumber: 'GA-EN-AAEJ',
      name: 'Kotuku',
      model: 'YachtBot',
      ownerId: 2,
      blob: true,
      blobContent: '{"sail_number":"NZL 1"}',
      permissions: { read: true, modify: true },
    });
    expect(record.deviceInfo).toMatchObject({ target: 'YachtBot', build: '504' });
    expect(record.deviceInfoUnread).toBe(false);
  });

  it('marks a device listed without device info that has some: its info and model are still to read', () => {
    const { info: _info, boat: _boat, ...wire } = seed.devices[0]!;
    expect(map.mapIgtimiDevice({ ...wire, device_info: true })).toMatchObject({ deviceInfoUnread: true, deviceInfo: null, model: null });
    expect(map.mapIgtimiDevice({ ...wire, device_info: false })).toMatchObject({ deviceInfoUnread: false, deviceInfo: null, model: null });
  });

  it('maps a device group with its token out of raw and a seconds expiry read as seconds', () => {
    const record = map.mapIgtimiDeviceGroup(seed.deviceGroups[2]!);
    expect(record).toMatchObject({ typename: 'IgtimiDeviceGroup', nativeId: '3', name: 'AA-AD-', prefix: 'AA-AD-', createDevices: true });
    expect(record.expiry?.toISOString()).toBe('2024-01-16T02:49:30.000Z');
    expect(record.raw.token).toBe('[REDACTED]');
    expect(record.token).toBe(seed.deviceGroups[2]!.token);
  });

  it('maps a session with fractional times, the owner as a string and its permissions', () => {
    const { log: _log, public: _public, ...wire } = seed.sessions[0]!;
    const record = map.mapIgtimiSession(wire);
    expect(record).toMatchObject({ nativeId: '1', name: 'Race 1', owner: '2', ownerId: 2, permissions: { read: true, modify: true } });
    expect(record.startTime!.getTime()).toBe(Math.floor(wire.start_time!));
  });

  it('maps group members, windows, tokens and import files', () => {
    expect(map.mapIgtimiMember({ public: true })).toEqual({ kind: 'PUBLIC', id: null, permissions: null });
    expect(map.mapIgtimiMember({ group: { id: 5, permissions: { read: true, modify: false } } })).toMatchObject({ kind: 'GROUP', id: 5 });
    expect(map.mapIgtimiDataAccessWindow(seed.windows[1]!)).toMatchObject({ recipientKind: 'GROUP', recipientId: 5 });
    expect(map.mapIgtimiDeviceGroupToken({ id: 3, token: 't', expiry: '2018-07-16 02:49:30 UTC', parent_devicegroup_token_id: null }).expiry?.toISOString()).toBe(
      '2018-07-16T02:49:30.000Z',
    );
    expect(map.mapIgtimiSyncFiles({ device_syncfiles: seed.syncFiles }).map((f) => f.state)).toEqual(['ERROR', 'PENDING', 'COMPLETED']);
  });
});

describe('Igtimi data scheme', () => {
  it('maps type 1 to longitude ("1") and latitude ("2") and keeps the source id', () => {
    const points = mapIgtimiSeries('AA-AA-AAAA', { '1': { t: [1360618858970], '1': [172.04], '2': [-45.02] }, '9:2': { t: [1360618858970], '1': [6.5] } }, null);
    expect(points.map((p) => [p.name, p.vendorValue, p.vendorUnit, p.unit])).toEqual([
      ['longitude', 172.04, 'lon', 'lon'],
      ['latitude', -45.02, 'lat', 'lat'],
      ['sog', 6.5, 'kn', 'm/s'],
    ]);
    expect(points[2]!.value).toBeCloseTo((6.5 * 1852) / 3600, 9);
    expect(points[2]!.raw).toMatchObject({ type: 9, sourceId: 2 });
  });

  it('maps a latest datum (c1, c2) and narrows by name', () => {
    const datum = { serial_number: 'AA-AA-AAAA', resource_id: 1, c1: 172.04, c2: -45.02, timestamp: 1360618858970 };
    expect(mapIgtimiLatest(1, datum, ['latitude']).map((p) => [p.name, p.value])).toEqual([['latitude', -45.02]]);
  });

  it('asks for the types behind the names, and names what it does not know', () => {
    expect(typesForNames(['latitude', 'longitude', 'aws'])).toEqual({ types: [1, 12], unknown: [] });
    expect(typesForNames(['depth']).unknown).toEqual(['depth']);
  });

  it('reads device serials out of a session log', () => {
    const xml = '<session_log><entry time="1"><device serial_number="GA-EN-AAEJ"/></entry><entry time="2"><device serial_number="bad"/></entry></session_log>';
    expect(serialsInLog(xml)).toEqual(['GA-EN-AAEJ']);
    expect(serialsInLog('<not-closed')).toEqual([]);
  });
});

describe('Igtimi error classification', () => {
  const answer = (status: number, json: unknown): VendorResponse => ({ status, headers: {}, json, text: JSON.stringify(json) });

  it('reads 401 "does not exist" as NOT_FOUND and missing permission as FORBIDDEN, not as a bad token', () => {
    expect(classifyIgtimiError(answer(401, { error: 'Device does not exist' }))).toEqual({ code: 'NOT_FOUND', message: 'Device does not exist' });
    expect(classifyIgtimiError(answer(401, { error: 'The user does not have modify permission on the group.' }))!.code).toBe('FORBIDDEN');
    expect(classifyIgtimiError(answer(401, { error: 'Unauthorized', reason: 'Invalid or missing access token' }))!.code).toBe('UNAUTHENTICATED');
  });

  it('passes a short vendor reason on, never a token-like one', () => {
    expect(classifyIgtimiError(answer(403, { error: 'Invalid session log', reason: 'The root element must be <session_log>' }))).toEqual({
      code: 'FORBIDDEN',
      message: 'Invalid session log: The root element must be <session_log>',
    });
    expect(classifyIgtimiError(answer(400, { error: 'abcdefghijklmnopqrstuvwxyz0123456789' }))).toBeNull();
  });
});
