import { Field, ObjectType } from 'type-graphql';
import { Alert } from '../../model/alert.interface';
import { Node, VendorRecord } from '../../model/node.interface';

@ObjectType({
  simpleResolvers: true,
  description: 'One alert period of a Thingsee thing (`GET /things/{tuid}/alerts`). Active while it has no end.',
  implements: [Node, VendorRecord, Alert],
})
export class ThingseeAlert extends Alert {
  @Field(() => String, { description: 'Tuid of the thing that raised it.' })
  tuid!: string;
}
