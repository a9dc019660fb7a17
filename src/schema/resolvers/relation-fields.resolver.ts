import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context/context';
import { relatedAll } from '../../context/entity-reads';
import { liveRelated } from '../../context/live-feeds';
import type { AlertRecord, ChannelRecord, SessionRecord } from '../../core/model';
import { Alert } from '../model/alert.interface';
import { Channel } from '../model/channel.interface';
import { Device } from '../model/device.interface';
import { Session } from '../model/session.interface';
import { Thing } from '../model/thing.interface';

@Resolver(() => Session)
export class SessionFieldsResolver {
  @FieldResolver(() => [Device], { nullable: true, description: 'Devices that recorded in this session.' })
  devices(@Root() session: SessionRecord, @Ctx() ctx: RequestContext) {
    return relatedAll(ctx, session, 'Session.devices');
  }
}

@Resolver(() => Channel)
export class ChannelFieldsResolver {
  @FieldResolver(() => [Thing], { nullable: true, description: 'Things connected to this channel.' })
  things(@Root() channel: ChannelRecord, @Ctx() ctx: RequestContext) {
    return relatedAll(ctx, channel, 'Channel.things');
  }
}

@Resolver(() => Alert)
export class AlertFieldsResolver {
  @FieldResolver(() => Thing, { nullable: true, description: 'The thing that raised the alert.' })
  async thing(@Root() alert: AlertRecord, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    // In a subscription event, every subscriber shares one lookup (live layer cache); a query uses its loaders.
    const read = info.operation.operation === 'subscription' ? liveRelated : relatedAll;
    return (await read(ctx, alert, 'Alert.thing'))[0] ?? null;
  }
}
