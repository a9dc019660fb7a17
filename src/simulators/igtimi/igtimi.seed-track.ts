/**
 * Where a simulated boat is and what its sensors read at any instant: a pure function of the
 * boat and the time, so history, REST data and the live feed agree and every run is the same.
 * Boats sail laps of a windward-leeward course off Auckland's Waitematā Harbour with a
 * south-westerly; each boat has its own speed and start offset.
 */

/** Course marks (lat, lon), sailed in order and back to the first. */
const MARKS: ReadonlyArray<readonly [number, number]> = [
  [-36.8350, 174.7800], // start / leeward gate
  [-36.8180, 174.7640], // windward mark (towards the SW wind)
  [-36.8205, 174.7585], // offset mark
  [-36.8372, 174.7768], // leeward gate, other side
];
/** True wind from 225° (SW), 12 knots with gusts. */
const TWD = 225;
const NM_IN_DEG_LAT = 1 / 60;

export interface BoatProfile {
  /** Seeds the boat's own variation. */
  index: number;
  /** Average boat speed in knots. */
  speedKn: number;
  /** Seconds of course already sailed at the epoch, so boats are spread around the course. */
  offsetS: number;
}

/** One reading of every sensor, keyed by Igtimi data type (fields "1", "2"). */
export type SensorReading = Record<number, number[]>;

export function readingAt(boat: BoatProfile, tMs: number, batteryStartMs: number): SensorReading {
  const t = tMs / 1000;
  const wobble = (period: number, phase = 0) => Math.sin((2 * Math.PI * t) / period + boat.index * 1.7 + phase);
  const sog = boat.speedKn * (1 + 0.08 * wobble(47) + 0.03 * wobble(13, 1));
  const { lat, lon, bearing } = positionAt(boat, t);
  const cog = norm(bearing + 4 * wobble(29, 2));
  const heading = norm(cog + 3 * wobble(61, 3) - 2);
  const tws = 12 + 2.5 * wobble(180, 4) + 0.8 * wobble(17, 5);
  const { awa, aws } = apparentWind(heading, sog, TWD + 6 * wobble(600, 6), tws);
  const hoursOn = Math.max(0, tMs - batteryStartMs) / 3_600_000;
  return {
    1: [round(lon, 6), round(lat, 6)],
    2: [1],
    3: [Math.round(9 + 2 * wobble(300, 7))],
    4: [round(0.9 + 0.2 * wobble(200, 8), 2)],
    5: [round(1.5 + 0.4 * wobble(11, 9), 1)],
    6: [round(cog, 1)],
    7: [round(norm(heading - 19.5), 1)],
    8: [round(heading, 1)],
    9: [round(sog, 2)],
    11: [round(awa, 1)],
    12: [round(aws, 2)],
    15: [Math.max(5, Math.round(100 - 4 * hoursOn - boat.index))],
  };
}

/** Position along the course (laps of the mark polygon) and the bearing of the current leg. */
function positionAt(boat: BoatProfile, t: number): { lat: number; lon: number; bearing: number } {
  const legs = MARKS.map((from, i) => {
    const to = MARKS[(i + 1) % MARKS.length]!;
    return { from, to, nm: distanceNm(from, to) };
  });
  const lapNm = legs.reduce((sum, leg) => sum + leg.nm, 0);
  let along = (((t + boat.offsetS) * boat.speedKn) / 3600) % lapNm;
  for (const leg of legs) {
    if (along > leg.nm) {
      along -= leg.nm;
      continue;
    }
    const f = along / leg.nm;
    // Boats spread a little across the course so tracks do not overlap exactly.
    const spread = (boat.index - 6) * 0.00012;
    return {
      lat: leg.from[0] + (leg.to[0] - leg.from[0]) * f + spread,
      lon: leg.from[1] + (leg.to[1] - leg.from[1]) * f - spread,
      bearing: bearingDeg(leg.from, leg.to),
    };
  }
  return { lat: MARKS[0]![0], lon: MARKS[0]![1], bearing: 0 };
}

function apparentWind(headingDeg: number, sogKn: number, twdDeg: number, twsKn: number): { awa: number; aws: number } {
  // Wind vector (where it blows to) minus boat velocity, in the boat's frame.
  const twa = rad(twdDeg - headingDeg);
  const x = twsKn * Math.cos(twa) + sogKn;
  const y = twsKn * Math.sin(twa);
  const aws = Math.hypot(x, y);
  let awa = (Math.atan2(y, x) * 180) / Math.PI;
  if (awa < -180) awa += 360;
  return { awa, aws };
}

function distanceNm(a: readonly [number, number], b: readonly [number, number]): number {
  const dLat = (b[0] - a[0]) / NM_IN_DEG_LAT;
  const dLon = ((b[1] - a[1]) * Math.cos(rad(a[0]))) / NM_IN_DEG_LAT;
  return Math.hypot(dLat, dLon);
}

function bearingDeg(a: readonly [number, number], b: readonly [number, number]): number {
  const dLat = b[0] - a[0];
  const dLon = (b[1] - a[1]) * Math.cos(rad(a[0]));
  return norm((Math.atan2(dLon, dLat) * 180) / Math.PI);
}

const rad = (deg: number) => (deg * Math.PI) / 180;
const norm = (deg: number) => ((deg % 360) + 360) % 360;
const round = (value: number, digits: number) => Number(value.toFixed(digits));
