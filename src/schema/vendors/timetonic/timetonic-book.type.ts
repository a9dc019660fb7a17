import { Field, Int, ObjectType } from 'type-graphql';
import { Book } from '../../model/book.interface';
import { Node, VendorRecord } from '../../model/node.interface';

@ObjectType({
  simpleResolvers: true,
  description: 'A TimeTonic book: native id `<owner>:<code>`; messages and smart tables live inside it.',
  implements: [Node, VendorRecord, Book],
})
export class TimetonicBook extends Book {
  @Field(() => Boolean, { description: 'Archived by its owner.' })
  archived!: boolean;

  @Field(() => Boolean, { description: "Marked as a favorite by the credential's user." })
  favorite!: boolean;

  @Field(() => Int, { description: 'Number of members (`nbMembers`).' })
  memberCount!: number;

  @Field(() => Int, { nullable: true, description: 'Number of messages not deleted (`nbMsgs`), when TimeTonic says.' })
  messageCount!: number | null;

  @Field(() => String, { description: "Server stamp of the book's last change (opaque; the change cursor)." })
  sstamp!: string;
}
