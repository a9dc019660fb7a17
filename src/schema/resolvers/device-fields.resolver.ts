import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context/context';
import { measurementsOf, relatedAll } from '../../context/entity-reads';
import type { DeviceRecord } from '../../core/model';
import { Device } from '../model/device.interface';
import { Group } from '../model/group.interface';
import { Measurement } from '../model/measurement.type';
import { MeasurementArgs } from '../model/measurement.args';
import { toMeasurementArgs } from './measurement-args';
import { fieldPath } from './path';

@Resolver(() => Device)
export class DeviceFieldsResolver {
  @FieldResolver(() => [Group], { nullable: true, description: 'Groups this device belongs to.' })
  groups(@Root() device: DeviceRecord, @Ctx() ctx: RequestContext) {
    return relatedAll(ctx, device, 'Device.groups');
  }

  @FieldResolver(() => [Measurement], { nullable: true, description: 'Data points of this device (empty for vendors without data).' })
  measurements(
    @Root() device: DeviceRecord,
    @Args(() => MeasurementArgs) args: MeasurementArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return measurementsOf(ctx, device, toMeasurementArgs(args), fieldPath(info));
  }
}
