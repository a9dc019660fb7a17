import { Field, ObjectType } from 'type-graphql';
import { Device } from '../../model/device.interface';
import { Node, VendorRecord } from '../../model/node.interface';

@ObjectType({ simpleResolvers: true, description: 'An IoTaaP device. `model` is its IoTaaP type (e.g. Magnolia); it has no serial number.', implements: [Node, VendorRecord, Device] })
export class IotaapDevice extends Device {
  @Field(() => String, { description: 'Id of the IoTaaP user that owns the device.' })
  owner!: string;

  @Field(() => String, { description: "The device's MQTT token: a secret, shown only when asked for here." })
  token!: string;
}
