import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../model/connection.type';
import { Group } from '../../model/group.interface';
import { Node, VendorRecord } from '../../model/node.interface';
import { IotaapDevice } from './iotaap-device.type';

@ObjectType({ simpleResolvers: true, description: 'An IoTaaP group of devices (no description at IoTaaP).', implements: [Node, VendorRecord, Group] })
export class IotaapGroup extends Group {
  @Field(() => String, { description: 'Id of the IoTaaP user that owns the group.' })
  owner!: string;

  @Field(() => String, { description: "The group's token: a secret, shown only when asked for here." })
  token!: string;
}

export const IotaapDeviceConnection = ConnectionType('IotaapDevice', IotaapDevice);
