import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context/context';
import { measurementsOf, relatedAll } from '../../context/entity-reads';
import type { ThingRecord } from '../../core/model';
import { Alert } from '../model/alert.interface';
import { Channel } from '../model/channel.interface';
import { Group } from '../model/group.interface';
import { Measurement } from '../model/measurement.type';
import { MeasurementArgs } from '../model/measurement.args';
import { Thing } from '../model/thing.interface';
import { toMeasurementArgs } from './measurement-args';
import { fieldPath } from './path';

@Resolver(() => Thing)
export class ThingFieldsResolver {
  @FieldResolver(() => [Group], { nullable: true, description: 'Groups this thing belongs to.' })
  groups(@Root() thing: ThingRecord, @Ctx() ctx: RequestContext) {
    return relatedAll(ctx, thing, 'Thing.groups');
  }

  @FieldResolver(() => [Channel], { nullable: true, description: 'Channels this thing is connected to.' })
  channels(@Root() thing: ThingRecord, @Ctx() ctx: RequestContext) {
    return relatedAll(ctx, thing, 'Thing.channels');
  }

  @FieldResolver(() => [Alert], { nullable: true, description: 'Alerts of this thing.' })
  alerts(@Root() thing: ThingRecord, @Ctx() ctx: RequestContext) {
    return relatedAll(ctx, thing, 'Thing.alerts');
  }

  @FieldResolver(() => [Measurement], { nullable: true, description: 'Data points of this thing.' })
  measurements(
    @Root() thing: ThingRecord,
    @Args(() => MeasurementArgs) args: MeasurementArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return measurementsOf(ctx, thing, toMeasurementArgs(args), fieldPath(info));
  }
}
