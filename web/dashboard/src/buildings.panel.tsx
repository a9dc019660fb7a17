import { useQuery } from '@apollo/client/react';
import { useRef } from 'react';
import { useFrameRender } from './frame-render';
import { useLive } from './live';
import { BUILDINGS_QUERY, HISTORY, LIVE_POINTS, type NamedNode, type Point } from './operations';
import { Sparkline } from './sparkline';
import { VendorBanner } from './vendor-status';

const NAMES = ['temperature', 'humidity', 'co2'];
const LABELS: Record<string, string> = { temperature: 'temp', humidity: 'RH', co2: 'CO₂' };
const KEEP = 30;

/** Readings per thing and name, newest last, kept outside React and drawn once per frame. */
type Readings = Map<string, Map<string, { values: number[]; unit: string | null; time: string }>>;

function record(readings: Readings, point: Point): void {
  if (point.value === null || !NAMES.includes(point.name)) return;
  let byName = readings.get(point.source.id);
  if (!byName) readings.set(point.source.id, (byName = new Map()));
  const entry = byName.get(point.name) ?? { values: [], unit: point.unit, time: point.time };
  if (point.time < entry.time) return;
  entry.values.push(point.value);
  if (entry.values.length > KEEP) entry.values.shift();
  entry.time = point.time;
  entry.unit = point.unit;
  byName.set(point.name, entry);
}

/** Thingsee and Mainflux sensors: latest temperature, humidity and CO₂ with sparklines, live. */
export function BuildingsPanel() {
  const things = useQuery(BUILDINGS_QUERY, { errorPolicy: 'all' });
  const list = things.data ?? things.previousData;
  // Alternate the vendors so both show on the first screen.
  const nodes: NamedNode[] = interleave(list?.mainflux.edges ?? [], list?.thingsee.edges ?? []).map((edge) => edge.node);
  const ids = nodes.map((node) => node.id);
  const readings = useRef<Readings>(new Map()).current;
  const invalidate = useFrameRender();

  // Recent history first (oldest first after sorting), then live points append to it.
  const history = useQuery(HISTORY, { variables: { sourceIds: ids, names: NAMES, last: 12 }, skip: ids.length === 0, errorPolicy: 'all' });
  const seeded = useRef(false);
  if (history.data && !seeded.current) {
    seeded.current = true;
    [...history.data.measurements].sort((a, b) => a.time.localeCompare(b.time)).forEach((point) => record(readings, point));
  }
  useLive(LIVE_POINTS, ids.length > 0 && history.data ? { sourceIds: ids, names: NAMES } : null, (event) => {
    record(readings, event.measurements);
    invalidate();
  });

  const tiles = nodes.filter((node) => readings.has(node.id));
  return (
    <section className="panel buildings">
      <h2>Buildings <small>{tiles.length} sensors reporting</small></h2>
      <VendorBanner vendors={['THINGSEE', 'MAINFLUX']} />
      <div className="tiles">
        {tiles.map((node) => (
          <div key={node.id} className="tile" data-testid="sensor-tile" data-id={node.id}>
            <header>
              <span className={`vendor-tag v-${node.vendor}`}>{node.vendor}</span> {node.name ?? node.nativeId}
            </header>
            {NAMES.map((name) => {
              const entry = readings.get(node.id)?.get(name);
              if (!entry) return null;
              return (
                <div key={name} className="reading">
                  <span className="label">{LABELS[name]}</span>
                  <span className="value">{entry.values[entry.values.length - 1]?.toFixed(name === 'co2' ? 0 : 1)} <small>{entry.unit ?? ''}</small></span>
                  <Sparkline values={entry.values} />
                </div>
              );
            })}
          </div>
        ))}
        {tiles.length === 0 && <p className="empty">{things.loading || history.loading ? 'Loading sensors…' : 'No readings yet.'}</p>}
      </div>
    </section>
  );
}

function interleave<T>(first: readonly T[], second: readonly T[]): T[] {
  return Array.from({ length: Math.max(first.length, second.length) }, (_, i) => [first[i], second[i]])
    .flat()
    .filter((item): item is T => item !== undefined);
}
