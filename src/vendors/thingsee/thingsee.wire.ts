/**
 * Haltian Thingsee payloads as documented (shared/vendor-api/thingsee.txt; the group
 * things answer and message ids from VENDOR-NOTES.md). Types only: simulators import these
 * with `import type`. Every success is wrapped in `{ data: … }`.
 */

/** The success envelope of every endpoint. */
export interface ThingseeWireEnvelope<T> {
  data: T;
}

/** Every error body: `{ statusCode, error, message }` with 400/401/403/404. */
export interface ThingseeWireError {
  statusCode: number;
  error: string;
  message: string;
}

/** `POST /auth/client-token` body. */
export interface ThingseeWireClientTokenRequest {
  client_id: string;
  client_secret: string;
}

/** `POST /auth/client-token` answer (`data`): a token valid for 15 minutes. */
export interface ThingseeWireClientToken {
  token: string;
}

/** `GET /things/alerts` (`data`). */
export interface ThingseeWireAlertingTuids {
  alerting_tuids: string[];
}

/** `GET /things/alerts/count` (`data`): the count is a string. */
export interface ThingseeWireAlertCount {
  alert_count: string;
}

/** One alert period; `to` is absent, null or empty while the alert is active. */
export interface ThingseeWireAlertPeriod {
  from: string;
  to?: string | null;
}

/** One entry of `GET /things/{tuid}/alerts` (`data` is an array of these). */
export interface ThingseeWireThingAlerts {
  tuid: string;
  alert_type: string;
  alerts: ThingseeWireAlertPeriod[];
}

/** `GET /things/{tuid}` (`data`). */
export interface ThingseeWireThing {
  battery_level?: number | null;
  /** Unix seconds of the last event. */
  timestamp?: number | null;
  location?: { lat: number | string; lon: number | string } | null;
  gateway_tuid?: string | null;
  version?: string | null;
}

/** The header every message carries; other keys depend on `tsmId`. */
export interface ThingseeWireMessage {
  tsmId: number;
  tsmEv: number;
  /** Unix seconds. */
  tsmTs: number;
  tsmTuid: string;
  tsmGw?: string;
  deploymentGroupId?: string;
  [field: string]: unknown;
}

/** Query of `GET /things/{tuid}/messages` and `GET /things/{tuid}/commands`. */
export interface ThingseeWireMessageQuery {
  /** Comma-separated message ids. */
  messageid?: string;
  /** Comma-separated event ids. */
  eventid?: string;
  from?: number;
  to?: number;
  limit?: number;
}

/** A command as sent (`POST /things/{tuid}/commands` body items). */
export interface ThingseeWireCommandRequest {
  tsmId: number;
  tsmEv: number;
  [field: string]: unknown;
}

/** A command as recorded by Thingsee. */
export interface ThingseeWireCommand {
  tsmId: number;
  tsmEv: number;
  tsmTs: number;
  tsmDstTuid: string;
  [field: string]: unknown;
}

/** One entry of `GET /things/{tuid}/commands`. */
export interface ThingseeWireCommandRecord {
  tuid: string;
  timestamp: number;
  responsible?: string | null;
  command: ThingseeWireCommand;
}

/** `POST /things/{tuid}/commands` answer (`data`). */
export interface ThingseeWireSentCommands {
  responsible?: string | null;
  commands: ThingseeWireCommand[];
}

/** The documented installation statuses. */
export type ThingseeWireInstallationStatus = 'new' | 'installed' | 'uninstalled' | 'quarantine' | 'retired';

/** One entry of `GET /things/{tuid}/installations`. */
export interface ThingseeWireInstallation {
  tuid: string;
  installation_status: string;
  timestamp: number;
  responsible?: string | null;
}

/** `POST /things/{tuid}/installations` answer (`data`). */
export interface ThingseeWireInstallationSet {
  tuid: string;
  installation_status: string;
}

/** `GET/POST /things/{tuid}/group` answer (`data`). */
export interface ThingseeWireThingGroup {
  group_id: string;
  tuid?: string;
}

/** A deployment group (`POST /groups` answer, and an item of `GET /groups`). */
export interface ThingseeWireGroup {
  group_id: string;
  group_description?: string | null;
}

/** `POST /groups` body. */
export interface ThingseeWireGroupCreate {
  group_id: string;
  group_description?: string;
}

/** `POST /groups/{id}/rename` answer (`data`). */
export interface ThingseeWireGroupRename {
  group_id: string;
  old: string;
  renamed: boolean;
}

/** `DELETE /groups/{id}` answer (`data`). */
export interface ThingseeWireGroupDelete {
  group_id: string;
  deleted: boolean;
}

/** `GET /groups/{id}/things` answer (`data`, VENDOR-NOTES). */
export interface ThingseeWireGroupThings {
  tuids: string[];
}
