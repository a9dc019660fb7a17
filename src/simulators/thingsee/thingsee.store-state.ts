/**
 * The mutable state of one Thingsee simulator and the sensor kinds it models. Message ids
 * and fields follow the catalogue in VENDOR-NOTES.md (1110 battery, 12100 environment,
 * 2100 occupancy, 13102 presence count, 24100/24101 air quality).
 */
import type { ThingseeWireCommandRecord, ThingseeWireGroup, ThingseeWireInstallation, ThingseeWireMessage } from '../../vendors/thingsee/thingsee.wire';
import type { Prng } from '../prng';

export type SensorKind = 'environment' | 'presence' | 'co2' | 'leak';

/** A thing as the simulator keeps it; `GET /things/{tuid}` shows the wire fields. */
export interface ThingseeSimThing {
  tuid: string;
  kind: SensorKind | 'gateway';
  group_id: string | null;
  /** Offline sensors stop reporting (live mode). */
  online: boolean;
  battery_level: number | null;
  timestamp: number | null;
  location: { lat: number; lon: number };
  gateway_tuid: string | null;
  version: string;
}

/** An alert period; `to` null while active. Times in unix seconds. */
export interface ThingseeSimAlert {
  tuid: string;
  alert_type: string;
  from: number;
  to: number | null;
}

export interface ThingseeSimClient {
  client_id: string;
  client_secret: string;
  /** Writes answer 403 for this client. */
  readOnly: boolean;
}

export interface ThingseeSimState {
  clients: ThingseeSimClient[];
  groups: ThingseeWireGroup[];
  things: ThingseeSimThing[];
  /** Per tuid, oldest first. */
  messages: Map<string, ThingseeWireMessage[]>;
  alerts: ThingseeSimAlert[];
  /** Per tuid, oldest first. */
  installations: Map<string, ThingseeWireInstallation[]>;
  /** Per tuid, oldest first. */
  commands: Map<string, ThingseeWireCommandRecord[]>;
}

/** Tuid prefixes (6-character model codes) per sensor kind. */
export const SENSOR_KINDS: Record<SensorKind, { prefix: string }> = {
  environment: { prefix: 'TSEN01' },
  presence: { prefix: 'TSPR04' },
  co2: { prefix: 'TSAQ01' },
  leak: { prefix: 'TSLK01' },
};

/** One reporting round of a sensor: the message payloads (tsmId and fields) it sends. */
export function reading(kind: SensorKind, random: Prng): Array<Record<string, unknown> & { tsmId: number }> {
  const environment = {
    tsmId: 12100,
    temp: round(20 + random.next() * 4),
    humd: round(30 + random.next() * 20),
    airp: Math.round(100_500 + random.next() * 1_500),
    lght: Math.round(random.next() * 600),
  };
  switch (kind) {
    case 'environment':
      return [environment];
    case 'co2':
      return [
        { tsmId: 24100, carbonDioxide: random.int(420, 1400) },
        { tsmId: 24101, tvoc: random.int(50, 600) },
      ];
    case 'presence': {
      const count = random.int(0, 8);
      return [
        { tsmId: 13102, count },
        { tsmId: 2100, state: count > 0 ? 1 : 0 },
      ];
    }
    case 'leak':
      return [{ tsmId: 12100, temp: environment.temp, humd: environment.humd }];
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
