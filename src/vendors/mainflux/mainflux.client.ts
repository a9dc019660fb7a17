import type { QueryValue } from '../http';
import { locationId, type MainfluxCaller } from './mainflux.client-call';
import * as s from './mainflux.schemas';
import type * as w from './mainflux.wire';

/** One method per Mainflux endpoint of users, things, channels and messages; validates, never maps. */
export class MainfluxClient {
  constructor(readonly caller: MainfluxCaller) {}

  // Users (users service).

  async createUser(body: w.MainfluxWireCredentials): Promise<string | null> {
    return locationId(await this.caller.userRaw('users.create', { method: 'POST', path: ['users'], json: body }));
  }

  getUser(id: string): Promise<w.MainfluxWireUser> {
    return this.caller.user('users.get', s.userSchema, { method: 'GET', path: ['users', id] });
  }

  listUsers(params: w.MainfluxWireListParams): Promise<w.MainfluxWireUserList> {
    return this.caller.user('users.list', s.userListSchema, { method: 'GET', path: ['users'], query: query(params) });
  }

  async updateUser(metadata: Record<string, unknown>): Promise<void> {
    await this.caller.userRaw('users.update', { method: 'PUT', path: ['users'], json: { metadata }, idempotent: true });
  }

  async changePassword(body: w.MainfluxWirePasswordChange): Promise<void> {
    await this.caller.userRaw('users.password', { method: 'PATCH', path: ['password'], json: body });
  }

  // Things.

  createThings(body: w.MainfluxWireThingCreate[]): Promise<{ things: w.MainfluxWireThing[] }> {
    return this.caller.user('things.create', s.thingsCreatedSchema, { method: 'POST', path: ['things'], json: body });
  }

  getThing(id: string): Promise<w.MainfluxWireThing> {
    return this.caller.user('things.get', s.thingSchema, { method: 'GET', path: ['things', id] });
  }

  listThings(params: w.MainfluxWireListParams): Promise<w.MainfluxWireThingList> {
    return this.caller.user('things.list', s.thingListSchema, { method: 'GET', path: ['things'], query: query(params) });
  }

  /** Things connected to a channel (`GET /channels/{id}/things`, Mainflux's relation list). */
  listChannelThings(channelId: string, params: w.MainfluxWireListParams): Promise<w.MainfluxWireThingList> {
    return this.caller.user('channels.things', s.thingListSchema, { method: 'GET', path: ['channels', channelId, 'things'], query: query(params) });
  }

  async updateThing(id: string, body: w.MainfluxWireEntityUpdate): Promise<void> {
    await this.caller.userRaw('things.update', { method: 'PUT', path: ['things', id], json: body, idempotent: true });
  }

  async deleteThing(id: string): Promise<void> {
    await this.caller.userRaw('things.delete', { method: 'DELETE', path: ['things', id] });
  }

  // Channels.

  /** Bulk create. A single channel answers 201 with only a `Location` (doc), hence the two shapes. */
  async createChannels(body: w.MainfluxWireChannelCreate[]): Promise<{ channels: w.MainfluxWireChannel[] } | { location: string | null }> {
    const response = await this.caller.userRaw('channels.create', { method: 'POST', path: ['channels'], json: body });
    if (!response.text) return { location: locationId(response) };
    const parsed = s.channelsCreatedSchema.safeParse(response.json);
    return parsed.success ? parsed.data : { location: locationId(response) };
  }

  getChannel(id: string): Promise<w.MainfluxWireChannel> {
    return this.caller.user('channels.get', s.channelSchema, { method: 'GET', path: ['channels', id] });
  }

  listChannels(params: w.MainfluxWireListParams): Promise<w.MainfluxWireChannelList> {
    return this.caller.user('channels.list', s.channelListSchema, { method: 'GET', path: ['channels'], query: query(params) });
  }

  /** Channels a thing is connected to (`GET /things/{id}/channels`). */
  listThingChannels(thingId: string, params: w.MainfluxWireListParams): Promise<w.MainfluxWireChannelList> {
    return this.caller.user('things.channels', s.channelListSchema, { method: 'GET', path: ['things', thingId, 'channels'], query: query(params) });
  }

  async updateChannel(id: string, body: w.MainfluxWireEntityUpdate): Promise<void> {
    await this.caller.userRaw('channels.update', { method: 'PUT', path: ['channels', id], json: body, idempotent: true });
  }

  async deleteChannel(id: string): Promise<void> {
    await this.caller.userRaw('channels.delete', { method: 'DELETE', path: ['channels', id] });
  }

  // Connections and identity.

  async connect(body: w.MainfluxWireConnection): Promise<void> {
    await this.caller.userRaw('things.connect', { method: 'POST', path: ['connect'], json: body, idempotent: true });
  }

  async disconnect(body: w.MainfluxWireConnection): Promise<void> {
    await this.caller.userRaw('things.disconnect', { method: 'PUT', path: ['disconnect'], json: body, idempotent: true });
  }

  identify(thingKey: string): Promise<w.MainfluxWireIdentity> {
    const body: w.MainfluxWireKeyBody = { token: thingKey };
    return this.caller.anonymous('things.identify', s.identitySchema, { method: 'POST', path: ['identify'], json: body, idempotent: true });
  }

  accessByKey(channelId: string, thingKey: string): Promise<w.MainfluxWireIdentity> {
    const body: w.MainfluxWireKeyBody = { token: thingKey };
    return this.caller.anonymous('things.accessByKey', s.identitySchema, {
      method: 'POST',
      path: ['identify', 'channels', channelId, 'access-by-key'],
      json: body,
      idempotent: true,
    });
  }

  async accessById(channelId: string, thingId: string): Promise<void> {
    const body: w.MainfluxWireAccessById = { thing_id: thingId };
    await this.caller.anonymous('things.accessById', s.emptySchema, {
      method: 'POST',
      path: ['identify', 'channels', channelId, 'access-by-id'],
      json: body,
      idempotent: true,
    });
  }

  // Messages (http adapter and readers), as a thing.

  async sendMessages(channelId: string, thingKey: string, pack: w.MainfluxWireSenml[]): Promise<void> {
    await this.caller.thing('http.send', thingKey, s.emptySchema, {
      method: 'POST',
      path: ['http', 'channels', channelId, 'messages'],
      json: pack,
      // The HTTP adapter reads SenML under its own media type (VENDOR-NOTES, Mainflux).
      contentType: 'application/senml+json',
    });
  }

  readMessages(channelId: string, thingKey: string, params: w.MainfluxWireMessageQuery): Promise<w.MainfluxWireMessageList> {
    return this.caller.thing('readers.messages', thingKey, s.messageListSchema, {
      method: 'GET',
      path: ['channels', channelId, 'messages'],
      query: { ...params },
    });
  }
}

export function query(params: w.MainfluxWireListParams): Record<string, QueryValue> {
  return { ...params };
}
