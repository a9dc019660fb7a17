/**
 * Fault injection for the simulators: the `SIM_FAULTS` syntax
 * (`thingsee=down,igtimi=latency:3000,mainflux=error-rate:0.3,*=latency:20`) and the
 * per-simulator decision of which request to fail.
 */
import { createPrng, type Prng } from './prng';
import { jsonResponse, type SimResponse } from './request';
import { SIMULATOR_VENDORS, type Faults, type SimulatorVendor } from './simulator.types';

/** No fault at all. */
export const NO_FAULTS: Readonly<Faults> = Object.freeze({ down: false, latencyMs: 0, errorRate: 0 });

/** Parsed `SIM_FAULTS`: faults per vendor key, `*` meaning every vendor. */
export type FaultPlan = Partial<Record<SimulatorVendor | '*', Partial<Faults>>>;

/**
 * Parses a `SIM_FAULTS` string; empty or undefined means no faults. A vendor may appear
 * several times and its entries combine (`iotaap=down,iotaap=latency:50`); for the same
 * kind of fault the later entry wins.
 * @throws Error naming the bad entry and the expected syntax.
 */
export function parseFaults(spec: string | undefined): FaultPlan {
  const plan: FaultPlan = {};
  for (const entry of (spec ?? '').split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const match = /^([^=\s]+)\s*=\s*(down|latency:(.*)|error-rate:(.*))$/.exec(entry);
    if (!match) throw new Error(`SIM_FAULTS entry '${entry}' must look like vendor=down|latency:MS|error-rate:0..1`);
    const [, target, fault, latency, errorRate] = match;
    if (target !== '*' && !(SIMULATOR_VENDORS as readonly string[]).includes(target)) {
      throw new Error(
        `SIM_FAULTS entry '${entry}' names an unknown vendor '${target}'; use one of ${SIMULATOR_VENDORS.join(', ')} or *`,
      );
    }
    const key = target as SimulatorVendor | '*';
    const faults = (plan[key] ??= {});
    if (fault === 'down') faults.down = true;
    else if (latency !== undefined) faults.latencyMs = parseLatency(latency, entry);
    else faults.errorRate = parseErrorRate(errorRate, entry);
  }
  return plan;
}

/** The faults one vendor gets from a plan: its own entries override the `*` ones. */
export function faultsFor(plan: FaultPlan, vendor: SimulatorVendor): Faults {
  return { ...NO_FAULTS, ...plan['*'], ...plan[vendor] };
}

/**
 * Checks a partial fault set (from `setFaults` or `PUT /__sim/faults`).
 * @throws TypeError saying which field is wrong and what it received.
 */
export function validateFaults(input: unknown): Partial<Faults> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError(`Faults must be an object like {"down":true,"latencyMs":100,"errorRate":0.5}, but got: ${describe(input)}`);
  }
  const { down, latencyMs, errorRate } = input as Record<string, unknown>;
  const faults: Partial<Faults> = {};
  if (down !== undefined) {
    if (typeof down !== 'boolean') throw new TypeError(`Faults.down must be a boolean, but got: ${describe(down)}`);
    faults.down = down;
  }
  if (latencyMs !== undefined) {
    if (typeof latencyMs !== 'number' || !Number.isInteger(latencyMs) || latencyMs < 0) {
      throw new TypeError(`Faults.latencyMs must be a whole number of milliseconds >= 0, but got: ${describe(latencyMs)}`);
    }
    faults.latencyMs = latencyMs;
  }
  if (errorRate !== undefined) {
    if (typeof errorRate !== 'number' || !(errorRate >= 0 && errorRate <= 1)) {
      throw new TypeError(`Faults.errorRate must be a number between 0 and 1, but got: ${describe(errorRate)}`);
    }
    faults.errorRate = errorRate;
  }
  return faults;
}

/** The live fault state of one simulator. */
export interface FaultInjector {
  /** The faults in force. */
  current(): Faults;
  /** Merges validated faults in and restarts the error-rate sequence. */
  set(faults: Partial<Faults>): void;
  /** No faults; restarts the error-rate sequence. */
  clear(): void;
  /** The 503 to answer instead of the route, or `undefined` to go on. Draws from the PRNG only for reads. */
  verdict(method: string): SimResponse | undefined;
}

/** The answer of a faulted request. */
export const SERVICE_UNAVAILABLE: SimResponse = jsonResponse(503, { message: 'Service Unavailable' });

/**
 * Creates the fault state of one simulator. The error-rate PRNG is seeded from `seedName` and
 * reseeded on every change, so the same faults fail the same requests on every run.
 */
export function createFaultInjector(seedName: string, initial: Faults = NO_FAULTS): FaultInjector {
  let faults: Faults = { ...NO_FAULTS, ...validateFaults(initial) };
  let random: Prng = createPrng(seedName);
  const reset = (next: Faults): void => {
    faults = next;
    random = createPrng(seedName);
  };
  return {
    current: () => ({ ...faults }),
    set: (changes) => reset({ ...faults, ...validateFaults(changes) }),
    clear: () => reset({ ...NO_FAULTS }),
    verdict(method) {
      if (faults.down) return SERVICE_UNAVAILABLE;
      if (method === 'GET' && faults.errorRate > 0 && random.next() < faults.errorRate) return SERVICE_UNAVAILABLE;
      return undefined;
    },
  };
}

// Private:

function parseLatency(text: string, entry: string): number {
  if (!/^\d+$/.test(text)) {
    throw new Error(`SIM_FAULTS entry '${entry}' needs a latency in whole milliseconds, e.g. latency:3000`);
  }
  return Number(text);
}

function parseErrorRate(text: string, entry: string): number {
  const rate = Number(text);
  if (text.trim() === '' || !(rate >= 0 && rate <= 1)) {
    throw new Error(`SIM_FAULTS entry '${entry}' needs an error rate between 0 and 1, e.g. error-rate:0.3`);
  }
  return rate;
}

function describe(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}
