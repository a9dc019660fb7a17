import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../context/context';
import { singleVendorPage } from '../../../core/pagination';
import type { MainfluxOrgRecord, MainfluxThingRecord } from '../../../vendors/mainflux';
import { ConnectionType } from '../../model/connection.type';
import { PageArgs } from '../../model/page.args';
import { VendorStatus } from '../../model/vendor-status.type';
import type { VendorStatusSnapshot } from '../../../vendors/vendor-health';
import { MainfluxLiveStatus, MainfluxOrg, MainfluxOrgMemberConnection, MainfluxWebhook } from './mainflux-admin.types';
import { mainflux } from './mainflux-things.resolver';
import { MainfluxGroup, MainfluxThing } from './mainflux-thing.type';

export const MainfluxGroupConnection = ConnectionType('MainfluxGroup', MainfluxGroup);

@Resolver(() => MainfluxThing)
export class MainfluxThingFieldsResolver {
  @FieldResolver(() => [MainfluxWebhook], { nullable: true, description: "Webhooks forwarding this thing's messages (GET /webhooks/{thingId})." })
  webhooks(@Root() thing: MainfluxThingRecord, @Ctx() ctx: RequestContext) {
    return mainflux(ctx).webhooks(thing);
  }
}

@Resolver(() => MainfluxOrg)
export class MainfluxOrgFieldsResolver {
  @FieldResolver(() => MainfluxOrgMemberConnection, { description: 'Users of the org with their roles (GET /orgs/{id}/members), paged.' })
  members(@Root() org: MainfluxOrgRecord, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    const admin = mainflux(ctx).admin;
    return singleVendorPage({ key: 'MainfluxOrgMember', vendor: 'MAINFLUX', fetch: (o, l) => admin.orgMembers(org.id, o, l) }, page, ctx.pageLimits);
  }

  @FieldResolver(() => MainfluxGroupConnection, { description: 'Groups of the org (GET /orgs/{id}/groups), paged.' })
  groups(@Root() org: MainfluxOrgRecord, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    const admin = mainflux(ctx).admin;
    return singleVendorPage({ key: 'MainfluxGroup', vendor: 'MAINFLUX', fetch: (o, l) => admin.orgGroups(org.id, o, l) }, page, ctx.pageLimits);
  }
}

@Resolver(() => VendorStatus)
export class MainfluxVendorStatusResolver {
  @FieldResolver(() => MainfluxLiveStatus, {
    nullable: true,
    description: 'Mainflux only: whether live data comes over MQTT or, with no reachable broker, from polling the readers. Null for other vendors.',
  })
  mainfluxLive(@Root() status: VendorStatusSnapshot, @Ctx() ctx: RequestContext) {
    if (status.vendor !== 'MAINFLUX' || !status.configured) return null;
    return ctx.services.registry.adapter('MAINFLUX').liveStatus();
  }
}
