import { Field, Int, InterfaceType } from 'type-graphql';
import { Node, VendorRecord, resolveByTypename } from './node.interface';

@InterfaceType({
  description: 'A book of messages and tables (TimeTonic).',
  implements: [Node, VendorRecord],
  resolveType: resolveByTypename,
})
export abstract class Book extends VendorRecord {
  @Field(() => String, { description: 'Book code, unique per owner.' })
  code!: string;

  @Field(() => String, { description: 'Owner of the book.' })
  owner!: string;

  @Field(() => String, { nullable: true })
  title!: string | null;

  @Field(() => Int, { nullable: true })
  unreadCount!: number | null;
}
