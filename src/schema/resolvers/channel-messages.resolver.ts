import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context/context';
import { TributaryError } from '../../core/errors';
import { decodeId, type GlobalId } from '../../core/ids';
import { keysetPage } from '../../core/keyset-page';
import type { ChannelRecord } from '../../core/model';
import type { Vendor } from '../../core/vendor';
import { Channel, ChannelMessagesArgs, MeasurementConnection } from '../model/channel.interface';

/**
 * `Channel.messages`, resolved for any vendor that declares `channelMessages` (Mainflux today),
 * with keyset cursors. Arguments are checked before any vendor call.
 */
@Resolver(() => Channel)
export class ChannelMessagesResolver {
  @FieldResolver(() => MeasurementConnection, {
    nullable: true,
    description: 'Stored messages of this channel as data points, newest first; keyset-paged both ways (`first`/`after`, `last`/`before`) within `from`/`to`.',
  })
  async messages(@Root() channel: ChannelRecord, @Args(() => ChannelMessagesArgs) args: ChannelMessagesArgs, @Ctx() ctx: RequestContext) {
    if (args.from && args.to && args.from > args.to) {
      throw new TributaryError('`from` must not be after `to`', 'BAD_USER_INPUT', channel.vendor, { argument: 'from' });
    }
    if ((args.names?.length ?? 0) > 1) {
      throw new TributaryError(`${channel.vendor} filters messages by one name at a time; ask once per name`, 'BAD_USER_INPUT', channel.vendor, { argument: 'names' });
    }
    const publisher = args.publisher ? publisherNativeId(ctx, args.publisher, channel.vendor) : null;
    const source = ctx.capableApi(channel.vendor, 'channelMessages').channelMessages(channel, { name: args.names?.[0] ?? null, publisher });
    return keysetPage(source, args, ctx.pageLimits);
  }
}

// Private:

/** The publisher filter of `Channel.messages`: a thing of the channel's own vendor. */
function publisherNativeId(ctx: RequestContext, id: string, vendor: Vendor): string {
  const thingTypes = ctx.services.registry.typenamesOf('Thing').filter((t) => ctx.services.registry.type(t)?.vendor === vendor);
  let decoded: GlobalId;
  try {
    decoded = decodeId(id);
  } catch {
    throw new TributaryError('`publisher` must be the id of a thing', 'BAD_USER_INPUT', vendor, { argument: 'publisher' });
  }
  if (!thingTypes.includes(decoded.type) || !ctx.services.registry.type(decoded.type)?.isValidNativeId(decoded.nativeId)) {
    throw new TributaryError(`\`publisher\` must be the id of a ${vendor} thing, but got the id of a ${decoded.type}`, 'BAD_USER_INPUT', vendor, { argument: 'publisher' });
  }
  return decoded.nativeId;
}
