/**
 * Igtimi resource, data, upload and data type routes (igtimi.txt, "Resources", "Data",
 * "Data Types"). Data points are computed from the boat tracks (igtimi.seed-track.ts) at 1 Hz
 * inside each resource, so any window is answered without storing millions of points.
 */
import { createHash } from 'node:crypto';
import { jsonResponse, type SimQuery } from '../router';
import type { SimDevice, SimResource } from './igtimi.seed';
import { blobAnswer, flag, igtimiError, int, list, millis, params, SUCCESS, text, type IgtimiContext, type IgtimiRoute, type SimCaller } from './igtimi.store';
import { readingAt } from './igtimi.seed-track';

const V1 = '/api/v1';
/** One read may span a week and a minute (clients split longer ranges; VENDOR-NOTES). */
const MAX_WINDOW_MS = 7 * 24 * 3600_000 + 60_000;
const DATA_TYPES = [
  [1, 'gps_latlong', 'GPS position (1 longitude, 2 latitude)'],
  [2, 'gps_quality_indicator', 'GPS quality indicator'],
  [3, 'gps_quality_sat_count', 'GPS satellite count'],
  [4, 'gps_quality_hdop', 'GPS HDOP'],
  [5, 'gps_altitude', 'GPS altitude (m)'],
  [6, 'cog', 'Course over ground (deg)'],
  [7, 'hdgm', 'Heading, magnetic (deg)'],
  [8, 'hdg', 'Heading, true (deg)'],
  [9, 'sog', 'Speed over ground (kn)'],
  [10, 'stw', 'Speed through water (kn)'],
  [11, 'awa', 'Apparent wind angle (deg)'],
  [12, 'aws', 'Apparent wind speed (kn)'],
  [13, 'hr', 'Heart rate (bpm)'],
  [14, 'cadence', 'Cadence (rpm)'],
  [15, 'battery', 'Battery level (%)'],
  [16, 'file', 'File'],
] as const;

