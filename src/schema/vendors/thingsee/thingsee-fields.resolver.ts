import { Arg, Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../context/context';
import { BadUserInputError } from '../../../core/errors';
import { keysetPage } from '../../../core/keyset-page';
import { singleVendorPage } from '../../../core/pagination';
import { THINGSEE_THING, type ThingseeGroupRecord, type ThingseeThingRecord } from '../../../vendors/thingsee';
import { PageArgs } from '../../model/page.args';
import { ThingseeAlert } from './thingsee-alert.type';
import { ThingseeDeploymentGroup } from './thingsee-group.type';
import { ThingseeCommand, ThingseeInstallation, ThingseeMessage, ThingseeMessageConnection } from './thingsee-message.type';
import { ThingseeInstallationStatusEnum, ThingseeThing, ThingseeThingConnection } from './thingsee-thing.type';
import { ThingseeAlertArgs, ThingseeMessageArgs, ThingseeMessagePageArgs } from './thingsee.args';
import { messageFilter, messageIds, thingsee, timeWindow } from './thingsee.inputs';

@Resolver(() => ThingseeThing)
export class ThingseeThingFieldsResolver {
  @FieldResolver(() => ThingseeThing, { nullable: true, description: 'The gateway this thing reports through (null for a gateway).' })
  gateway(@Root() thing: ThingseeThingRecord, @Ctx() ctx: RequestContext) {
    return thing.gatewayTuid ? ctx.loaders.load(THINGSEE_THING, thing.gatewayTuid) : null;
  }

  @FieldResolver(() => ThingseeInstallationStatusEnum, { nullable: true, description: 'Latest installation status.' })
  installationStatus(@Root() thing: ThingseeThingRecord, @Ctx() ctx: RequestContext) {
    return thingsee(ctx).things.installationStatus(thing.nativeId);
  }

  @FieldResolver(() => [ThingseeInstallation], { nullable: true, description: 'Installation history, newest first.' })
  installations(
    @Root() thing: ThingseeThingRecord,
    @Arg('limit', () => Int, { nullable: true, description: 'At most this many (default 10, at most 100).' }) limit: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    const n = limit ?? 10;
    if (!Number.isInteger(n) || n < 1 || n > 100) throw new BadUserInputError(`\`limit\` must be from 1 to 100, but got ${n}`, { argument: 'limit' });
    return thingsee(ctx).things.installations(thing.nativeId, n);
  }

  @FieldResolver(() => ThingseeDeploymentGroup, { nullable: true, description: 'The deployment group (null when unassigned).' })
  deploymentGroup(@Root() thing: ThingseeThingRecord, @Ctx() ctx: RequestContext) {
    return thingsee(ctx).things.deploymentGroup(thing.nativeId);
  }

  @FieldResolver(() => [ThingseeAlert], { nullable: true, description: 'Active alerts, or with `from`/`to` the alert history in that window.' })
  alerts(@Root() thing: ThingseeThingRecord, @Args(() => ThingseeAlertArgs) args: ThingseeAlertArgs, @Ctx() ctx: RequestContext) {
    return thingsee(ctx).alertsOf(thing.nativeId, timeWindow(args));
  }

  @FieldResolver(() => [ThingseeMessage], { nullable: true, description: 'Messages the thing sent, newest first.' })
  messages(@Root() thing: ThingseeThingRecord, @Args(() => ThingseeMessageArgs) args: ThingseeMessageArgs, @Ctx() ctx: RequestContext) {
    return thingsee(ctx).things.messages(thing.nativeId, messageFilter(args, ctx));
  }

  @FieldResolver(() => ThingseeMessageConnection, {
    nullable: true,
    description: 'Messages the thing sent, newest first; keyset-paged both ways (`first`/`after`, `last`/`before`) within `from`/`to` (whole seconds).',
  })
  messagesConnection(@Root() thing: ThingseeThingRecord, @Args(() => ThingseeMessagePageArgs) args: ThingseeMessagePageArgs, @Ctx() ctx: RequestContext) {
    return keysetPage(thingsee(ctx).things.messageSource(thing.nativeId, messageIds(args)), args, ctx.pageLimits);
  }

  @FieldResolver(() => [ThingseeCommand], { nullable: true, description: 'Commands sent to the thing, in chronological order.' })
  commands(@Root() thing: ThingseeThingRecord, @Args(() => ThingseeMessageArgs) args: ThingseeMessageArgs, @Ctx() ctx: RequestContext) {
    return thingsee(ctx).things.commands(thing.nativeId, messageFilter(args, ctx));
  }
}

@Resolver(() => ThingseeDeploymentGroup)
export class ThingseeGroupFieldsResolver {
  @FieldResolver(() => ThingseeThingConnection, { nullable: true, description: "The group's things (GET /groups/{id}/things), paged." })
  things(@Root() group: ThingseeGroupRecord, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    const api = thingsee(ctx);
    return singleVendorPage(
      { key: THINGSEE_THING, vendor: 'THINGSEE', fetch: (offset, limit) => api.relations['Group.members'](group, { offset, limit, search: null }) },
      page,
      ctx.pageLimits,
    );
  }
}
