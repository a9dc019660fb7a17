import { Field, Float, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { resolveByTypename } from './node.interface';
import { DateTime, JSONObject } from './scalars';
import { VendorEnum } from './vendor.enum';

export enum BookAttachmentKind {
  MEDIA = 'MEDIA',
  DOC = 'DOC',
}
registerEnumType(BookAttachmentKind, {
  name: 'BookAttachmentKind',
  description: 'Whether an attachment is an image or media file, or a document.',
  valuesConfig: { MEDIA: { description: 'An image, audio or video file.' }, DOC: { description: 'A document (PDF, spreadsheet, …).' } },
});

@ObjectType({ simpleResolvers: true, description: 'A file attached to a book message (metadata and where to fetch it).' })
export class BookAttachment {
  @Field(() => BookAttachmentKind, { description: 'Image or media file, or document.' })
  kind!: BookAttachmentKind;

  @Field(() => String, { description: 'The original file name.' })
  name!: string;

  @Field(() => String, { description: 'File extension, e.g. `jpg`, `pdf`.' })
  extension!: string;

  @Field(() => Float, { description: 'Size in bytes, when the vendor knows it (0 otherwise).' })
  size!: number;

  @Field(() => String, { description: "The vendor's URL for the file by message and attachment number; it needs a vendor session." })
  url!: string;

  @Field(() => String, { nullable: true, description: "The vendor's public URL for the file (no session needed), when it has one." })
  publicUrl!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The gateway's path for the file (e.g. `/files/timetonic/doc/…`, relative to the gateway's origin): GET it with the same credentials as `/graphql` (docs/files.md).",
  })
  downloadPath!: string | null;
}

@InterfaceType({ description: 'A message in a book (TimeTonic).', resolveType: resolveByTypename })
export abstract class BookMessage {
  @Field(() => VendorEnum, { description: 'The vendor this message comes from.' })
  vendor!: VendorEnum;

  @Field(() => String, { description: "The vendor's id of the message, unique within its book." })
  nativeId!: string;

  @Field(() => String, { description: 'User id of the author.' })
  author!: string;

  @Field(() => String, { description: 'The message text.' })
  text!: string;

  @Field(() => String, { nullable: true, description: 'A longer body (e.g. the text of an email), when there is one.' })
  body!: string | null;

  @Field(() => DateTime, { description: 'When the message was posted.' })
  createdAt!: Date;

  @Field(() => DateTime, { description: 'Last edit (equal to `createdAt` when never edited).' })
  updatedAt!: Date;

  @Field(() => Boolean, { description: 'True when the message was deleted (live updates and change reads show deletions).' })
  deleted!: boolean;

  @Field(() => [BookAttachment], { description: 'Images, media files and documents attached to the message.' })
  attachments!: BookAttachment[];

  @Field(() => JSONObject, { description: "The vendor's payload as received, with secrets redacted." })
  raw!: Record<string, unknown>;
}
