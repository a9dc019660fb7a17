import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../context/context';
import { singleVendorPage } from '../../../core/pagination';
import { IOTAAP_GROUP, type IotaapDeviceRecord, type IotaapGroupRecord } from '../../../vendors/iotaap';
import { PageArgs } from '../../model/page.args';
import { IotaapDevice } from './iotaap-device.type';
import { IotaapDeviceConnection, IotaapGroup } from './iotaap-group.type';

@Resolver(() => IotaapDevice)
export class IotaapDeviceFieldsResolver {
  @FieldResolver(() => IotaapGroup, { nullable: true, description: 'The group the device is in, if any.' })
  group(@Root() device: IotaapDeviceRecord, @Ctx() ctx: RequestContext) {
    return device.groupNativeId ? ctx.loaders.load<IotaapGroupRecord>(IOTAAP_GROUP, device.groupNativeId) : null;
  }
}

@Resolver(() => IotaapGroup)
export class IotaapGroupFieldsResolver {
  @FieldResolver(() => IotaapDeviceConnection, { nullable: true, description: "The group's devices (GET /groups/devices/{id}), paged." })
  devices(@Root() group: IotaapGroupRecord, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    const api = ctx.vendorApi('IOTAAP');
    return singleVendorPage(
      { key: 'IotaapDevice', vendor: 'IOTAAP', fetch: (offset, limit) => api.groupDevices(group.nativeId, { offset, limit, search: null }) },
      page,
      ctx.pageLimits,
    );
  }
}
