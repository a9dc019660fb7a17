import { Field, Int, ObjectType } from 'type-graphql';
import { BookMessage } from '../../model/book-message.interface';
import { DateTime } from '../../model/scalars';

@ObjectType({ simpleResolvers: true, description: 'A calendar event carried by a TimeTonic message.' })
export class TimetonicEvent {
  @Field(() => DateTime, { description: 'Start of the event.' })
  start!: Date;

  @Field(() => DateTime, { description: 'End of the event.' })
  end!: Date;

  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. `Europe/Paris`.' })
  timezone!: string | null;

  @Field(() => Boolean, { description: 'Covers whole days from `start` to `end`.' })
  allDay!: boolean;

  @Field(() => [String], { description: 'User ids taking part.' })
  participants!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'A TimeTonic book message (`smid` is its id).', implements: [BookMessage] })
export class TimetonicBookMessage extends BookMessage {
  @Field(() => Int, { description: 'Server message id.' })
  smid!: number;

  @Field(() => String, { description: 'Native id of the book the message is in (`<owner>:<code>`).' })
  bookNativeId!: string;

  @Field(() => String, { description: 'TimeTonic message type (`m` for a plain message).' })
  type!: string;

  @Field(() => String, { description: 'How it arrived, e.g. `_app`, `_mail`, `_api`.' })
  method!: string;

  @Field(() => Int, { description: 'Number of comments on the message.' })
  commentCount!: number;

  @Field(() => String, { description: "Server stamp of the message's last change (opaque)." })
  sstamp!: string;

  @Field(() => TimetonicEvent, { nullable: true, description: 'The calendar event the message carries, if any.' })
  event!: TimetonicEvent | null;
}
