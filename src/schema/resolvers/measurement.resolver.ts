import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context/context';
import { checkMeasurementArgs, checkSourceIds, loadById, measurementNamesOf, measurementsOf } from '../../context/entity-reads';
import { liveSource } from '../../context/live-feeds';
import type { MeasurementRecord } from '../../core/model';
import { SourceMeasurementNames } from '../model/measurement-names.type';
import { Measurement } from '../model/measurement.type';
import { MeasurementArgs } from '../model/measurement.args';
import { Node } from '../model/node.interface';
import { toMeasurementArgs } from './measurement-args';
import { fieldPath } from './path';

@Resolver(() => Measurement)
export class MeasurementResolver {
  @FieldResolver(() => Node, { description: 'The device or thing this point belongs to.' })
  source(@Root() measurement: MeasurementRecord, @Ctx() ctx: RequestContext) {
    return measurement.fromLive ? liveSource(ctx, measurement) : ctx.loaders.load(measurement.sourceTypename, measurement.sourceNativeId);
  }

  @Query(() => [Measurement], {
    description:
      'Data points of several devices, things or channels, vendors called in parallel. A name a source does not offer yields nothing from it and a `MEASUREMENT_NOT_OFFERED` note in `errors`, beside the others\' data.',
  })
  async measurements(
    @Arg('sourceIds', () => [ID], { description: 'Ids of devices, things or channels.' }) sourceIds: string[],
    @Args(() => MeasurementArgs) args: MeasurementArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    checkSourceIds(ctx, sourceIds);
    const vendorArgs = toMeasurementArgs(args);
    checkMeasurementArgs(ctx, vendorArgs);
    const sources = await Promise.all(sourceIds.map((id) => loadById(ctx, id, null)));
    const lists = await Promise.all(sources.map((source) => measurementsOf(ctx, source, vendorArgs, fieldPath(info))));
    return lists.flat();
  }

  @Query(() => [SourceMeasurementNames], { description: 'The measurement names (with units) each source offers, in the order of `sourceIds`.' })
  async measurementNames(@Arg('sourceIds', () => [ID], { description: 'Ids of devices, things or channels.' }) sourceIds: string[], @Ctx() ctx: RequestContext) {
    checkSourceIds(ctx, sourceIds);
    return Promise.all(
      sourceIds.map(async (id) => {
        const source = await loadById(ctx, id, null);
        return { source, names: await measurementNamesOf(ctx, source) };
      }),
    );
  }
}
