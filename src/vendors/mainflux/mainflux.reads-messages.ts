import { BadUserInputError } from '../../core/errors';
import { contentId } from '../../core/keyset';
import type { KeysetSource, TimeWindow } from '../../core/keyset-page';
import { windowScan, type NewestReader } from '../../core/keyset-window';
import type { MeasurementRecord, NodeRecord, VendorPage } from '../../core/model';
import type { MeasurementArgs, MeasurementName, RecordLoader } from '../adapter';
import type { MainfluxClient } from './mainflux.client';
import { mapMainfluxMessage } from './mainflux.mapper';
import { MAINFLUX_CHANNEL, MAINFLUX_THING, type MainfluxChannelRecord, type MainfluxThingRecord } from './mainflux.model';
import { MAINFLUX_MAX_PAGE, type MainfluxReads } from './mainflux.reads';
import type { MainfluxWireMessageQuery } from './mainflux.wire';

/** Filters of `Channel.messages`: Mainflux readers filter by one name and one publisher. */
export interface ChannelMessageQuery {
  offset: number;
  limit: number;
  name: string | null;
  publisher: string | null;
  from: Date | null;
  to: Date | null;
}

/** Filters of `Channel.messages` besides the time window. */
export interface ChannelMessageFilter {
  name: string | null;
  publisher: string | null;
}

/** A thing that may read (or subscribe to) a channel: its id and key. */
export interface ThingCredential {
  thingId: string;
  key: string;
}

/**
 * Reading stored messages. The readers authenticate with a thing key (doc: "Read Messages"),
 * so a channel is read with the key of a thing connected to it, and a thing with its own key.
 */
export class MainfluxMessages {
  constructor(
    private readonly client: MainfluxClient,
    private readonly reads: MainfluxReads,
    private readonly loader: RecordLoader,
  ) {}

  /** `Thing.measurements` / `measurements(sourceIds)`: newest first, `last` per name. */
  async forSource(source: NodeRecord, args: MeasurementArgs): Promise<MeasurementRecord[]> {
    const targets = await this.targetsOf(source);
    const names = args.names?.length ? args.names : [null];
    const limit = args.last ?? MAINFLUX_MAX_PAGE;
    const pages = await Promise.all(
      targets.flatMap(({ channel, credential, publisher }) =>
        names.map(async (name) => {
          const query = wireQuery({ offset: 0, limit, name, publisher, from: args.from, to: args.to });
          const answer = await this.client.readMessages(channel.nativeId, credential.key, query);
          // A read without a time window counts the stored messages: `notOffered` needs no call of its own.
          if (name && !args.from && !args.to) this.reads.memo.prime(totalKey(channel.nativeId, publisher, name), answer.total);
          return answer.messages.map((message) => mapMainfluxMessage(message, channel));
        }),
      ),
    );
    const all = pages.flat().sort((a, b) => b.time.getTime() - a.time.getTime());
    // With no names, `last` caps the whole list: Mainflux cannot say which names exist.
    return args.names?.length ? all : all.slice(0, limit);
  }

