import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../context/context';
import { MAINFLUX_CHANNEL, MAINFLUX_THING, type MainfluxApi } from '../../../vendors/mainflux';
import { JSONObject } from '../../model/scalars';
import { MainfluxChannel, MainfluxThing } from './mainflux-thing.type';
import { mainfluxNativeId, mainfluxNativeIds } from './mainflux-ids.checks';
import { MainfluxConnectionInput, MainfluxEntityInput, MainfluxEntityUpdateInput } from './mainflux.inputs';

/** Mainflux-only operations on things, channels, connections, identity and messages. */
@Resolver()
export class MainfluxThingsResolver {
  @Query(() => MainfluxThing, { description: 'The thing a key belongs to (POST /identify).' })
  mainfluxIdentify(@Arg('key', () => String, { description: 'A thing key.' }) key: string, @Ctx() ctx: RequestContext) {
    return mainflux(ctx).things.identify(key);
  }

  @Query(() => Boolean, { description: 'Whether the thing with this key may use the channel (POST /identify/channels/{id}/access-by-key).' })
  mainfluxCanAccessByKey(@Arg('channelId', () => ID) channelId: string, @Arg('key', () => String) key: string, @Ctx() ctx: RequestContext) {
    return mainflux(ctx).things.canAccessByKey(mainfluxNativeId(ctx, channelId, MAINFLUX_CHANNEL, 'channelId'), key);
  }

  @Query(() => Boolean, { description: 'Whether the thing may use the channel (POST /identify/channels/{id}/access-by-id).' })
  mainfluxCanAccessById(@Arg('channelId', () => ID) channelId: string, @Arg('thingId', () => ID) thingId: string, @Ctx() ctx: RequestContext) {
    return mainflux(ctx).things.canAccessById(
      mainfluxNativeId(ctx, channelId, MAINFLUX_CHANNEL, 'channelId'),
      mainfluxNativeId(ctx, thingId, MAINFLUX_THING, 'thingId'),
    );
  }

  @Mutation(() => [MainfluxThing], { description: 'Creates things in one bulk call (POST /things); all or none.' })
  mainfluxCreateThings(@Arg('things', () => [MainfluxEntityInput]) things: MainfluxEntityInput[], @Ctx() ctx: RequestContext) {
    return mainflux(ctx).things.createThings(things);
  }

  @Mutation(() => MainfluxThing, { description: 'Renames a thing or replaces its metadata (PUT /things/{id}).' })
  mainfluxUpdateThing(@Arg('id', () => ID) id: string, @Arg('input', () => MainfluxEntityUpdateInput) input: MainfluxEntityUpdateInput, @Ctx() ctx: RequestContext) {
    return mainflux(ctx).things.updateThing(mainfluxNativeId(ctx, id, MAINFLUX_THING), input);
  }

  @Mutation(() => Boolean, { description: 'Deletes a thing (DELETE /things/{id}).' })
  async mainfluxDeleteThing(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    await mainflux(ctx).things.deleteThing(mainfluxNativeId(ctx, id, MAINFLUX_THING));
    return true;
  }

  @Mutation(() => [MainfluxChannel], { description: 'Creates channels in one bulk call (POST /channels); all or none.' })
  mainfluxCreateChannels(@Arg('channels', () => [MainfluxEntityInput]) channels: MainfluxEntityInput[], @Ctx() ctx: RequestContext) {
    return mainflux(ctx).things.createChannels(channels);
  }

  @Mutation(() => MainfluxChannel, { description: 'Renames a channel or replaces its metadata (PUT /channels/{id}).' })
  mainfluxUpdateChannel(@Arg('id', () => ID) id: string, @Arg('input', () => MainfluxEntityUpdateInput) input: MainfluxEntityUpdateInput, @Ctx() ctx: RequestContext) {
    return mainflux(ctx).things.updateChannel(mainfluxNativeId(ctx, id, MAINFLUX_CHANNEL), input);
  }

  @Mutation(() => Boolean, { description: 'Deletes a channel (DELETE /channels/{id}).' })
  async mainfluxDeleteChannel(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    await mainflux(ctx).things.deleteChannel(mainfluxNativeId(ctx, id, MAINFLUX_CHANNEL));
    return true;
  }

  @Mutation(() => Boolean, { description: 'Connects every thing to every channel in one call (POST /connect).' })
  async mainfluxConnect(@Arg('input', () => MainfluxConnectionInput) input: MainfluxConnectionInput, @Ctx() ctx: RequestContext) {
    const [channels, things] = connection(ctx, input);
    await mainflux(ctx).things.connect(channels, things);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Disconnects every thing from every channel in one call (PUT /disconnect).' })
  async mainfluxDisconnect(@Arg('input', () => MainfluxConnectionInput) input: MainfluxConnectionInput, @Ctx() ctx: RequestContext) {
    const [channels, things] = connection(ctx, input);
    await mainflux(ctx).things.disconnect(channels, things);
    return true;
  }

  @Mutation(() => Int, {
    description: 'Sends a SenML pack to a channel as a connected thing (POST /http/channels/{id}/messages); answers the number of records accepted.',
  })
  mainfluxSendMessages(
    @Arg('channelId', () => ID) channelId: string,
    @Arg('thingId', () => ID, { description: 'The publishing thing; its key is read by the gateway.' }) thingId: string,
    @Arg('senml', () => [JSONObject], { description: 'SenML records (RFC 8428), validated before sending.' }) senml: Array<Record<string, unknown>>,
    @Ctx() ctx: RequestContext,
  ) {
    return mainflux(ctx).things.sendMessages(
      mainfluxNativeId(ctx, channelId, MAINFLUX_CHANNEL, 'channelId'),
      mainfluxNativeId(ctx, thingId, MAINFLUX_THING, 'thingId'),
      senml,
    );
  }
}

function connection(ctx: RequestContext, input: MainfluxConnectionInput): [string[], string[]] {
  return [mainfluxNativeIds(ctx, input.channelIds, MAINFLUX_CHANNEL, 'channelIds'), mainfluxNativeIds(ctx, input.thingIds, MAINFLUX_THING, 'thingIds')];
}

export function mainflux(ctx: RequestContext): MainfluxApi {
  return ctx.vendorApi('MAINFLUX');
}
