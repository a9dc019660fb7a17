/**
 * SenML (RFC 8428) as the Mainflux HTTP adapter and readers treat it: a JSON array of
 * records, base name/time/unit/value applied to the records after them, relative times
 * resolved against the receive time. The simulator's own reading, independent of the gateway's.
 */
import type { MainfluxWireMessage, MainfluxWireSenml } from '../../vendors/mainflux/mainflux.wire';

const NUMBER_FIELDS = ['bt', 'bv', 'bs', 'bver', 'v', 's', 't', 'ut'] as const;
const STRING_FIELDS = ['bn', 'bu', 'n', 'u', 'vs', 'vd'] as const;
const KNOWN = new Set<string>([...NUMBER_FIELDS, ...STRING_FIELDS, 'vb']);

/** The pack, or the reason it is not SenML. */
export function checkSenml(body: unknown): MainfluxWireSenml[] | string {
  if (!Array.isArray(body) || body.length === 0) return 'SenML must be a non-empty array';
  let bn = '';
  for (const record of body as unknown[]) {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'SenML records must be objects';
    const fields = record as Record<string, unknown>;
    for (const [label, value] of Object.entries(fields)) {
      if (!KNOWN.has(label)) return `unknown SenML label ${label}`;
      if ((NUMBER_FIELDS as readonly string[]).includes(label) && (typeof value !== 'number' || !Number.isFinite(value))) return `${label} must be a number`;
      if ((STRING_FIELDS as readonly string[]).includes(label) && typeof value !== 'string') return `${label} must be a string`;
      if (label === 'vb' && typeof value !== 'boolean') return 'vb must be a boolean';
    }
    bn = (fields.bn as string | undefined) ?? bn;
    if (!`${bn}${(fields.n as string | undefined) ?? ''}`) return 'SenML record without a name';
  }
  return body as MainfluxWireSenml[];
}

/** The stored messages of a pack, as the readers answer them. */
export function resolveSenml(pack: readonly MainfluxWireSenml[], channelId: string, publisher: string, protocol: string, nowSeconds: number, subtopic?: string): MainfluxWireMessage[] {
  let bn = '';
  let bt = 0;
  let bu: string | undefined;
  let bv = 0;
  return pack.map((record) => {
    bn = record.bn ?? bn;
    bt = record.bt ?? bt;
    bu = record.bu ?? bu;
    bv = record.bv ?? bv;
    const time = bt + (record.t ?? 0);
    const message: MainfluxWireMessage = {
      channel_name: channelId,
      ...(subtopic ? { subtopic } : {}),
      publisher,
      protocol,
      name: `${bn}${record.n ?? ''}`,
      ...((record.u ?? bu) ? { unit: record.u ?? bu } : {}),
      time: time < 2 ** 28 ? nowSeconds + time : time,
    };
    if (record.v !== undefined) message.value = record.v + bv;
    else if (record.vs !== undefined) message.string_value = record.vs;
    else if (record.vb !== undefined) message.bool_value = record.vb;
    else if (record.vd !== undefined) message.data_value = record.vd;
    else if (record.s === undefined) message.value = bv;
    if (record.s !== undefined) message.sum = record.s;
    return message;
  });
}
