import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../context/context';
import { alertEventFeed, deviceStatusFeed, measurementFeed } from '../../context/live-feeds';
import type { AlertEventRecord, DeviceStatusRecord, MeasurementRecord } from '../../core/model';
import type { Vendor } from '../../core/vendor';
import { AlertEvent, DeviceStatus } from '../model/live-event.types';
import { Measurement } from '../model/measurement.type';
import { DateTime } from '../model/scalars';
import { VendorEnum } from '../model/vendor.enum';

interface MeasurementSubscriptionArgs {
  sourceIds: string[];
  names?: string[] | null;
  since?: Date | null;
}

/** Each event resolves with fresh loaders: no record cached hours ago reaches a client. */
function fresh<T>(context: unknown, event: T): T {
  (context as RequestContext).renewLoaders();
  return event;
}

@Resolver()
export class LiveResolver {
  @Subscription(() => Measurement, {
    name: 'measurements',
    description: 'Live data points of devices or things, as the vendors deliver them.',
    subscribe: ({ args, context }) => {
      const { sourceIds, names, since } = args as MeasurementSubscriptionArgs;
      return measurementFeed(context as RequestContext, sourceIds, names ?? null, since ?? null);
    },
  })
  measurementsLive(
    @Root() measurement: MeasurementRecord,
    @Ctx() ctx: RequestContext,
    @Arg('sourceIds', () => [ID]) _sourceIds: string[],
    @Arg('names', () => [String], { nullable: true }) _names?: string[] | null,
    @Arg('since', () => DateTime, { nullable: true, description: 'Replay what the vendor still has from this time, then go live.' })
    _since?: Date | null,
  ): MeasurementRecord {
    return fresh(ctx, measurement);
  }

  @Subscription(() => AlertEvent, {
    description: 'Alerts raised and cleared: of the given things, or of every thing of the given vendors.',
    subscribe: ({ args, context }) => {
      const { thingIds, vendors } = args as { thingIds?: string[] | null; vendors?: Vendor[] | null };
      return alertEventFeed(context as RequestContext, thingIds ?? null, vendors ?? null);
    },
  })
  alertEvents(
    @Root() event: AlertEventRecord,
    @Ctx() ctx: RequestContext,
    @Arg('thingIds', () => [ID], { nullable: true }) _thingIds?: string[] | null,
    @Arg('vendors', () => [VendorEnum], { nullable: true }) _vendors?: VendorEnum[] | null,
  ): AlertEventRecord {
    return fresh(ctx, event);
  }

  @Subscription(() => DeviceStatus, {
    description: 'Status changes (online, battery, last seen) of devices or things.',
    subscribe: ({ args, context }) => deviceStatusFeed(context as RequestContext, (args as { deviceIds: string[] }).deviceIds),
  })
  deviceStatusChanged(
    @Root() status: DeviceStatusRecord,
    @Ctx() ctx: RequestContext,
    @Arg('deviceIds', () => [ID]) _deviceIds: string[],
  ): DeviceStatusRecord {
    return fresh(ctx, status);
  }
}
