import type { AlertRecord, GroupRecord, MeasurementRecord, ThingRecord } from '../../core/model';

export const THINGSEE_THING = 'ThingseeThing';
export const THINGSEE_ALERT = 'ThingseeAlert';
export const THINGSEE_GROUP = 'ThingseeDeploymentGroup';

/** A Thingsee thing (sensor or gateway), from `GET /things/{tuid}`. */
export interface ThingseeThingRecord extends ThingRecord {
  typename: typeof THINGSEE_THING;
  /** Software version, e.g. `2019.11.15.2_ts_pod3wp34`. */
  version: string | null;
  /** Tuid of the gateway the thing reports through; null for a gateway itself. */
  gatewayTuid: string | null;
  /** The 6-character model prefix of the tuid (VENDOR-NOTES). */
  model: string;
}

/** One alert period of a thing. Native id: `<tuid>~<alert type>~<from>` (see `alertNativeId`). */
export interface ThingseeAlertRecord extends AlertRecord {
  typename: typeof THINGSEE_ALERT;
  tuid: string;
}

/** A deployment group; its id is also its name. */
export interface ThingseeGroupRecord extends GroupRecord {
  typename: typeof THINGSEE_GROUP;
}

/** Installation statuses as documented (`GET/POST /things/{tuid}/installations`). */
export const THINGSEE_INSTALLATION_STATUSES = ['new', 'installed', 'uninstalled', 'quarantine', 'retired'] as const;
export type ThingseeInstallationStatus = (typeof THINGSEE_INSTALLATION_STATUSES)[number];

export interface ThingseeInstallationRecord {
  tuid: string;
  /** Null when Thingsee answers a status the doc does not list (the text stays in `raw`). */
  status: ThingseeInstallationStatus | null;
  at: Date;
  responsible: string | null;
  raw: Record<string, unknown>;
}

/** A message as the vendor sent it, header fields lifted out. */
export interface ThingseeMessageRecord {
  tuid: string;
  messageId: number;
  eventId: number;
  time: Date;
  gatewayTuid: string | null;
  deploymentGroupId: string | null;
  /** The message's fields decoded through the catalogue. */
  measurements: MeasurementRecord[];
  raw: Record<string, unknown>;
}

/** A command sent to a thing. */
export interface ThingseeCommandRecord {
  tuid: string;
  messageId: number;
  eventId: number;
  time: Date;
  destinationTuid: string;
  responsible: string | null;
  raw: Record<string, unknown>;
}

/** The only message ids `POST /things/{tuid}/commands` accepts (doc, "Send a command"). */
export const THINGSEE_COMMAND_IDS: readonly number[] = [1500, 1501, 12200, 13200];

/** The deployment group name Thingsee reserves for things without a group. */
export const UNASSIGNED_GROUP = 'unassigned';

/** Thingsee tokens live 15 minutes (doc, "Create client access token"). */
export const THINGSEE_TOKEN_TTL_MS = 15 * 60 * 1000;

/**
 * TUIDs are a 6-character model prefix plus a serial (`TSEN01ABC12345678`); the doc's
 * placeholders (`XXXXTUID`) are shorter, so 6 to 32 letters and digits pass.
 */
export function isThingseeTuid(id: string): boolean {
  return /^[A-Za-z0-9]{6,32}$/.test(id);
}

/** Group ids have no whitespace and are never `unassigned` (doc, "Create a group"). */
export function isThingseeGroupId(id: string): boolean {
  return /^[^\s/\\?#%]{1,64}$/.test(id) && id !== '.' && id !== '..' && id.toLowerCase() !== UNASSIGNED_GROUP;
}

/** Why a new group id is refused, or null when it is acceptable. */
export function groupIdProblem(id: string): string | null {
  if (/\s/.test(id)) return `must not contain whitespace, but got "${id}"`;
  if (id.toLowerCase() === UNASSIGNED_GROUP) return `must not be "${UNASSIGNED_GROUP}" (reserved by Thingsee)`;
  if (!isThingseeGroupId(id)) return `must be 1 to 64 characters without / \\ ? # %, but got "${id}"`;
  return null;
}

const ALERT_ID = /^([A-Za-z0-9]{6,32})~([^~]{1,100})~(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z?)$/;

export function alertNativeId(tuid: string, type: string, from: string): string {
  return `${tuid}~${type}~${from}`;
}

/** Splits an alert native id, or null when it is malformed. */
export function parseAlertNativeId(id: string): { tuid: string; type: string; from: string } | null {
  const match = ALERT_ID.exec(id);
  return match ? { tuid: match[1], type: match[2], from: match[3] } : null;
}

export function isThingseeAlertId(id: string): boolean {
  return parseAlertNativeId(id) !== null;
}
