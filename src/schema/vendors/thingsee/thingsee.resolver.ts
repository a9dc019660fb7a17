import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../context/context';
import { BadUserInputError } from '../../../core/errors';
import { THINGSEE_THING } from '../../../vendors/thingsee';
import { ThingseeCommandBatch } from './thingsee-message.type';
import { ThingseeInstallationStatusEnum, ThingseeThing } from './thingsee-thing.type';
import { ThingseeCommandInput } from './thingsee.args';
import { groupNativeId, thingTuid, thingsee } from './thingsee.inputs';

/** Most commands in one `thingseeSendCommands`. */
const MAX_COMMANDS = 20;

/** Thingsee-only operations: alert count, commands, installation status, deployment group. */
@Resolver()
export class ThingseeResolver {
  @Query(() => Int, { description: 'How many Thingsee things have active alerts (GET /things/alerts/count).' })
  thingseeAlertCount(@Ctx() ctx: RequestContext) {
    return thingsee(ctx).alertCount();
  }

  @Mutation(() => ThingseeCommandBatch, {
    description: 'Sends commands to a thing (POST /things/{tuid}/commands). Only message ids 1500, 1501, 12200 and 13200 are allowed.',
  })
  thingseeSendCommands(
    @Arg('thingId', () => ID, { description: 'Id of the ThingseeThing to command.' }) thingId: string,
    @Arg('commands', () => [ThingseeCommandInput], { description: 'Up to 20 commands, sent in one request.' }) commands: ThingseeCommandInput[],
    @Ctx() ctx: RequestContext,
  ) {
    const tuid = thingTuid(thingId, 'thingId');
    if (commands.length === 0 || commands.length > MAX_COMMANDS) {
      throw new BadUserInputError(`\`commands\` must hold 1 to ${MAX_COMMANDS} commands, but got ${commands.length}`, { argument: 'commands' });
    }
    return thingsee(ctx).things.sendCommands(tuid, commands.map((c) => ({ tsmId: c.tsmId, tsmEv: c.tsmEv, fields: c.fields ?? {} })));
  }

  @Mutation(() => ThingseeThing, { description: "Sets a thing's installation status (POST /things/{tuid}/installations)." })
  async thingseeSetInstallationStatus(
    @Arg('thingId', () => ID, { description: 'Id of the ThingseeThing.' }) thingId: string,
    @Arg('status', () => ThingseeInstallationStatusEnum, { description: 'The new status.' }) status: ThingseeInstallationStatusEnum,
    @Ctx() ctx: RequestContext,
  ) {
    const tuid = thingTuid(thingId, 'thingId');
    await thingsee(ctx).things.setInstallationStatus(tuid, status);
    return ctx.loaders.load(THINGSEE_THING, tuid);
  }

  @Mutation(() => ThingseeThing, {
    description: "Moves a thing into a deployment group (POST /things/{tuid}/group); `groupId` null makes it unassigned.",
  })
  async thingseeSetDeploymentGroup(
    @Arg('thingId', () => ID, { description: 'Id of the ThingseeThing to move.' }) thingId: string,
    @Arg('groupId', () => ID, { nullable: true, description: 'Id of the ThingseeDeploymentGroup; null for none.' }) groupId: string | null | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    const tuid = thingTuid(thingId, 'thingId');
    // Left out, a nullable argument arrives as undefined: the same as null, no group.
    const group = groupId == null ? 'unassigned' : groupNativeId(groupId, 'groupId');
    await thingsee(ctx).things.setGroup(tuid, group);
    return ctx.loaders.load(THINGSEE_THING, tuid);
  }
}
