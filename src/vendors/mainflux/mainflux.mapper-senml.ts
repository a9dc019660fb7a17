import { z } from 'zod';
import type { MainfluxWireSenml } from './mainflux.wire';

/**
 * SenML (RFC 8428) as Mainflux takes it: a JSON array of records. Checked here before any
 * send, so a malformed pack is the caller's BAD_USER_INPUT and never a vendor round trip.
 */
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const record = z.strictObject({
  bn: z.string().max(200).optional(),
  bt: finite.optional(),
  bu: z.string().max(50).optional(),
  bv: finite.optional(),
  bs: finite.optional(),
  bver: z.number().int().min(1).max(10).optional(),
  n: z.string().max(200).optional(),
  u: z.string().max(50).optional(),
  v: finite.optional(),
  vs: z.string().max(10_000).optional(),
  vb: z.boolean().optional(),
  vd: z.string().max(10_000).optional(),
  s: finite.optional(),
  t: finite.optional(),
  ut: finite.optional(),
}) satisfies z.ZodType<MainfluxWireSenml>;
const pack = z.array(record).min(1).max(1000);

/** One record with its base fields applied (RFC 8428 §4.6), time in seconds. */
export interface ResolvedSenml {
  name: string;
  unit: string | null;
  /** Seconds since the epoch; a relative time (< 2^28) is relative to `now`. */
  time: number;
  value: number | null;
  stringValue: string | null;
  boolValue: boolean | null;
  dataValue: string | null;
  sum: number | null;
}

/** Validates a pack; returns it typed, or the first problem as a sentence naming the record. */
export function parseSenml(input: unknown): { pack: MainfluxWireSenml[] } | { problem: string } {
  const result = pack.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `record ${issue.path.join('.')}` : 'the pack';
    return { problem: `SenML ${where}: ${issue?.message ?? 'invalid'}` };
  }
  let bn = '';
  for (const [i, item] of result.data.entries()) {
    bn = item.bn ?? bn;
    if (!`${bn}${item.n ?? ''}`) return { problem: `SenML record ${i} has no name (set \`n\` or a base name \`bn\`)` };
    const values = [item.v, item.vs, item.vb, item.vd].filter((v) => v !== undefined).length;
    if (values > 1) return { problem: `SenML record ${i} has ${values} values; give one of v, vs, vb, vd` };
    if (values === 0 && item.s === undefined && item.bv === undefined && item.bs === undefined) {
      return { problem: `SenML record ${i} has no value (v, vs, vb, vd or s)` };
    }
  }
  return { pack: result.data };
}

/** Resolves base name, time, unit and value of every record, as the readers store them. */
export function resolveSenml(pack: readonly MainfluxWireSenml[], nowSeconds: number): ResolvedSenml[] {
  let bn = '';
  let bt = 0;
  let bu: string | undefined;
  let bv = 0;
  let bs = 0;
  return pack.map((item) => {
    bn = item.bn ?? bn;
    bt = item.bt ?? bt;
    bu = item.bu ?? bu;
    bv = item.bv ?? bv;
    bs = item.bs ?? bs;
    const time = bt + (item.t ?? 0);
    // RFC 8428 §4.5.3: values below 2^28 are relative to now.
    const absolute = time < 2 ** 28 ? nowSeconds + time : time;
    return {
      name: `${bn}${item.n ?? ''}`,
      unit: item.u ?? bu ?? null,
      time: absolute,
      // A record with no value of its own carries the base value (RFC 8428 §4.1).
      value: item.v !== undefined ? item.v + bv : onlyBase(item) ? bv : null,
      stringValue: item.vs ?? null,
      boolValue: item.vb ?? null,
      dataValue: item.vd ?? null,
      sum: item.s !== undefined ? item.s + bs : null,
    };
  });
}

function onlyBase(item: MainfluxWireSenml): boolean {
  return item.vs === undefined && item.vb === undefined && item.vd === undefined && item.s === undefined;
}
