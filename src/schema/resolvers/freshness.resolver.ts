import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context/context';
import { freshnessOf } from '../../context/freshness';
import type { NodeRecord } from '../../core/model';
import { Freshness } from '../model/freshness.type';
import { VendorRecord } from '../model/node.interface';

/** `freshness` on every vendor record (the `VendorRecord` interface and so every implementation). */
@Resolver(() => VendorRecord)
export class FreshnessResolver {
  @FieldResolver(() => Freshness, { description: 'How fresh this record is: stale while its vendor fails and an older answer stands in.' })
  freshness(@Root() record: NodeRecord, @Ctx() ctx: RequestContext) {
    return freshnessOf(ctx, record.vendor);
  }
}
