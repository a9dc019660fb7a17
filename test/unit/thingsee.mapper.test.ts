import { createThingseeSeed } from '../../src/simulators/thingsee/thingsee.seed';
import { THINGSEE_CATALOGUE, messageIdsFor } from '../../src/vendors/thingsee/thingsee.catalogue';
import {
  fromIsoUtc,
  mapThingseeAlerts,
  mapThingseeCommand,
  mapThingseeGroup,
  mapThingseeInstallation,
  mapThingseeMessage,
  mapThingseeThing,
  messageMeasurements,
} from '../../src/vendors/thingsee/thingsee.mapper';
import { groupIdProblem, isThingseeGroupId, isThingseeTuid, parseAlertNativeId } from '../../src/vendors/thingsee/thingsee.model';
import { commandBody } from '../../src/vendors/thingsee/thingsee.ops-things';

/** Pure Thingsee mappers, pinned on the doc's examples and on seed payloads. */
const seed = createThingseeSeed();

describe('mapThingseeThing', () => {
  it('maps the doc example of GET /things/{tuid}', () => {
    const wire = { battery_level: 86, timestamp: 1586952604, location: { lat: 65.01, lon: 25.52 }, gateway_tuid: 'XXXX00X1O73360355', version: '2019.11.15.2_ts_pod3wp34' };
    expect(mapThingseeThing('XXXX03X2Z74162459', wire)).toEqual({
      typename: 'ThingseeThing',
      vendor: 'THINGSEE',
      nativeId: 'XXXX03X2Z74162459',
      raw: { tuid: 'XXXX03X2Z74162459', ...wire },
      name: null,
      metadata: null,
      lastSeenAt: new Date(1586952604 * 1000),
      batteryLevel: 86,
      location: { latitude: 65.01, longitude: 25.52 },
      version: '2019.11.15.2_ts_pod3wp34',
      gatewayTuid: 'XXXX00X1O73360355',
      model: 'XXXX03',
    });
  });

  it('reads string coordinates, and a gateway (no battery, no gateway) from the seed', () => {
    const gateway = seed.things.find((t) => t.kind === 'gateway')!;
    const record = mapThingseeThing(gateway.tuid, { timestamp: gateway.timestamp, location: { lat: '65.5', lon: '25.1' }, gateway_tuid: null, version: gateway.version });
    expect(record).toMatchObject({ batteryLevel: null, gatewayTuid: null, location: { latitude: 65.5, longitude: 25.1 }, model: 'TSGW01' });
  });
});

describe('mapThingseeAlerts', () => {
  it('maps the doc example: one record per period, UTC times, active without an end', () => {
    const records = mapThingseeAlerts([
      { tuid: 'XXXX04X1N73261481', alert_type: 'gateway connection lost', alerts: [{ from: '2019-12-03T07:22:19', to: '2019-12-03T07:32:19' }] },
      { tuid: 'XXXX04X1N73261481', alert_type: 'heartbeat missed', alerts: [{ from: '2019-11-22T06:12:33', to: null }] },
    ]);
    expect(records.map((r) => [r.nativeId, r.active, r.startedAt?.toISOString(), r.endedAt?.toISOString() ?? null])).toEqual([
      ['XXXX04X1N73261481~gateway connection lost~2019-12-03T07:22:19', false, '2019-12-03T07:22:19.000Z', '2019-12-03T07:32:19.000Z'],
      ['XXXX04X1N73261481~heartbeat missed~2019-11-22T06:12:33', true, '2019-11-22T06:12:33.000Z', null],
    ]);
    expect(parseAlertNativeId(records[0]!.nativeId)).toEqual({ tuid: 'XXXX04X1N73261481', type: 'gateway connection lost', from: '2019-12-03T07:22:19' });
    expect(fromIsoUtc('2019-12-03T07:22:19+02:00')?.toISOString()).toBe('2019-12-03T05:22:19.000Z');
  });
});

