import type { MeasurementRecord } from '../../core/model';
import { redact } from '../../core/redact';
import { inStandardUnit } from '../../core/units';
import { entriesFor } from './thingsee.catalogue';
import {
  THINGSEE_ALERT,
  THINGSEE_GROUP,
  THINGSEE_INSTALLATION_STATUSES,
  THINGSEE_THING,
  alertNativeId,
  type ThingseeAlertRecord,
  type ThingseeCommandRecord,
  type ThingseeGroupRecord,
  type ThingseeInstallationRecord,
  type ThingseeInstallationStatus,
  type ThingseeMessageRecord,
  type ThingseeThingRecord,
} from './thingsee.model';
import type {
  ThingseeWireCommand,
  ThingseeWireGroup,
  ThingseeWireInstallation,
  ThingseeWireMessage,
  ThingseeWireThing,
  ThingseeWireThingAlerts,
} from './thingsee.wire';

/** Pure mapping from Thingsee payloads to Tributary records. */
export function mapThingseeThing(tuid: string, wire: ThingseeWireThing): ThingseeThingRecord {
  const lat = toNumber(wire.location?.lat);
  const lon = toNumber(wire.location?.lon);
  return {
    typename: THINGSEE_THING,
    vendor: 'THINGSEE',
    nativeId: tuid,
    raw: redact({ tuid, ...wire }),
    // Thingsee things have no name or metadata; the tuid is their identity.
    name: null,
    metadata: null,
    lastSeenAt: fromUnix(wire.timestamp),
    batteryLevel: wire.battery_level ?? null,
    location: lat !== null && lon !== null ? { latitude: lat, longitude: lon } : null,
    version: wire.version ?? null,
    // A gateway reports no gateway, or itself.
    gatewayTuid: wire.gateway_tuid && wire.gateway_tuid !== tuid ? wire.gateway_tuid : null,
    model: tuid.slice(0, 6),
  };
}

/** One record per alert period of `GET /things/{tuid}/alerts`. */
export function mapThingseeAlerts(wire: readonly ThingseeWireThingAlerts[]): ThingseeAlertRecord[] {
  return wire.flatMap((entry) =>
    entry.alerts.map((period) => ({
      typename: THINGSEE_ALERT,
      vendor: 'THINGSEE' as const,
      nativeId: alertNativeId(entry.tuid, entry.alert_type, period.from),
      raw: redact({ tuid: entry.tuid, alert_type: entry.alert_type, ...period }),
      tuid: entry.tuid,
      type: entry.alert_type,
      startedAt: fromIsoUtc(period.from),
      endedAt: period.to ? fromIsoUtc(period.to) : null,
      // An alert without an end is still on.
      active: !period.to,
    })),
  );
}

export function mapThingseeGroup(wire: ThingseeWireGroup): ThingseeGroupRecord {
  return {
    typename: THINGSEE_GROUP,
    vendor: 'THINGSEE',
    nativeId: wire.group_id,
    raw: redact({ ...wire }),
    name: wire.group_id,
    description: wire.group_description || null,
    // Thingsee does not say when a group was created.
    createdAt: null,
  };
}

export function mapThingseeMessage(wire: ThingseeWireMessage): ThingseeMessageRecord {
  return {
    tuid: wire.tsmTuid,
    messageId: wire.tsmId,
    eventId: wire.tsmEv,
    time: new Date(wire.tsmTs * 1000),
    gatewayTuid: wire.tsmGw ?? null,
    deploymentGroupId: wire.deploymentGroupId ?? null,
    measurements: messageMeasurements(wire, wire.tsmTuid),
    raw: redact({ ...wire }),
  };
}

/** The data points of one message, per the catalogue; a message id it does not know gives none. */
export function messageMeasurements(wire: ThingseeWireMessage, sourceTuid: string): MeasurementRecord[] {
  const points: MeasurementRecord[] = [];
  for (const entry of entriesFor(wire.tsmId)) {
    const value = wire[entry.field];
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    const isBool = entry.kind === 'boolean';
    points.push({
      vendor: 'THINGSEE',
      sourceTypename: THINGSEE_THING,
      sourceNativeId: sourceTuid,
      name: entry.name,
      time: new Date(wire.tsmTs * 1000),
      ...inStandardUnit(isBool ? null : value, entry.unit),
      stringValue: null,
      boolValue: isBool ? value !== 0 : null,
      raw: redact({ ...wire }),
    });
  }
  return points;
}

export function mapThingseeInstallation(wire: ThingseeWireInstallation): ThingseeInstallationRecord {
  return {
    tuid: wire.tuid,
    status: installationStatus(wire.installation_status),
    at: new Date(wire.timestamp * 1000),
    responsible: wire.responsible ?? null,
    raw: redact({ ...wire }),
  };
}

export function mapThingseeCommand(wire: ThingseeWireCommand, tuid: string, responsible: string | null): ThingseeCommandRecord {
  return {
    tuid,
    messageId: wire.tsmId,
    eventId: wire.tsmEv,
    time: new Date(wire.tsmTs * 1000),
    destinationTuid: wire.tsmDstTuid,
    responsible,
    raw: redact({ ...wire }),
  };
}

export function installationStatus(text: string): ThingseeInstallationStatus | null {
  const lower = text.toLowerCase();
  return (THINGSEE_INSTALLATION_STATUSES as readonly string[]).includes(lower) ? (lower as ThingseeInstallationStatus) : null;
}

/** Alert timestamps are ISO without a zone (`2019-12-03T07:22:19`); Thingsee means UTC. */
export function fromIsoUtc(text: string): Date | null {
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

function fromUnix(seconds: number | null | undefined): Date | null {
  return typeof seconds === 'number' && seconds > 0 ? new Date(seconds * 1000) : null;
}

function toNumber(value: number | string | undefined): number | null {
  if (value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}
