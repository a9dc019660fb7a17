import { useState } from 'react';
import { useLive } from './live';
import { ALERT_EVENTS, type AlertEvent } from './operations';
import { VendorBanner } from './vendor-status';

const KEEP = 50;

/** Alerts raised and cleared, live from `alertEvents`, newest first, with their thing. */
export function AlertsPanel() {
  const [events, setEvents] = useState<(AlertEvent & { key: number })[]>([]);
  // Alert events are rare (seconds apart): one render per event is fine here.
  useLive(ALERT_EVENTS, {}, (data) =>
    setEvents((current) => [{ ...data.alertEvents, key: Date.now() + Math.random() }, ...current].slice(0, KEEP)),
  );
  return (
    <section className="panel alerts">
      <h2>Alerts <small>live</small></h2>
      <VendorBanner vendors={['THINGSEE']} />
      <ol className="alert-list">
        {events.map((event) => (
          <li key={event.key} data-testid="alert-row" data-kind={event.kind} className={`alert ${event.kind.toLowerCase()}`}>
            <span className="kind">{event.kind === 'RAISED' ? 'raised' : 'cleared'}</span>
            <span className="type">{event.alert.type ?? 'alert'}</span>
            {/* The thing may be unknown to the live path (null): say so rather than hide the row. */}
            <span className="thing">{event.alert.thing ? event.alert.thing.name ?? event.alert.thing.nativeId : 'thing unknown'}</span>
            <span className="vendor-tag">{event.alert.vendor}</span>
            <time dateTime={event.at}>{new Date(event.at).toLocaleTimeString()}</time>
          </li>
        ))}
        {events.length === 0 && <li className="empty">Waiting for alerts…</li>}
      </ol>
    </section>
  );
}
