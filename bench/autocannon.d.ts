/**
 * The part of autocannon's programmatic API that bench/overload.ts uses (the package ships no
 * types; the other benchmarks run its command line instead).
 */
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    overallRate?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: Array<{ onResponse?: (status: number, body: string) => void }>;
  }
  interface Instance extends PromiseLike<unknown> {
    on(event: 'response', listener: (client: unknown, status: number, bytes: number, latencyMs: number) => void): this;
  }
  function autocannon(options: Options): Instance;
  export default autocannon;
}