export function registerResourceRoutes(route: IgtimiRoute, context: IgtimiContext): void {
  const { state } = context;
  const mine = (caller: SimCaller) => new Set(state.devices.filter((d) => d.owner_id === caller.user.id).map((d) => d.serial_number));
  /** Seeded resources plus the open live resource of each boat the live generator runs. */
  const resourcesOf = (serial: string): SimResource[] => {
    const seeded = state.resources.filter((r) => r.device_serial_number === serial);
    const since = context.liveSince.get(serial);
    if (since === undefined) return seeded;
    return [...seeded, { ...seeded[0]!, id: 9000 + state.devices.findIndex((d) => d.serial_number === serial), start_time: since, end_time: null, is_archived: false }];
  };

  route('GET', `${V1}/resources`, (request, caller) => {
    const query = params(request);
    const permission = text(query, 'permission');
    if (permission !== 'read' && permission !== 'modify') return igtimiError(400, 'Invalid permission', 'permission must be read or modify');
    const serials = list(query, 'serial_numbers');
    const from = millis(query, 'start_time') ?? -Infinity;
    const to = millis(query, 'end_time') ?? Infinity;
    const own = mine(caller);
    const resources = [...own]
      .filter((serial) => serials.length === 0 || serials.includes(serial))
      .flatMap(resourcesOf)
      .filter((r) => r.start_time >= from && r.start_time <= to);
    return jsonResponse(200, { resources: resources.map((r) => ({ resource: view(r) })) });
  });

  route('GET', `${V1}/resources/:id/blob`, (request, caller) => {
    const resource = state.resources.find((r) => String(r.id) === request.params.id && mine(caller).has(r.device_serial_number));
    return resource ? blobAnswer(resource.blob_content) : igtimiError(401, 'Resource does not exist');
  });

  route('POST', `${V1}/resources/:id/blob`, (request, caller) => {
    const resource = state.resources.find((r) => String(r.id) === request.params.id && mine(caller).has(r.device_serial_number));
    if (!resource) return igtimiError(401, 'Session does not exist');
    resource.blob_content = text(params(request), 'content') ?? '';
    resource.blob = true;
    return SUCCESS;
  });

  route('GET', `${V1}/resources/data`, (request, caller) => {
    const query = params(request);
    const start = millis(query, 'start_time');
    const end = millis(query, 'end_time');
    if (start === undefined || end === undefined || !Number.isFinite(start) || !Number.isFinite(end) || start > end) {
      return igtimiError(400, 'Invalid time range', 'start_time and end_time are required, in epoch milliseconds');
    }
    if (end - start > MAX_WINDOW_MS) return igtimiError(400, 'Time range too large', 'Request at most one week of data at a time');
    const types = requestedTypes(query);
    const restore = flag(query, 'restore_archives', false);
    const own = mine(caller);
    const answer: Record<string, unknown> = {};
    const archived: number[] = [];
    for (const serial of new Set(list(query, 'serial_numbers'))) {
      const device = state.devices.find((d) => d.serial_number === serial);
      if (!device?.boat || !own.has(serial)) continue;
      const series: Record<string, Record<string, number[]>> = {};
      for (const resource of resourcesOf(serial)) {
        if (resource.is_archived) {
          // Asked once with restore_archives: back (and served) from the next read on.
          if (resource.restoring) resource.is_archived = false;
          else {
            if (restore && resource.start_time <= end && (resource.end_time ?? Infinity) >= start) {
              resource.restoring = true;
              archived.push(resource.id);
            }
            continue;
          }
        }
        appendPoints(series, device, resource, Math.max(start, resource.start_time), Math.min(end, resource.end_time ?? context.now(), context.now()), types);
      }
      if (Object.keys(series).length > 0) answer[serial] = series;
    }
    if (restore && archived.length > 0) answer.archived_resources = archived;
    return jsonResponse(200, answer);
  });

  route('GET', `${V1}/resources/data/latest`, (request, caller) => {
    const query = params(request);
    const type = int(query, 'type');
    if (type === undefined) return igtimiError(400, 'Invalid type', 'type must be a data type number');
    const own = mine(caller);
    const latest = list(query, 'serial_numbers').flatMap((serial) => {
      const device = state.devices.find((d) => d.serial_number === serial);
      const resources = device?.boat && own.has(serial) ? resourcesOf(serial).filter((r) => !r.is_archived && r.data_types.includes(type)) : [];
      const last = resources.sort((a, b) => (a.end_time ?? context.now()) - (b.end_time ?? context.now())).at(-1);
      if (!last || !device?.boat) return [];
      const at = Math.floor(Math.min(last.end_time ?? context.now(), context.now()) / 1000) * 1000;
      const values = readingAt(device.boat, at, last.start_time)[type] ?? [];
      return [{ latest_datum: { serial_number: serial, resource_id: last.id, c1: values[0] ?? null, c2: values[1] ?? null, timestamp: at } }];
    });
    return jsonResponse(200, { latest_data: latest });
  });

  route('GET', `${V1}/resources/data/upload`, (request) => {
    const fileId = text(params(request), 'file_id');
    const pick = (files: Array<{ file_name: string }> | undefined) => (files ?? []).filter((f) => !fileId || f.file_name === fileId);
    const files = state.syncFiles;
    return jsonResponse(200, {
      device_syncfiles: {
        error_files: pick(files.error_files),
        pending_files: pick(files.pending_files),
        processing_files: pick(files.processing_files),
        completed_files: pick(files.completed_files),
      },
    });
  });

  // The file comes as a multipart part named `file` (doc), or as the raw body; its content type
  // `igtimi/binary_data` makes it an .IPB import. Stored in memory (`state.uploads`).
  route('POST', `${V1}/resources/data/upload`, (request, caller) => {
    const part = request.files?.find((f) => f.field === 'file');
    const bytes = part?.bytes ?? request.rawBody;
    const type = part?.type ?? request.headers['content-type'] ?? '';
    if (request.files ? !part : bytes.length === 0) return igtimiError(400, 'No file', 'Send the file as the `file` part');
    const md5 = createHash('md5').update(bytes).digest('hex');
    if (type.startsWith('igtimi/binary_data')) {
      const fileId = `${String(state.syncFiles.pending_files?.length ?? 0).padStart(8, '0')}_${md5}.IPB`;
      state.syncFiles.pending_files?.push({ file_name: fileId, md5, uploaded_at: context.now(), updated_at: context.now() });
      state.uploads.push({ kind: 'import', id: fileId, name: part?.name ?? fileId, md5, bytes });
      return jsonResponse(200, { device_syncfile: { file_id: fileId, md5 } });
    }
    const query = params(request);
    const start = millis(query, 'start_time');
    const end = millis(query, 'end_time');
    if (start === undefined || end === undefined) return igtimiError(400, 'Invalid times', 'start_time and end_time are required');
    const own = mine(caller);
    const resourceId = int(query, 'resource_id');
    const serial = text(query, 'serial_number');
    const resource =
      resourceId !== undefined
        ? state.resources.find((r) => r.id === resourceId && own.has(r.device_serial_number))
        : serial !== undefined && int(query, 'stream_id') !== undefined && own.has(serial)
          ? resourcesOf(serial).at(-1)
          : undefined;
    if (!resource) return igtimiError(404, 'Resource does not exist');
    const source = int(query, 'source') ?? 0;
    state.uploads.push({ kind: 'resource', id: String(resource.id), name: part?.name ?? 'file', md5, bytes });
    return jsonResponse(200, { resource_datum: { resource_id: resource.id, md5, source } });
  });

  route('GET', `${V1}/data_types`, () =>
    jsonResponse(200, { data_types: DATA_TYPES.map(([id, name, description]) => ({ data_type: { id, name, description } })) }),
  );
}

/** `types[N]=compression`; none means every type. The simulator reads a positive compression as "one point per that many seconds". */
function requestedTypes(query: SimQuery): Map<number, number> {
  const types = new Map<number, number>();
  for (const key of Object.keys(query)) {
    const match = /^types\[(\d+)\]$/.exec(key);
    if (match) types.set(Number(match[1]), Math.max(0, Number(text(query, key)) || 0));
  }
  return types;
}

function appendPoints(series: Record<string, Record<string, number[]>>, device: SimDevice, resource: SimResource, from: number, to: number, types: Map<number, number>): void {
  const wanted = resource.data_types.filter((type) => types.size === 0 || types.has(type));
  for (const type of wanted) {
    const step = Math.max(1, types.get(type) ?? 0) * 1000;
    const target = (series[String(type)] ??= { t: [] });
    for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
      const values = readingAt(device.boat!, t, resource.start_time)[type];
      if (!values) continue;
      target.t!.push(t);
      values.forEach((value, i) => (target[String(i + 1)] ??= []).push(value));
    }
    if (target.t!.length === 0) delete series[String(type)];
  }
}

function view(resource: SimResource) {
  const { owner_id: _owner, blob_content: _content, restoring: _restoring, ...wire } = resource;
  return wire;
}
