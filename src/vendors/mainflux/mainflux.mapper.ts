import type { MeasurementRecord, NodeRecord } from '../../core/model';
import { redact } from '../../core/redact';
import { inStandardUnit } from '../../core/units';
import {
  MAINFLUX_CHANNEL,
  MAINFLUX_GROUP,
  MAINFLUX_THING,
  isMainfluxId,
  type MainfluxChannelRecord,
  type MainfluxGroupRecord,
  type MainfluxKeyRecord,
  type MainfluxOrgMemberRecord,
  type MainfluxOrgRecord,
  type MainfluxThingRecord,
  type MainfluxUserRecord,
  type MainfluxWebhookRecord,
} from './mainflux.model';
import type { ResolvedSenml } from './mainflux.mapper-senml';
import type {
  MainfluxWireChannel,
  MainfluxWireGroup,
  MainfluxWireIssuedKey,
  MainfluxWireKey,
  MainfluxWireMessage,
  MainfluxWireOrg,
  MainfluxWireOrgMember,
  MainfluxWireThing,
  MainfluxWireUser,
  MainfluxWireWebhook,
} from './mainflux.wire';

/** Pure mapping from Mainflux payloads to Tributary records. */
export function mapMainfluxThing(wire: MainfluxWireThing): MainfluxThingRecord {
  return {
    typename: MAINFLUX_THING,
    vendor: 'MAINFLUX',
    nativeId: wire.id,
    raw: redact(wire as unknown as Record<string, unknown>),
    name: wire.name || null,
    metadata: wire.metadata ?? null,
    // Mainflux keeps no last-seen time, battery or position on a thing.
    lastSeenAt: null,
    batteryLevel: null,
    location: null,
    key: wire.key ?? null,
  };
}

export function mapMainfluxChannel(wire: MainfluxWireChannel): MainfluxChannelRecord {
  return {
    typename: MAINFLUX_CHANNEL,
    vendor: 'MAINFLUX',
    nativeId: wire.id,
    raw: redact(wire as unknown as Record<string, unknown>),
    name: wire.name || null,
    metadata: wire.metadata ?? null,
  };
}

export function mapMainfluxGroup(wire: MainfluxWireGroup): MainfluxGroupRecord {
  return {
    typename: MAINFLUX_GROUP,
    vendor: 'MAINFLUX',
    nativeId: wire.id,
    raw: redact(wire as unknown as Record<string, unknown>),
    name: wire.name,
    description: wire.description || null,
    createdAt: toDate(wire.created_at),
    ownerId: wire.owner_id ?? null,
    metadata: wire.metadata ?? null,
    updatedAt: toDate(wire.updated_at),
  };
}

export function mapMainfluxUser(wire: MainfluxWireUser): MainfluxUserRecord {
  return { id: wire.id, email: wire.email, metadata: wire.metadata ?? null };
}

export function mapMainfluxOrg(wire: MainfluxWireOrg): MainfluxOrgRecord {
  return {
    id: wire.id,
    name: wire.name,
    description: wire.description || null,
    ownerId: wire.owner_id ?? null,
    metadata: wire.metadata ?? null,
    createdAt: toDate(wire.created_at),
    updatedAt: toDate(wire.updated_at),
  };
}

export function mapMainfluxOrgMember(wire: MainfluxWireOrgMember): MainfluxOrgMemberRecord {
  return { id: wire.id ?? null, email: wire.email, role: wire.role };
}

export function mapMainfluxIssuedKey(wire: MainfluxWireIssuedKey): MainfluxKeyRecord {
  return { id: wire.id, value: wire.value, issuerId: null, subject: null, type: null, issuedAt: toDate(wire.issued_at), expiresAt: toDate(wire.expires_at) };
}

export function mapMainfluxKey(wire: MainfluxWireKey): MainfluxKeyRecord {
  return {
    id: wire.id,
    value: null,
    issuerId: wire.issuer_id,
    subject: wire.subject,
    type: wire.type,
    issuedAt: toDate(wire.issued_at),
    expiresAt: toDate(wire.expires_at),
  };
}

export function mapMainfluxWebhook(wire: MainfluxWireWebhook): MainfluxWebhookRecord {
  return { thingId: wire.thing_id, name: wire.name, format: wire.format, url: wire.url };
}

/**
 * A stored message (readers) as a Measurement. Its source is the thing that published it
 * (`publisher`), or the channel when the publisher is not a thing id.
 */
export function mapMainfluxMessage(wire: MainfluxWireMessage, channel: NodeRecord): MeasurementRecord {
  const fromThing = isMainfluxId(wire.publisher);
  return {
    vendor: 'MAINFLUX',
    sourceTypename: fromThing ? MAINFLUX_THING : channel.typename,
    sourceNativeId: fromThing ? wire.publisher : channel.nativeId,
    name: wire.name,
    time: new Date(Math.round(wire.time * 1000)),
    ...inStandardUnit(wire.value ?? wire.sum ?? null, wire.unit || null),
    stringValue: wire.string_value ?? wire.data_value ?? null,
    boolValue: wire.bool_value ?? null,
    raw: redact(wire as unknown as Record<string, unknown>),
  };
}

/**
 * A SenML record received live over MQTT as a Measurement. MQTT carries no publisher, so the
 * subtopic names it (the convention in docs/vendors/mainflux.md); else the channel is the source.
 */
export function mapMainfluxSenml(
  resolved: ResolvedSenml,
  channelId: string,
  subtopic: string | null,
): MeasurementRecord {
  const fromThing = subtopic !== null && isMainfluxId(subtopic);
  return {
    vendor: 'MAINFLUX',
    sourceTypename: fromThing ? MAINFLUX_THING : MAINFLUX_CHANNEL,
    sourceNativeId: fromThing ? subtopic : channelId,
    name: resolved.name,
    time: new Date(Math.round(resolved.time * 1000)),
    ...inStandardUnit(resolved.value ?? resolved.sum, resolved.unit),
    stringValue: resolved.stringValue ?? resolved.dataValue,
    boolValue: resolved.boolValue,
    raw: {
      channel: channelId,
      ...(subtopic ? { subtopic } : {}),
      protocol: 'mqtt',
      name: resolved.name,
      ...(resolved.unit ? { unit: resolved.unit } : {}),
      time: resolved.time,
      ...(resolved.value !== null ? { value: resolved.value } : {}),
      ...(resolved.stringValue !== null ? { string_value: resolved.stringValue } : {}),
      ...(resolved.boolValue !== null ? { bool_value: resolved.boolValue } : {}),
      ...(resolved.dataValue !== null ? { data_value: resolved.dataValue } : {}),
      ...(resolved.sum !== null ? { sum: resolved.sum } : {}),
    },
  };
}

function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  // Mainflux answers the zero time `0001-01-01T00:00:00Z` for "never set".
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() <= 1 ? null : date;
}