describe('messages and the catalogue', () => {
  it('decodes every field of a seeded environment message with SenML units', () => {
    const sensor = seed.things.find((t) => t.kind === 'environment' && t.group_id)!;
    const message = seed.messages.get(sensor.tuid)!.find((m) => m.tsmId === 12100)!;
    const points = messageMeasurements(message, sensor.tuid);
    expect(points.map((p) => [p.name, p.unit, p.value])).toEqual([
      ['temperature', 'Cel', message.temp],
      ['humidity', '%RH', message.humd],
      ['pressure', 'Pa', message.airp],
      ['light', 'lx', message.lght],
    ]);
    expect(mapThingseeMessage(message)).toMatchObject({ tuid: sensor.tuid, messageId: 12100, eventId: 10, deploymentGroupId: sensor.group_id });
  });

  it('turns occupancy into a boolean, distance into metres (the millimetres kept as vendorValue), and ignores unknown ids', () => {
    const base = { tsmEv: 10, tsmTs: 1559638241, tsmTuid: 'XXXXTUID' };
    expect(messageMeasurements({ ...base, tsmId: 2100, state: 1 }, 'XXXXTUID')[0]).toMatchObject({ name: 'occupancy', boolValue: true, value: null });
    expect(messageMeasurements({ ...base, tsmId: 17100, dist: 1250 }, 'XXXXTUID')[0]).toMatchObject({ name: 'distance', unit: 'm', value: 1.25, vendorUnit: 'mm', vendorValue: 1250 });
    expect(messageMeasurements({ ...base, tsmId: 1110, batl: 74 }, 'XXXXTUID')[0]).toMatchObject({ name: 'battery', unit: '%', value: 74 });
    expect(messageMeasurements({ ...base, tsmId: 99999, foo: 1 }, 'XXXXTUID')).toEqual([]);
    expect(messageIdsFor(['co2', 'temperature'])).toEqual([12100, 24100]);
    expect(new Set(THINGSEE_CATALOGUE.map((e) => e.name)).size).toBe(THINGSEE_CATALOGUE.length);
  });
});

describe('installations, commands and groups', () => {
  it('maps seeded installation and command history', () => {
    const [tuid, history] = [...seed.installations.entries()][0]!;
    expect(mapThingseeInstallation(history[0]!)).toMatchObject({ tuid, status: 'new', responsible: 'factory' });
    expect(mapThingseeInstallation({ ...history[0]!, installation_status: 'scrapped' }).status).toBeNull();
    const [cmdTuid, commands] = [...seed.commands.entries()][0]!;
    expect(mapThingseeCommand(commands[0]!.command, cmdTuid, 'someone')).toMatchObject({ messageId: 1500, destinationTuid: cmdTuid, responsible: 'someone' });
    expect(mapThingseeGroup({ group_id: 'testgroup1', group_description: '' })).toMatchObject({ name: 'testgroup1', description: null });
  });

  it('checks ids, group names and commands as the doc says', () => {
    expect(isThingseeTuid('XXXXTUID')).toBe(true);
    expect(isThingseeTuid('../things')).toBe(false);
    expect(isThingseeGroupId('unassigned')).toBe(false);
    expect(groupIdProblem('my group')).toMatch(/whitespace/);
    expect(groupIdProblem('Unassigned')).toMatch(/unassigned/);
    expect(groupIdProblem('testgroup1')).toBeNull();
    expect(commandBody({ tsmId: 13200, tsmEv: 30, fields: { transactionId: 99999 } }, 0)).toEqual({ transactionId: 99999, tsmId: 13200, tsmEv: 30 });
    expect(() => commandBody({ tsmId: 17110, tsmEv: 30, fields: {} }, 2)).toThrow(/commands\[2\]\.tsmId/);
    expect(() => commandBody({ tsmId: 1500, tsmEv: 30, fields: { tsmDstTuid: 'X' } }, 0)).toThrow(/tsmDstTuid/);
  });
});
