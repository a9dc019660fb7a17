import { BadUserInputError, TributaryError } from '../../core/errors';
import type { KeysetSource } from '../../core/keyset-page';
import type { GroupRecord, MeasurementRecord, NodeRecord, VendorPage } from '../../core/model';
import {
  NO_RELATED,
  type CapabilityDeclaration,
  type CreateGroupArgs,
  type EntitySource,
  type ListArgs,
  type MeasurementArgs,
  type MemberRef,
  type RecordLoader,
  type UpdateGroupArgs,
  type VendorApi,
  type VendorRelations,
} from '../adapter';
import type { MainfluxAdminClient } from './mainflux.client-admin';
import { MainfluxAdminOps } from './mainflux.ops-admin';
import type { MainfluxClient } from './mainflux.client';
import { checkIds, checkName } from './mainflux.checks';
import type { LiveTarget, MainfluxLive } from './mainflux.live';
import { mapMainfluxGroup } from './mainflux.mapper';
import { MainfluxMessages, type ChannelMessageFilter } from './mainflux.reads-messages';
import {
  MAINFLUX_CHANNEL,
  MAINFLUX_GROUP,
  MAINFLUX_THING,
  type MainfluxChannelRecord,
  type MainfluxGroupRecord,
  type MainfluxThingRecord,
  type MainfluxWebhookRecord,
} from './mainflux.model';
import { MainfluxReads } from './mainflux.reads';
import { MainfluxThingOps } from './mainflux.ops-things';

/** What MainfluxApi offers beyond its sources and relations. */
export const MAINFLUX_CAPABILITIES = {
  groups: true,
  devices: false,
  measurements: true,
  channelMessages: true,
  bookMessages: false,
  live: true,
} as const satisfies CapabilityDeclaration<MainfluxApi>;

/** Mainflux for one request and one credential. */
export class MainfluxApi implements VendorApi {
  readonly vendor = 'MAINFLUX' as const;
  readonly sources: readonly EntitySource[];
  readonly reads: MainfluxReads;
  readonly messages: MainfluxMessages;
  /** Things, channels, connections, identity and sending messages. */
  readonly things: MainfluxThingOps;
  /** Users, orgs, policies, API keys and webhooks. */
  readonly admin: MainfluxAdminOps;
  private readonly groupWrites: MainfluxAdminClient;

  constructor(
    client: MainfluxClient,
    adminClient: MainfluxAdminClient,
    private readonly loader: RecordLoader,
    private readonly hub: MainfluxLive,
  ) {
    this.reads = new MainfluxReads(client, adminClient, loader, loader.memo.within('MAINFLUX'));
    this.messages = new MainfluxMessages(client, this.reads, loader);
    this.things = new MainfluxThingOps(client, this.reads, this.messages, loader);
    this.admin = new MainfluxAdminOps(client, adminClient, this.reads);
    this.groupWrites = adminClient;
    this.sources = [
      { typename: MAINFLUX_THING, kind: 'Thing', list: (a) => this.reads.thingsPage(a.offset, a.limit, a.search), loadMany: (ids) => this.reads.loadThings(ids) },
      { typename: MAINFLUX_CHANNEL, kind: 'Channel', list: (a) => this.reads.channelsPage(a.offset, a.limit, a.search), loadMany: (ids) => this.reads.loadChannels(ids) },
      { typename: MAINFLUX_GROUP, kind: 'Group', list: (a) => this.reads.groupsPage(a.offset, a.limit, a.search), loadMany: (ids) => this.reads.loadGroups(ids) },
    ];
  }

  readonly groups = {
    create: async (args: CreateGroupArgs): Promise<GroupRecord> => {
      const id = await this.groupWrites.createGroup({ name: args.name, ...(args.description ? { description: args.description } : {}) });
      this.reads.memo.forget('groups?');
      if (!id) throw new TributaryError('Mainflux created the group but answered no Location', 'VENDOR_ERROR', 'MAINFLUX');
      // The 201 carries only a Location; one GET returns what Mainflux stored (owner, times).
      return this.loader.load<MainfluxGroupRecord>(MAINFLUX_GROUP, id);
    },
    update: async (_typename: string, id: string, args: UpdateGroupArgs): Promise<GroupRecord> => {
      const current = await this.loader.load<MainfluxGroupRecord>(MAINFLUX_GROUP, id);
      // PUT takes the whole editable state: fields left out keep their current values.
      const body = {
        name: args.name != null ? checkName(args.name) : (current.name ?? ''),
        ...((args.description ?? current.description) ? { description: (args.description ?? current.description) as string } : {}),
        ...(current.metadata ? { metadata: current.metadata } : {}),
      };
      await this.groupWrites.updateGroup(id, body);
      return this.reads.primed([mapMainfluxGroup({ ...(current.raw as { id: string }), ...body, id })])[0]!;
    },
    delete: async (_typename: string, id: string): Promise<void> => {
      await this.groupWrites.deleteGroup(id);
      this.reads.memo.forget('');
    },
    addMembers: (group: GroupRecord, members: readonly MemberRef[]) => this.changeMembers(group, members, 'add'),
    removeMembers: (group: GroupRecord, members: readonly MemberRef[]) => this.changeMembers(group, members, 'remove'),
  };

