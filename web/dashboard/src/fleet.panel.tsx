import { useQuery } from '@apollo/client/react';
import { useMemo, useRef, useState } from 'react';
import { BoatDetail } from './boat-detail';
import { FLEET_NAMES, FleetStore, type Boat } from './fleet.store';
import { useFrameRender } from './frame-render';
import { useLive } from './live';
import { FLEET_QUERY, HISTORY, LIVE_POINTS } from './operations';
import { VendorBanner } from './vendor-status';

const WIDTH = 640;
const HEIGHT = 400;
const PAD = 24;

/** Igtimi boats on a plot of latitude/longitude with short tracks, moving with `measurements`. */
export function FleetPanel() {
  const { data, previousData } = useQuery(FLEET_QUERY, { errorPolicy: 'all' });
  const devices = (data ?? previousData)?.devices.edges.map((edge) => edge.node) ?? [];
  const ids = devices.map((device) => device.id);
  const store = useRef(new FleetStore()).current;
  const invalidate = useFrameRender();
  const [selected, setSelected] = useState<string | null>(null);
  // Counted for the browser test: renders stay at most one per frame while events pour in.
  const counts = useRef({ renders: 0, events: 0 }).current;
  counts.renders += 1;

  // The last minute of positions first, so boats and their tracks show before the first live point.
  const recent = useQuery(HISTORY, { variables: { sourceIds: ids, names: ['latitude', 'longitude'], last: 60 }, skip: ids.length === 0, errorPolicy: 'all' });
  const seeded = useRef(false);
  if (recent.data && !seeded.current) {
    seeded.current = true;
    [...recent.data.measurements].sort((a, b) => a.time.localeCompare(b.time)).forEach((point) => store.apply(point));
  }
  useLive(LIVE_POINTS, ids.length > 0 && !recent.loading ? { sourceIds: ids, names: FLEET_NAMES } : null, (event) => {
    counts.events += 1;
    store.apply(event.measurements);
    invalidate();
  });

  const project = useMemo(() => projection(store.bounds), [store.bounds]);
  const selectedDevice = devices.find((device) => device.id === selected);

  return (
    <section className="panel fleet" data-testid="fleet" data-renders={counts.renders} data-events={counts.events}>
      <h2>Fleet <small>{devices.length} boats</small></h2>
      <VendorBanner vendors={['IGTIMI']} />
      <div className="fleet-body">
        <svg className="plot" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="Boat positions">
          <rect width={WIDTH} height={HEIGHT} className="water" />
          {devices.map((device) => {
            const boat = store.boats.get(device.id);
            if (!boat || boat.lat === null || boat.lon === null || !project) return null;
            const [x, y] = project(boat.lat, boat.lon);
            const track = boat.track.map(([lat, lon]) => project(lat, lon).map((v) => v.toFixed(1)).join(',')).join(' ');
            return (
              <g key={device.id} className={device.id === selected ? 'boat selected' : 'boat'}>
                <polyline points={track} className="track" />
                <circle
                  cx={x}
                  cy={y}
                  r={device.id === selected ? 7 : 5}
                  data-testid="boat"
                  data-id={device.id}
                  data-lat={boat.lat}
                  data-lon={boat.lon}
                  onClick={() => setSelected(device.id)}
                >
                  <title>{device.name ?? device.nativeId}</title>
                </circle>
                <text x={x + 8} y={y - 6}>{device.name ?? device.nativeId}</text>
              </g>
            );
          })}
        </svg>
        <table className="readouts">
          <thead>
            <tr><th>boat</th><th>SOG m/s</th><th>AWS m/s</th><th>AWA °</th></tr>
          </thead>
          <tbody>
            {devices.map((device) => {
              const boat: Boat | undefined = store.boats.get(device.id);
              return (
                <tr key={device.id} className={device.id === selected ? 'selected' : undefined} onClick={() => setSelected(device.id)}>
                  <td>{device.name ?? device.nativeId}</td>
                  <td>{fixed(boat?.sog, 1)}</td>
                  <td>{fixed(boat?.aws, 1)}</td>
                  <td>{fixed(boat?.awa, 0)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {selected && selectedDevice && <BoatDetail id={selected} live={store.boats.get(selected)?.series ?? []} onClose={() => setSelected(null)} />}
    </section>
  );
}

function fixed(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined ? '–' : value.toFixed(digits);
}

/** Equirectangular: longitude shrinks by cos(latitude), fitted into the plot with one scale. */
function projection(bounds: FleetStore['bounds']): ((lat: number, lon: number) => [number, number]) | null {
  if (!bounds) return null;
  const { minLat, maxLat, minLon, maxLon } = bounds;
  const shrink = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * shrink, 1e-4);
  const spanY = Math.max(maxLat - minLat, 1e-4);
  const scale = Math.min((WIDTH - 2 * PAD) / spanX, (HEIGHT - 2 * PAD) / spanY);
  const offsetX = (WIDTH - spanX * scale) / 2;
  const offsetY = (HEIGHT - spanY * scale) / 2;
  return (lat, lon) => [offsetX + (lon - minLon) * shrink * scale, offsetY + (maxLat - lat) * scale];
}
