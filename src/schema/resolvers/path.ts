import type { GraphQLResolveInfo } from 'graphql';
import { responsePathAsArray } from 'graphql';

/** The response path of the field being resolved, for errors reported beside data. */
export function fieldPath(info: GraphQLResolveInfo): ReadonlyArray<string | number> {
  return responsePathAsArray(info.path);
}
