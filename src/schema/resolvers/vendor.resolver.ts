import { Ctx, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../context/context';
import { VENDORS } from '../../core/vendor';
import type { VendorStatusSnapshot } from '../../vendors/vendor-health';
import { VendorStatus } from '../model/vendor-status.type';

@Resolver()
export class VendorResolver {
  @Query(() => [VendorStatus], { description: 'Every vendor and how it is doing on this instance.' })
  vendors(@Ctx() ctx: RequestContext): VendorStatusSnapshot[] {
    return VENDORS.map((vendor) => ctx.services.registry.adapter(vendor).health.status);
  }

  @Subscription(() => VendorStatus, {
    description: "A vendor's state or circuit changed (e.g. OK → DEGRADED → DOWN → OK).",
    subscribe: ({ context }) => (context as RequestContext).services.pubsub.subscribe('VENDOR_STATUS_CHANGED'),
  })
  vendorStatusChanged(@Root() status: VendorStatusSnapshot): VendorStatusSnapshot {
    return status;
  }
}
