import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context/context';
import { loadById, measurementsOf } from '../../context/entity-reads';
import { liveSource } from '../../context/live-feeds';
import { BadUserInputError } from '../../core/errors';
import type { MeasurementRecord } from '../../core/model';
import { Measurement } from '../model/measurement.type';
import { MeasurementArgs } from '../model/measurement.args';
import { Node } from '../model/node.interface';
import { toMeasurementArgs } from './measurement-args';

@Resolver(() => Measurement)
export class MeasurementResolver {
  @FieldResolver(() => Node, { description: 'The device or thing this point belongs to.' })
  source(@Root() measurement: MeasurementRecord, @Ctx() ctx: RequestContext) {
    return measurement.fromLive ? liveSource(ctx, measurement) : ctx.loaders.load(measurement.sourceTypename, measurement.sourceNativeId);
  }

  @Query(() => [Measurement], { description: 'Data points of several devices or things, vendors called in parallel.' })
  async measurements(
    @Arg('sourceIds', () => [ID], { description: 'Ids of devices or things.' }) sourceIds: string[],
    @Args(() => MeasurementArgs) args: MeasurementArgs,
    @Ctx() ctx: RequestContext,
  ) {
    if (sourceIds.length === 0 || sourceIds.length > ctx.pageLimits.maxSize) {
      throw new BadUserInputError(`\`sourceIds\` must name 1 to ${ctx.pageLimits.maxSize} ids, but got ${sourceIds.length}`);
    }
    const sources = await Promise.all(sourceIds.map((id) => loadById(ctx, id, null)));
    const lists = await Promise.all(sources.map((source) => measurementsOf(ctx, source, toMeasurementArgs(args))));
    return lists.flat();
  }
}
