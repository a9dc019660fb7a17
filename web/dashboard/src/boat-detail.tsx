import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import type uPlot from 'uplot';
import type { SpeedSample } from './fleet.store';
import { DEVICE_RECORD, HISTORY } from './operations';
import { TimeChart } from './time-chart';

const MINUTES = 5;
const SERIES = [
  { label: 'SOG m/s', color: '#3fa7ff' },
  { label: 'AWS m/s', color: '#ffb347' },
];

/** A clicked boat: its device record, and its last minutes of speed (history, then live). */
export function BoatDetail({ id, live, onClose }: { id: string; live: readonly SpeedSample[]; onClose(): void }) {
  const [from] = useState(() => new Date(Date.now() - MINUTES * 60_000).toISOString());
  const record = useQuery(DEVICE_RECORD, { variables: { id }, errorPolicy: 'all' });
  const history = useQuery(HISTORY, { variables: { sourceIds: [id], names: ['sog', 'aws'], from }, errorPolicy: 'all' });
  const device = record.data?.node;

  const bySecond = new Map<number, SpeedSample>();
  for (const point of history.data?.measurements ?? []) {
    if (point.value === null) continue;
    const t = Math.floor(Date.parse(point.time) / 1000);
    const sample = bySecond.get(t) ?? { t, sog: null, aws: null };
    if (point.name === 'sog' || point.name === 'aws') sample[point.name] = point.value;
    bySecond.set(t, sample);
  }
  for (const sample of live) bySecond.set(sample.t, sample);
  const samples = [...bySecond.values()].sort((a, b) => a.t - b.t);
  const data: uPlot.AlignedData = [samples.map((s) => s.t), samples.map((s) => s.sog), samples.map((s) => s.aws)];

  return (
    <div className="detail" data-testid="boat-detail">
      <header>
        <h3>{device?.name ?? '…'}</h3>
        <button type="button" onClick={onClose} aria-label="Close">×</button>
      </header>
      {device && (
        <dl>
          <dt>vendor</dt><dd>{device.vendor}</dd>
          <dt>serial</dt><dd>{device.serialNumber ?? '–'}</dd>
          <dt>model</dt><dd>{device.model ?? '–'}</dd>
          <dt>groups</dt><dd>{device.groups?.map((group) => group.name).join(', ') || '–'}</dd>
          <dt>last seen</dt><dd>{device.lastSeenAt ? new Date(device.lastSeenAt).toLocaleTimeString() : '–'}</dd>
        </dl>
      )}
      <TimeChart series={SERIES} data={data} />
      <p className="hint">Last {MINUTES} minutes: speed over ground and apparent wind speed.</p>
    </div>
  );
}