  readonly measurements = {
    forSource: (source: NodeRecord, args: MeasurementArgs) => this.messages.forSource(source, args),
    offered: (source: NodeRecord) => this.messages.offered(source),
    notOffered: (source: NodeRecord, names: readonly string[]) => this.messages.notOffered(source, names),
    catalogued: false,
  };

  readonly live = {
    measurements: (sources: readonly NodeRecord[], names: readonly string[] | null) => this.liveFeed(sources, names),
  };

  readonly relations: VendorRelations<'Thing' | 'Channel' | 'Group'> = {
    'Thing.channels': (thing, args) => pageOf(this.reads.thingChannels(thing.nativeId), args),
    'Thing.groups': (thing, args) => pageOf(this.reads.thingGroups(thing.nativeId), args),
    // Mainflux raises no alerts.
    'Thing.alerts': NO_RELATED,
    'Channel.things': (channel, args) => pageOf(this.reads.channelThings(channel.nativeId), args),
    'Group.members': (group, args) => this.reads.groupMembers(group.nativeId, args.offset, args.limit),
  };

  /** `Channel.messages`: the readers, paged by keyset. */
  channelMessages(channel: NodeRecord, filter: ChannelMessageFilter): KeysetSource<MeasurementRecord> {
    return this.messages.channelSource(channel as MainfluxChannelRecord, filter);
  }

  webhooks(thing: MainfluxThingRecord): Promise<MainfluxWebhookRecord[]> {
    return this.reads.webhooks(thing.nativeId);
  }

  // Private:

  private async changeMembers(group: GroupRecord, members: readonly MemberRef[], action: 'add' | 'remove'): Promise<GroupRecord> {
    for (const member of members) {
      if (member.typename !== MAINFLUX_THING) throw new BadUserInputError(`Mainflux groups hold MainfluxThing members, but got a ${member.typename}`);
    }
    const body = { members: checkIds(members.map((m) => m.nativeId), 'memberIds') };
    if (action === 'add') await this.groupWrites.assignGroupMembers(group.nativeId, body);
    else await this.groupWrites.unassignGroupMembers(group.nativeId, body);
    this.reads.memo.forget('relation:');
    return group;
  }

  /**
   * A live feed that first finds what to follow and with which credential (a channel: a
   * connected thing's key; a thing: its channels with its own key), then follows it. A source
   * that cannot be followed (no connected thing) fails the feed on its first `next`.
   */
  private liveFeed(sources: readonly NodeRecord[], names: readonly string[] | null): AsyncIterableIterator<MeasurementRecord> {
    return this.hub.feed(this.liveTargets(sources), names);
  }

  private async liveTargets(sources: readonly NodeRecord[]): Promise<LiveTarget[]> {
    const lists = await Promise.all(
      sources.map(async (source) => {
        const targets = await this.messages.targetsOf(source);
        if (targets.length === 0 && source.typename === MAINFLUX_CHANNEL) {
          throw new TributaryError(`No thing is connected to Mainflux channel ${source.nativeId}, so none may subscribe to it`, 'FORBIDDEN', 'MAINFLUX');
        }
        return targets.map(({ channel, credential, publisher }) => ({ channelId: channel.nativeId, credential, publisher }));
      }),
    );
    return lists.flat();
  }
}

/** One page of a relation Mainflux answers whole (its total is the whole list's). */
async function pageOf(whole: Promise<VendorPage<NodeRecord>>, args: ListArgs): Promise<VendorPage<NodeRecord>> {
  const { items, total } = await whole;
  return { items: items.slice(args.offset, args.offset + args.limit), total };
}
