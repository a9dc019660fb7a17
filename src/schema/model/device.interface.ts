import { Field, InterfaceType } from 'type-graphql';
import { Node, VendorRecord, resolveByTypename } from './node.interface';
import { DateTime } from './scalars';

@InterfaceType({
  description: 'A physical device (Igtimi, IoTaaP).',
  implements: [Node, VendorRecord],
  resolveType: resolveByTypename,
})
export abstract class Device extends VendorRecord {
  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'Serial number, where the vendor has one.' })
  serialNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Model or device type.' })
  model!: string | null;

  @Field(() => DateTime, { nullable: true, description: 'Last contact with the vendor.' })
  lastSeenAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  createdAt!: Date | null;
}
