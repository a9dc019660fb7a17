import { VendorError } from '../../core/errors';
import type { RecordLoader } from '../adapter';
import type { MainfluxClient } from './mainflux.client';
import { mainfluxInputError } from './mainflux.errors';
import { checkId, checkIds, checkName, checkNewEntities, type NewEntity } from './mainflux.checks';
import { mapMainfluxChannel, mapMainfluxThing } from './mainflux.mapper';
import type { ThingCredential } from './mainflux.reads-messages';
import type { MainfluxMessages } from './mainflux.reads-messages';
import {
  MAINFLUX_CHANNEL,
  MAINFLUX_THING,
  isMainfluxId,
  type MainfluxChannelRecord,
  type MainfluxThingRecord,
} from './mainflux.model';
import type { MainfluxReads } from './mainflux.reads';
import { parseSenml } from './mainflux.mapper-senml';
import type { MainfluxWireChannelCreate, MainfluxWireThingCreate } from './mainflux.wire';

export interface EntityChanges {
  name?: string | null;
  metadata?: Record<string, unknown> | null;
}

/**
 * Mainflux-only writes and checks on things, channels, connections and messages. Every input
 * is checked before the first call; bulk forms are used wherever the API has them.
 */
export class MainfluxThingOps {
  constructor(
    private readonly client: MainfluxClient,
    private readonly reads: MainfluxReads,
    private readonly messages: MainfluxMessages,
    private readonly loader: RecordLoader,
  ) {}

  /** `POST /things` with every thing in one call; Mainflux saves the batch in one transaction. */
  async createThings(input: readonly NewEntity[]): Promise<MainfluxThingRecord[]> {
    const items = checkNewEntities(input, 'thing');
    const answer = await this.client.createThings(items.map(toWireCreate));
    this.reads.memo.forget('things?');
    return this.reads.primed(answer.things.map(mapMainfluxThing));
  }

  async updateThing(id: string, changes: EntityChanges): Promise<MainfluxThingRecord> {
    const body = await this.changed(MAINFLUX_THING, id, changes);
    await this.client.updateThing(id, body.wire);
    const current = body.current as MainfluxThingRecord;
    return this.reads.primed([mapMainfluxThing({ id, ...body.wire, ...(current.key ? { key: current.key } : {}) })])[0]!;
  }

  async deleteThing(id: string): Promise<void> {
    await this.client.deleteThing(checkId(id, 'id'));
    this.reads.memo.forget('');
  }

  /** `POST /channels` in one call; a single channel answers only a `Location` (doc quirk). */
  async createChannels(input: readonly NewEntity[]): Promise<MainfluxChannelRecord[]> {
    const items = checkNewEntities(input, 'channel');
    const answer = await this.client.createChannels(items.map(toWireCreate));
    this.reads.memo.forget('channels?');
    if ('channels' in answer) return this.reads.primed(answer.channels.map(mapMainfluxChannel));
    const id = answer.location ?? items[0]!.id;
    if (!id || !isMainfluxId(id)) throw new VendorError('MAINFLUX', 'VENDOR_ERROR', 'MAINFLUX: channels.create answered no usable Location');
    return this.reads.primed([mapMainfluxChannel({ id, ...toWireCreate(items[0]!) })]);
  }

  async updateChannel(id: string, changes: EntityChanges): Promise<MainfluxChannelRecord> {
    const body = await this.changed(MAINFLUX_CHANNEL, id, changes);
    await this.client.updateChannel(id, body.wire);
    return this.reads.primed([mapMainfluxChannel({ id, ...body.wire })])[0]!;
  }

  async deleteChannel(id: string): Promise<void> {
    await this.client.deleteChannel(checkId(id, 'id'));
    this.reads.memo.forget('');
  }

  /** Every thing to every channel in one `POST /connect`. */
  async connect(channelIds: readonly string[], thingIds: readonly string[]): Promise<void> {
    await this.client.connect({ channel_ids: checkIds(channelIds, 'channelIds'), thing_ids: checkIds(thingIds, 'thingIds') });
    this.reads.memo.forget('relation:');
  }

  /** Every thing from every channel in one `PUT /disconnect`. */
  async disconnect(channelIds: readonly string[], thingIds: readonly string[]): Promise<void> {
    await this.client.disconnect({ channel_ids: checkIds(channelIds, 'channelIds'), thing_ids: checkIds(thingIds, 'thingIds') });
    this.reads.memo.forget('relation:');
  }

  /** The thing a key belongs to (`POST /identify`). */
  async identify(key: string): Promise<MainfluxThingRecord> {
    const { id } = await this.client.identify(checkKey(key));
    return this.loader.load<MainfluxThingRecord>(MAINFLUX_THING, id);
  }

  /** Whether the key's thing may use the channel; a refusal (403) is `false`, an unknown channel NOT_FOUND. */
  async canAccessByKey(channelId: string, key: string): Promise<boolean> {
    const channel = checkId(channelId, 'channelId');
    return refusalIsFalse(this.client.accessByKey(channel, checkKey(key)));
  }

  async canAccessById(channelId: string, thingId: string): Promise<boolean> {
    const channel = checkId(channelId, 'channelId');
    return refusalIsFalse(this.client.accessById(channel, checkId(thingId, 'thingId')));
  }

  /**
   * Sends a SenML pack to a channel as `thingId` (its key read by the gateway). The pack is
   * validated first; a thing not connected to the channel is the vendor's 403 (FORBIDDEN).
   */
  async sendMessages(channelId: string, thingId: string, senml: unknown): Promise<number> {
    const channel = checkId(channelId, 'channelId');
    const thing = checkId(thingId, 'thingId');
    const parsed = parseSenml(senml);
    if ('problem' in parsed) throw mainfluxInputError(parsed.problem, 'senml');
    const credential: ThingCredential = await this.messages.thingCredential(await this.loader.load<MainfluxThingRecord>(MAINFLUX_THING, thing));
    await this.client.sendMessages(channel, credential.key, parsed.pack);
    return parsed.pack.length;
  }

  // Private:

  /** The full editable state for a PUT: the caller's changes over the current record. */
  private async changed(typename: string, id: string, changes: EntityChanges) {
    checkId(id, 'id');
    if (changes.name == null && changes.metadata == null) throw mainfluxInputError('Name at least one field to change (`name` or `metadata`)');
    const name = changes.name != null ? checkName(changes.name) : undefined;
    const current = await this.loader.load<MainfluxThingRecord | MainfluxChannelRecord>(typename, id);
    const metadata = changes.metadata ?? current.metadata ?? undefined;
    return { current, wire: { name: name ?? current.name ?? undefined, ...(metadata ? { metadata } : {}) } };
  }
}

function toWireCreate(item: NewEntity): MainfluxWireThingCreate & MainfluxWireChannelCreate {
  return { ...(item.id ? { id: item.id } : {}), name: item.name, ...(item.metadata ? { metadata: item.metadata } : {}) };
}

/** Thing keys are UUIDs (VENDOR-NOTES); anything else is refused before it travels. */
function checkKey(key: string): string {
  if (!isMainfluxId(key)) throw mainfluxInputError('A Mainflux thing key is a UUID', 'key');
  return key;
}

async function refusalIsFalse(check: Promise<unknown>): Promise<boolean> {
  try {
    await check;
    return true;
  } catch (error) {
    if (error instanceof VendorError && error.code === 'FORBIDDEN') return false;
    throw error;
  }
}
