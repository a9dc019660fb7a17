/**
 * Igtimi resource, data, upload and live payloads (igtimi.txt "Resources", "Data", "Data
 * Types"; the data format, latest data and the live frames from VENDOR-NOTES.md). Types only.
 */
import type { IgtimiWirePermissions } from './igtimi.wire';

export interface IgtimiWireResource {
  id: number;
  start_time: number;
  end_time: number | null;
  device_serial_number: string;
  data_types: number[];
  permissions: IgtimiWirePermissions;
  blob: boolean;
  /** "flagged as is_archived = true" (archived_resources section). */
  is_archived?: boolean;
}

export interface IgtimiWireResourceList {
  resources: Array<{ resource: IgtimiWireResource }>;
}

/** One type's series: `t` (ms epoch) and one array per value field (`"1"`, `"2"`, …). */
export type IgtimiWireSeries = { t: number[] } & Record<string, number[]>;

/**
 * `GET /resources/data`: `{ "<serial>": { "<type>[:<sourceId>]": series } }` plus
 * `archived_resources` when `restore_archives=true` met archived data.
 */
export type IgtimiWireData = Record<string, Record<string, IgtimiWireSeries> | number[] | undefined> & {
  archived_resources?: number[];
};

export interface IgtimiWireLatestDatum {
  serial_number: string;
  resource_id: number;
  c1: number | null;
  c2: number | null;
  timestamp: number;
}

export interface IgtimiWireLatestData {
  latest_data: Array<{ latest_datum: IgtimiWireLatestDatum }>;
}

/** `GET /data_types`: the doc shows no answer; this gateway reads `[{ data_type: {id, name} }]`. */
export interface IgtimiWireDataType {
  id: number;
  name: string;
  description?: string | null;
}

export interface IgtimiWireDataTypeList {
  data_types: Array<{ data_type: IgtimiWireDataType }>;
}

export interface IgtimiWireSyncFile {
  file_name: string;
  md5: string;
  uploaded_at: number;
  updated_at: number;
  msg?: string;
}

export interface IgtimiWireSyncFiles {
  device_syncfiles: {
    error_files?: IgtimiWireSyncFile[];
    pending_files?: IgtimiWireSyncFile[];
    processing_files?: IgtimiWireSyncFile[];
    completed_files?: IgtimiWireSyncFile[];
  };
}

/** The first frame a live client sends (VENDOR-NOTES, Igtimi). */
export interface IgtimiWireLiveConfig {
  access_token: string;
  devices: string[];
}
