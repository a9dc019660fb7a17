import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context/context';
import { measurementHistorySource } from '../../context/measurement-history';
import { keysetPage } from '../../core/keyset-page';
import type { NodeRecord } from '../../core/model';
import { ConnectionType, KeysetCountResolver } from '../model/connection.type';
import { Device } from '../model/device.interface';
import { KeysetPageArgs } from '../model/keyset-page.args';
import { Measurement } from '../model/measurement.type';
import { Thing } from '../model/thing.interface';
import { fieldPath } from './path';

/** A page of a data history; vendors cannot count points without reading them, so `totalCount` is null. */
export const MeasurementHistoryConnection = ConnectionType('MeasurementHistory', Measurement, { countable: false });
export const MeasurementHistoryCount = KeysetCountResolver(MeasurementHistoryConnection);

const DESCRIPTION =
  'Data points of this source, newest first; keyset-paged both ways (`first`/`after`, `last`/`before`) within `from`/`to`, so points arriving between pages are never repeated or skipped.';

/** `measurementHistory` on one unified interface (Device, Thing): the same field on each. */
function MeasurementHistoryResolver(owner: typeof Device | typeof Thing) {
  @Resolver(() => owner)
  class HistoryResolver {
    @FieldResolver(() => MeasurementHistoryConnection, { nullable: true, description: DESCRIPTION })
    measurementHistory(
      @Root() source: NodeRecord,
      @Arg('names', () => [String], { nullable: true, description: 'Only these measurement names.' }) names: string[] | null,
      @Args(() => KeysetPageArgs) page: KeysetPageArgs,
      @Ctx() ctx: RequestContext,
      @Info() info: GraphQLResolveInfo,
    ) {
      return keysetPage(measurementHistorySource(ctx, source, names?.length ? names : null, fieldPath(info)), page, ctx.pageLimits);
    }
  }
  return HistoryResolver;
}

export const DeviceMeasurementHistoryResolver = MeasurementHistoryResolver(Device);
export const ThingMeasurementHistoryResolver = MeasurementHistoryResolver(Thing);
