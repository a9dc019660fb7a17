import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context/context';
import { updateDevice } from '../../context/entity-writes';
import { Device } from '../model/device.interface';
import { UpdateDeviceInput } from '../model/group.input';

@Resolver()
export class DeviceMutationsResolver {
  @Mutation(() => Device, { description: 'Renames a device or moves it between groups of its vendor.' })
  updateDevice(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateDeviceInput) input: UpdateDeviceInput,
    @Ctx() ctx: RequestContext,
  ) {
    return updateDevice(ctx, id, input);
  }
}
