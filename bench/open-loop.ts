import { Pool } from 'undici';

export interface OpenLoopOptions {
  url: string;
  /** Requests per second, sent at evenly spaced moments. */
  rate: number;
  seconds: number;
  /** Sockets the client may open (enough that the client never waits for one). */
  connections: number;
  body: string;
  /** A reason when a 200's body is not the expected answer (the run then fails). */
  check: (body: string) => string | null;
}

export interface OpenLoopResult {
  sent: number;
  statuses: number[];
  okLatencies: number[];
  shedLatencies: number[];
  /** Requests that could not start on time because every socket was busy (the client, not the server, queued them). */
  waitedForSocket: number;
}

/**
 * An open-loop load client: request i is sent at `start + i / rate`, whatever happened to the
 * ones before it, as real users arrive. autocannon's `overallRate` is not that: each connection
 * sends its share of a second back to back at the top of every second and then pauses, so the
 * server sees a burst of `connections` requests at once and an idle rest of the second — a
 * burst any concurrency limit must mostly refuse, and fast refusals then use up the quota.
 * Latency is counted from the moment a request was due (no coordinated omission).
 */
export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { rate, seconds, connections, body, check } = options;
  const target = new URL(options.url);
  const pool = new Pool(target.origin, { connections, pipelining: 1 });
  const result: OpenLoopResult = { sent: 0, statuses: [], okLatencies: [], shedLatencies: [], waitedForSocket: 0 };
  const total = Math.round(rate * seconds);
  const intervalMs = 1000 / rate;
  let inFlight = 0;
  let wrong: string | null = null;
  const pending: Array<Promise<void>> = [];

  const send = async (dueAt: number): Promise<void> => {
    inFlight += 1;
    if (inFlight > connections) result.waitedForSocket += 1;
    try {
      const response = await pool.request({ path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await response.body.text();
      const latency = performance.now() - dueAt;
      result.statuses.push(response.statusCode);
      if (response.statusCode === 200) {
        wrong ??= check(text);
        result.okLatencies.push(latency);
      } else if (response.statusCode === 503) {
        // A refusal a client cannot pace itself by is a wrong answer too.
        if (response.headers['retry-after'] === undefined) wrong ??= 'a 503 without Retry-After';
        result.shedLatencies.push(latency);
      }
    } catch (error) {
      result.statuses.push(0);
      wrong ??= `request failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      inFlight -= 1;
    }
  };

  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      // Every request due by now goes out now; a late timer turn sends the backlog at once.
      while (result.sent < total && start + result.sent * intervalMs <= now) {
        pending.push(send(start + result.sent * intervalMs));
        result.sent += 1;
      }
      if (result.sent >= total) return resolve();
      setTimeout(tick, Math.max(0, start + result.sent * intervalMs - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  await pool.close();
  if (wrong) throw new Error(`a wrong answer: ${wrong}`);
  return result;
}
