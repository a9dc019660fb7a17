import type { MeasurementArgs as VendorMeasurementArgs } from '../../vendors/adapter';
import type { MeasurementArgs } from '../model/measurement.args';

export function toMeasurementArgs(args: MeasurementArgs): VendorMeasurementArgs {
  return { names: args.names ?? null, from: args.from ?? null, to: args.to ?? null, last: args.last ?? null };
}
