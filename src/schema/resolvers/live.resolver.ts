import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../context/context';
import { alertEventFeed, deviceStatusFeed, measurementFeed } from '../../context/live-feeds';
import type { AlertEventRecord, DeviceStatusRecord, MeasurementRecord } from '../../core/model';
import type { Vendor } from '../../core/vendor';
import { AlertEvent, DeviceStatus } from '../model/live-event.types';
import { Measurement } from '../model/measurement.type';
import { VendorEnum } from '../model/vendor.enum';

interface MeasurementSubscriptionArgs {
  sourceIds: string[];
  names?: string[] | null;
}

@Resolver()
export class LiveResolver {
  @Subscription(() => Measurement, {
    name: 'measurements',
    description: 'Live data points of devices or things, as the vendors deliver them.',
    subscribe: ({ args, context }) => {
      const { sourceIds, names } = args as MeasurementSubscriptionArgs;
      return measurementFeed(context as RequestContext, sourceIds, names ?? null);
    },
  })
  measurementsLive(
    @Root() measurement: MeasurementRecord,
    @Arg('sourceIds', () => [ID]) _sourceIds: string[],
    @Arg('names', () => [String], { nullable: true }) _names?: string[] | null,
  ): MeasurementRecord {
    return measurement;
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
    @Arg('thingIds', () => [ID], { nullable: true }) _thingIds?: string[] | null,
    @Arg('vendors', () => [VendorEnum], { nullable: true }) _vendors?: VendorEnum[] | null,
  ): AlertEventRecord {
    return event;
  }

  @Subscription(() => DeviceStatus, {
    description: 'Status changes (online, battery, last seen) of devices or things.',
    subscribe: ({ args, context }) => deviceStatusFeed(context as RequestContext, (args as { deviceIds: string[] }).deviceIds),
  })
  deviceStatusChanged(
    @Root() status: DeviceStatusRecord,
    @Arg('deviceIds', () => [ID]) _deviceIds: string[],
  ): DeviceStatusRecord {
    return status;
  }
}
