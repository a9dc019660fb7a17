import type { Point } from './operations';

/** The names the Fleet panel subscribes to (Igtimi's documented measurement names). */
export const FLEET_NAMES = ['latitude', 'longitude', 'sog', 'aws', 'awa'];

/** How many positions a boat's track keeps (1 Hz: the last two minutes). */
const TRACK_POINTS = 120;
/** How many seconds of speed a boat keeps for its chart. */
const SERIES_SECONDS = 5 * 60;

export interface SpeedSample {
  /** Unix seconds. */
  t: number;
  sog: number | null;
  aws: number | null;
}

export interface Boat {
  lat: number | null;
  lon: number | null;
  sog: number | null;
  aws: number | null;
  awa: number | null;
  /** [lat, lon, unix seconds], oldest first. */
  track: [number, number, number][];
  series: SpeedSample[];
}

/** Live state of every boat, mutated by events and read by the panel once per frame. */
export class FleetStore {
  readonly boats = new Map<string, Boat>();
  /** Extent of every position seen; it only grows, so the plot does not jump as boats turn. */
  bounds: { minLat: number; maxLat: number; minLon: number; maxLon: number } | null = null;

  apply(point: Point): void {
    if (point.value === null) return;
    const boat = this.boat(point.source.id);
    const t = Math.floor(Date.parse(point.time) / 1000);
    switch (point.name) {
      case 'latitude':
      case 'longitude':
        if (point.name === 'latitude') boat.lat = point.value;
        else boat.lon = point.value;
        if (boat.lat !== null && boat.lon !== null) this.addPosition(boat, boat.lat, boat.lon, t);
        return;
      case 'sog':
      case 'aws':
        boat[point.name] = point.value;
        this.sample(boat, t)[point.name] = point.value;
        return;
      case 'awa':
        boat.awa = point.value;
        return;
    }
  }

  private boat(id: string): Boat {
    let boat = this.boats.get(id);
    if (!boat) {
      boat = { lat: null, lon: null, sog: null, aws: null, awa: null, track: [], series: [] };
      this.boats.set(id, boat);
    }
    return boat;
  }

  /** Latitude and longitude arrive as two points of the same time: the second completes the first's entry. */
  private addPosition(boat: Boat, lat: number, lon: number, t: number): void {
    const last = boat.track[boat.track.length - 1];
    if (last && last[2] === t) boat.track[boat.track.length - 1] = [lat, lon, t];
    else boat.track.push([lat, lon, t]);
    if (boat.track.length > TRACK_POINTS) boat.track.shift();
    const b = this.bounds;
    this.bounds = b
      ? { minLat: Math.min(b.minLat, lat), maxLat: Math.max(b.maxLat, lat), minLon: Math.min(b.minLon, lon), maxLon: Math.max(b.maxLon, lon) }
      : { minLat: lat, maxLat: lat, minLon: lon, maxLon: lon };
  }

  private sample(boat: Boat, t: number): SpeedSample {
    const last = boat.series[boat.series.length - 1];
    if (last && last.t === t) return last;
    const sample: SpeedSample = { t, sog: null, aws: null };
    boat.series.push(sample);
    while (boat.series.length > 0 && boat.series[0].t < t - SERIES_SECONDS) boat.series.shift();
    return sample;
  }
}
