import type { NodeRecord } from '../core/model';
import type { MeasurementName, VendorApi } from './adapter';

type CatalogueParts = Pick<NonNullable<VendorApi['measurements']>, 'offered' | 'notOffered' | 'catalogued'>;

/**
 * What a vendor with a fixed list of measurement names (Igtimi data types, the Thingsee
 * catalogue) tells about its sources: every source of `typename` offers the whole list, any
 * other source none. Answered without a call.
 */
export function fixedCatalogue(typename: string, names: readonly MeasurementName[]): CatalogueParts {
  const known = new Set(names.map((entry) => entry.name));
  const offers = (source: NodeRecord) => source.typename === typename;
  return {
    catalogued: true,
    offered: async (source) => (offers(source) ? names.map((entry) => ({ ...entry })) : []),
    notOffered: async (source, asked) => asked.filter((name) => !offers(source) || !known.has(name)),
  };
}
