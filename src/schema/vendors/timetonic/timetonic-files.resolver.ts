import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../context/context';
import { BadUserInputError } from '../../../core/errors';
import { BookAttachmentKind } from '../../model/book-message.interface';
import { openUpload, Upload, type UploadArg } from '../../model/upload';
import { bookKey, messageText, positiveId } from './timetonic.checks';
import { timetonic } from './timetonic.resolver';

@ObjectType({ simpleResolvers: true, description: 'A file TimeTonic stored (`fileUpload`).' })
export class TimetonicUploadedFile {
  @Field(() => Int, { description: "TimeTonic's file id." })
  id!: number;

  @Field(() => String, { description: 'The unique file id the gateway gave the upload.' })
  uuid!: string;

  @Field(() => BookAttachmentKind, { description: 'Image or media file (by its content type), or document.' })
  kind!: BookAttachmentKind;

  @Field(() => Int, { description: "The file's number among the message's (or cell's) files of its kind." })
  count!: number;

  @Field(() => String, { description: 'File extension, e.g. `png`.' })
  extension!: string;

  @Field(() => String, { description: 'The original file name.' })
  name!: string;

  @Field(() => Int, { nullable: true, description: 'The message it is attached to.' })
  messageId!: number | null;

  @Field(() => Int, { nullable: true, description: 'The row of the cell it is attached to.' })
  rowId!: number | null;

  @Field(() => Int, { nullable: true, description: 'The field of the cell it is attached to.' })
  fieldId!: number | null;

  @Field(() => String, { description: "The gateway's path to download it (docs/files.md)." })
  downloadPath!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A message posted with its attachments.' })
export class TimetonicMessageWithAttachments {
  @Field(() => Int, { description: 'The new message (`smid`).' })
  messageId!: number;

  @Field(() => String, { description: 'The server stamp after the message was posted.' })
  sstamp!: string;

  @Field(() => [TimetonicUploadedFile], { description: 'The files, in the order sent.' })
  attachments!: TimetonicUploadedFile[];
}

/**
 * TimeTonic uploads over the GraphQL multipart request spec (docs/files.md): each file streams
 * from the client's request into a `fileUpload` request.
 */
@Resolver()
export class TimetonicFilesResolver {
  @Mutation(() => TimetonicUploadedFile, { description: 'Attaches a file to a message (`messageId`) or a table cell (`rowId` + `fieldId`) of a book (`fileUpload`).' })
  async timetonicUploadFile(
    @Arg('bookId', () => ID, { description: 'Global id of a TimetonicBook.' }) bookId: string,
    @Arg('file', () => Upload, { description: 'The file (a GraphQL multipart request).' }) file: UploadArg,
    @Arg('messageId', () => Int, { nullable: true, description: 'The message (`smid`) to attach it to.' }) messageId: number | null,
    @Arg('rowId', () => Int, { nullable: true, description: 'Instead of `messageId`: the row of the cell.' }) rowId: number | null,
    @Arg('fieldId', () => Int, { nullable: true, description: 'With `rowId`: the field (column) of the cell.' }) fieldId: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    const book = bookKey(bookId);
    const byMessage = messageId != null;
    if (byMessage === (rowId != null || fieldId != null) || (!byMessage && (rowId == null || fieldId == null))) {
      throw new BadUserInputError('Give either `messageId`, or `rowId` with `fieldId`', { argument: 'messageId' });
    }
    const target = byMessage ? { messageId: positiveId(messageId, 'messageId') } : { rowId: positiveId(rowId!, 'rowId'), fieldId: positiveId(fieldId!, 'fieldId') };
    return timetonic(ctx).files.upload(book, target, await openUpload(ctx, file, 'qqfile', 'file'));
  }

  @Mutation(() => TimetonicMessageWithAttachments, {
    description: 'Posts a message and attaches files to it (`sendMsg`, then one `fileUpload` per file, in order). A failed file leaves the message and the files before it posted.',
  })
  async timetonicSendMessageWithAttachments(
    @Arg('bookId', () => ID, { description: 'Global id of a TimetonicBook.' }) bookId: string,
    @Arg('text', () => String, { description: 'The message text (1 to 10000 characters).' }) text: string,
    @Arg('files', () => [Upload], { description: 'The files (1 to UPLOAD_MAX_FILES).' }) files: UploadArg[],
    @Arg('body', () => String, { nullable: true, description: 'A longer body, as for an email.' }) body: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const book = bookKey(bookId);
    const message = messageText(text);
    if (files.length === 0) throw new BadUserInputError('`files` must hold at least one file (or use timetonicSendMessage)', { argument: 'files' });
    const api = timetonic(ctx);
    // `nbMedias`/`nbDocs` are optional and not sent: a streamed file's type is known only when it arrives.
    const sent = await api.sendMessage(book, { text: message, body: body ?? null, editId: null, event: null });
    const messageId = sent.messageId!;
    const attachments = [];
    // One after the other: the next file's bytes follow this one's in the request.
    for (const file of files) attachments.push(await api.files.upload(book, { messageId }, await openUpload(ctx, file, 'qqfile', 'files')));
    return { messageId, sstamp: sent.sstamp, attachments };
  }
}
