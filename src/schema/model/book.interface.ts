import { Field, Int, InterfaceType, ObjectType } from 'type-graphql';
import { BookMessage } from './book-message.interface';
import { Node, VendorRecord, resolveByTypename } from './node.interface';
import { JSONObject } from './scalars';
import { VendorEnum } from './vendor.enum';

@ObjectType({ simpleResolvers: true, description: 'A member of a book and what they may do in it.' })
export class BookMember {
  @Field(() => String, { description: "The member's user id at the vendor." })
  user!: string;

  @Field(() => String, { description: 'Invitation state as the vendor says it, e.g. `accepted`, `sent`.' })
  invite!: string;

  @Field(() => String, { description: 'Rights in the book: `READ`, `READ_WRITE`, `READ_WRITE_DELETE` or `ADMIN`.' })
  right!: string;
}

@InterfaceType({ description: 'A table of structured rows kept in a book (TimeTonic smart tables).', resolveType: resolveByTypename })
export abstract class BookTable {
  @Field(() => VendorEnum, { description: 'The vendor this table comes from.' })
  vendor!: VendorEnum;

  @Field(() => String, { description: "The vendor's id of the table." })
  nativeId!: string;

  @Field(() => String, { description: 'Table name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Table description, when it has one.' })
  description!: string | null;

  @Field(() => JSONObject, { description: "The vendor's payload as received, with secrets redacted." })
  raw!: Record<string, unknown>;
}

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

  @Field(() => String, { nullable: true, description: 'Title shown to members (the code when the book has none).' })
  title!: string | null;

  @Field(() => Int, { nullable: true, description: "Messages the credential's user has not read yet." })
  unreadCount!: number | null;

  @Field(() => [BookMember], { description: 'Members of the book (the owner included) with their rights.' })
  members!: BookMember[];

  @Field(() => BookMessage, { nullable: true, description: 'The newest message, as the book list carries it (no email body).' })
  lastMessage!: BookMessage | null;
}
