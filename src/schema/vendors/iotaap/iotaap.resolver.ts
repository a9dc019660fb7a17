import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../context/context';
import { BadUserInputError } from '../../../core/errors';
import { decodeIdOf } from '../../../core/ids';
import { IOTAAP_DEVICE, isIotaapObjectId, type IotaapApi } from '../../../vendors/iotaap';
import { IotaapDevice } from './iotaap-device.type';
import { IotaapUser, IotaapUserUpdateInput } from './iotaap-user.type';

/** IoTaaP-only operations: the account and device lifecycle. */
@Resolver()
export class IotaapResolver {
  @Query(() => IotaapUser, { description: 'The IoTaaP account of the credential in use (GET /users/current).' })
  iotaapCurrentUser(@Ctx() ctx: RequestContext) {
    return iotaap(ctx).currentUser();
  }

  @Mutation(() => IotaapUser, { description: 'Updates the IoTaaP account (PUT /users/current).' })
  iotaapUpdateCurrentUser(@Arg('input', () => IotaapUserUpdateInput) input: IotaapUserUpdateInput, @Ctx() ctx: RequestContext) {
    const update = {
      ...(input.firstName != null ? { first_name: input.firstName } : {}),
      ...(input.lastName != null ? { last_name: input.lastName } : {}),
      ...(input.username != null ? { username: input.username } : {}),
    };
    if (Object.keys(update).length === 0) throw new BadUserInputError('Name at least one field to change');
    return iotaap(ctx).updateCurrentUser(update);
  }

  @Mutation(() => IotaapDevice, { description: 'Registers a new IoTaaP device (POST /devices); a random name when none is given.' })
  iotaapCreateDevice(@Arg('name', () => String, { nullable: true }) name: string | null, @Ctx() ctx: RequestContext) {
    return iotaap(ctx).createDevice(name?.trim() || null);
  }

  @Mutation(() => Boolean, { description: 'Deletes an IoTaaP device (DELETE /devices/{id}).' })
  async iotaapDeleteDevice(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    const { nativeId } = decodeIdOf(id, [IOTAAP_DEVICE], 'IotaapDevice');
    if (!isIotaapObjectId(nativeId)) throw new BadUserInputError(`"${nativeId}" is not a valid IotaapDevice id`);
    await iotaap(ctx).deleteDevice(nativeId);
    return true;
  }
}

function iotaap(ctx: RequestContext): IotaapApi {
  return ctx.vendorApi('IOTAAP');
}
