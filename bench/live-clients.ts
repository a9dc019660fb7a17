import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * The subscriber side of `npm run bench:live`, in its own process so its memory and CPU are
 * not counted as the server's. Opens N graphql-ws connections, each subscribed to the same
 * measurement stream; says `ready` once every one of them has had an event, then on
 * `measure` records fan-out latency (receipt time minus the point's time) for the duration.
 */
export interface LiveClientsJob {
  wsUrl: string;
  subscribers: number;
  sourceId: string;
  name: string;
  durationMs: number;
  /** How long the N connections may take to open and see their first event. */
  readyTimeoutMs: number;
}

const BATCH = 200;

process.once('message', (job: LiveClientsJob) => {
  void run(job).catch((error: unknown) => {
    process.send?.({ error: error instanceof Error ? error.message : String(error) });
  });
});
process.on('disconnect', () => process.exit(0));

async function run(job: LiveClientsJob): Promise<void> {
  const latencies: number[] = [];
  let errors = 0;
  let measuring = false;
  const heard = new Set<number>();
  let allHeard: () => void = () => undefined;
  const everyoneHeard = new Promise<void>((resolve) => (allHeard = resolve));
  const query = `subscription { measurements(sourceIds: ["${job.sourceId}"], names: ["${job.name}"]) { time } }`;
  const clients: Client[] = [];
  for (let i = 0; i < job.subscribers; i++) {
    const client = createClient({ url: job.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    clients.push(client);
    client.subscribe<{ measurements: { time: string } }>(
      { query },
      {
        next: (result) => {
          if (!result.data) return;
          if (measuring) latencies.push(Date.now() - Date.parse(result.data.measurements.time));
          if (!heard.has(i)) {
            heard.add(i);
            if (heard.size === job.subscribers) allHeard();
          }
        },
        error: () => {
          errors += 1;
        },
        complete: () => undefined,
      },
    );
    // Open in batches so the handshakes do not all land in the same tick.
    if ((i + 1) % BATCH === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`only ${heard.size} of ${job.subscribers} subscribers had an event within ${job.readyTimeoutMs} ms (${errors} errors)`)),
      job.readyTimeoutMs,
    );
  });
  await Promise.race([everyoneHeard, late]);
  clearTimeout(timer);
  process.send?.({ ready: true });

  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  measuring = true;
  await new Promise((resolve) => setTimeout(resolve, job.durationMs));
  measuring = false;
  process.send?.({ latencies, errors });
  await Promise.all(clients.map((c) => c.dispose()));
}