  /**
   * The names (with units) among the newest stored messages of the source's channels, one
   * call per channel: Mainflux has no name catalogue, a name is whatever a publisher sent.
   */
  async offered(source: NodeRecord): Promise<MeasurementName[]> {
    const targets = await this.targetsOf(source);
    const pages = await Promise.all(
      targets.map(({ channel, credential, publisher }) =>
        this.client.readMessages(channel.nativeId, credential.key, wireQuery({ offset: 0, limit: MAINFLUX_MAX_PAGE, name: null, publisher, from: null, to: null })),
      ),
    );
    const units = new Map<string, string | null>();
    for (const message of pages.flatMap((page) => page.messages)) if (!units.has(message.name)) units.set(message.name, message.unit ?? null);
    return [...units].map(([name, unit]) => ({ name, unit })).sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * The names no stored message of the source's channels carries: known from this request's
   * reads without a time window, else one `limit=1` read per name and channel (kept in the
   * request memo like those).
   */
  async notOffered(source: NodeRecord, names: readonly string[]): Promise<string[]> {
    const targets = await this.targetsOf(source);
    const found = await Promise.all(
      names.map(async (name) => {
        const totals = await Promise.all(
          targets.map(({ channel, credential, publisher }) =>
            this.reads.memo.get(totalKey(channel.nativeId, publisher, name), async () => {
              const query = wireQuery({ offset: 0, limit: 1, name, publisher, from: null, to: null });
              return (await this.client.readMessages(channel.nativeId, credential.key, query)).total;
            }),
          ),
        );
        return totals.some((total) => total > 0);
      }),
    );
    return names.filter((_, i) => !found[i]);
  }

  /**
   * A channel's messages for keyset paging (`Channel.messages`): each read asks the readers
   * for the newest messages of a time window (`from`/`to`), so messages arriving
   * between pages never shift one; `total` says whether a read saw its whole window.
   */
  channelSource(channel: MainfluxChannelRecord, filter: ChannelMessageFilter): KeysetSource<MeasurementRecord> {
    let credential: Promise<ThingCredential | null> | null = null;
    // Totals the readers answered, per window: a first page's read also counts the list.
    const totals = new Map<string, number>();
    const read = async (window: TimeWindow, limit: number, offset = 0): Promise<VendorPage<MeasurementRecord>> => {
      credential ??= this.channelCredential(channel.nativeId);
      const key = (await credential)?.key;
      // No connected thing: nobody can read the channel, and nothing can have been published to it.
      if (!key) return { items: [], total: 0 };
      const answer = await this.client.readMessages(channel.nativeId, key, { ...wireFilter(filter), ...wireWindow(window), offset, limit });
      totals.set(JSON.stringify(window), answer.total);
      return { items: answer.messages.map((message) => mapMainfluxMessage(message, channel)), total: answer.total };
    };
    const time = (m: MeasurementRecord) => m.time.getTime();
    const id = (m: MeasurementRecord) => contentId(m.raw);
    const reader: NewestReader<MeasurementRecord> = {
      step: 1,
      maxLimit: MAINFLUX_MAX_PAGE,
      time,
      newest: async (window, limit) => {
        const { items, total } = await read(window, limit);
        return { items, completeAbove: total <= items.length ? null : Math.min(...items.map(time)) };
      },
      // The readers answer ties in one order (by time only, the rest as stored) and take an offset.
      ranked: { page: (window, offset, limit) => read(window, limit, offset), id },
    };
    return {
      list: 'Channel.messages',
      key: (m) => ({ time: time(m), id: id(m) }),
      scan: (request) => windowScan(reader, request),
      count: async (window) => totals.get(JSON.stringify(window)) ?? (await read(window, 1)).total,
    };
  }

  /** A thing connected to the channel, with its key; null when none is. */
  async channelCredential(channelId: string): Promise<ThingCredential | null> {
    const things = await this.reads.channelThings(channelId);
    const thing = things.items.find((candidate) => candidate.key);
    return thing?.key ? { thingId: thing.nativeId, key: thing.key } : null;
  }

  /** The thing's own credential; its key is read when the record does not carry it. */
  async thingCredential(thing: MainfluxThingRecord): Promise<ThingCredential> {
    const key = thing.key ?? (await this.reads.loadThings([thing.nativeId]).then(([fresh]) => (fresh instanceof Error ? null : fresh?.key)));
    if (!key) throw new BadUserInputError(`Mainflux thing ${thing.nativeId} has no key visible to this credential`);
    return { thingId: thing.nativeId, key };
  }

  /**
   * The channels to read for a source and the credential to read them with: a channel with a
   * connected thing's key; a thing's channels with its own key, filtered to what it published.
   */
  async targetsOf(source: NodeRecord): Promise<Array<{ channel: MainfluxChannelRecord; credential: ThingCredential; publisher: string | null }>> {
    if (source.typename === MAINFLUX_CHANNEL) {
      const credential = await this.channelCredential(source.nativeId);
      return credential ? [{ channel: source as MainfluxChannelRecord, credential, publisher: null }] : [];
    }
    if (source.typename !== MAINFLUX_THING) return [];
    const thing = await this.loader.load<MainfluxThingRecord>(MAINFLUX_THING, source.nativeId);
    const channels = await this.reads.thingChannels(thing.nativeId);
    if (channels.items.length === 0) return [];
    const credential = await this.thingCredential(thing);
    return channels.items.map((channel) => ({ channel, credential, publisher: thing.nativeId }));
  }
}

/** The request memo's key of a stored-message count. */
function totalKey(channelId: string, publisher: string | null, name: string): string {
  return `total:${channelId}|${publisher ?? ''}|${name}`;
}

function wireFilter(filter: ChannelMessageFilter): Partial<MainfluxWireMessageQuery> {
  return { ...(filter.name ? { name: filter.name } : {}), ...(filter.publisher ? { publisher: filter.publisher } : {}) };
}

/**
 * The readers take seconds (floats), the records carry whole ms (rounded): the window is
 * widened by half a ms each way so a rounded time at its edge is still read.
 */
function wireWindow(window: TimeWindow): Partial<MainfluxWireMessageQuery> {
  return {
    ...(window.from !== null ? { from: (window.from - 0.5) / 1000 } : {}),
    ...(window.to !== null ? { to: (window.to + 0.4999) / 1000 } : {}),
  };
}

function wireQuery(query: ChannelMessageQuery): MainfluxWireMessageQuery {
  return {
    offset: query.offset,
    limit: Math.min(query.limit, MAINFLUX_MAX_PAGE),
    ...(query.name ? { name: query.name } : {}),
    ...(query.publisher ? { publisher: query.publisher } : {}),
    // The readers take seconds (floats), like the stored `time`.
    ...(query.from ? { from: query.from.getTime() / 1000 } : {}),
    ...(query.to ? { to: query.to.getTime() / 1000 } : {}),
  };
}
