import { Field, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../../model/scalars';

@ObjectType({ simpleResolvers: true, description: 'The TimeTonic user of the credential in use (`getUserInfo`).' })
export class TimetonicUserInfo {
  @Field(() => String, { description: 'User id (`u_c`).' })
  user!: string;

  @Field(() => String, { nullable: true, description: 'First name.' })
  firstName!: string | null;

  @Field(() => String, { nullable: true, description: 'Last name.' })
  lastName!: string | null;

  @Field(() => String, { nullable: true, description: 'Main email address.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Interface language, e.g. `EN`.' })
  language!: string | null;

  @Field(() => String, { nullable: true, description: 'Account type, e.g. `Free`, `Pro`.' })
  account!: string | null;

  @Field(() => Int, { description: 'Books the user owns or was invited to.' })
  bookCount!: number;

  @Field(() => [String], { description: 'Rights granted to the user.' })
  rights!: string[];

  @Field(() => String, { description: 'Current server stamp.' })
  sstamp!: string;
}

@ObjectType({ simpleResolvers: true, description: 'What a message write did.' })
export class TimetonicMessageWrite {
  @Field(() => Int, { nullable: true, description: 'The message written (new or edited).' })
  messageId!: number | null;

  @Field(() => String, { description: 'The server stamp after the write.' })
  sstamp!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A row written.' })
export class TimetonicRowWrite {
  @Field(() => Int, { nullable: true, description: 'The row id (for a new row, the id TimeTonic gave it).' })
  rowId!: number | null;

  @Field(() => String, { nullable: true, description: 'The `tmp…` id a new row was created under.' })
  tmpId!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'What a write of several rows did.' })
export class TimetonicRowsWrite {
  @Field(() => Int, { description: 'Rows created.' })
  created!: number;

  @Field(() => Int, { description: 'Rows updated.' })
  modified!: number;

  @Field(() => [TimetonicRowWrite], { description: 'The rows created, with their new ids.' })
  newRows!: TimetonicRowWrite[];
}

@ObjectType({ simpleResolvers: true, description: 'A comment on a smart table cell.' })
export class TimetonicComment {
  @Field(() => Int, { description: 'Comment id.' })
  id!: number;

  @Field(() => String, { description: 'The comment text.' })
  text!: string;

  @Field(() => String, { description: 'User id of the author.' })
  author!: string;

  @Field(() => String, { nullable: true, description: 'Display name of the author, when TimeTonic says.' })
  authorName!: string | null;

  @Field(() => DateTime, { description: 'When the comment was posted.' })
  createdAt!: Date;
}
