import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../context/context';
import { bookKey, cells, event, idList, messageText, positiveId, rowTarget, rows } from './timetonic.checks';
import { TimetonicCellInput, TimetonicEventInput, TimetonicRowInput } from './timetonic.inputs';
import { TimetonicMessageWrite, TimetonicRowWrite, TimetonicRowsWrite } from './timetonic-results.type';
import { timetonic } from './timetonic.resolver';

/** A row is named by its id (the Int `TimetonicTableRow.id` a read answers) or, when new, by a `tmp…` id. */
const ROW_ID = { nullable: true, description: 'An existing row: its `TimetonicTableRow.id`. Give this or `tmpId`.' } as const;
const TMP_ID = { nullable: true, description: 'A new row: a `tmp…` id of your choosing, used once. Give this or `rowId`.' } as const;

/**
 * TimeTonic writes. None is retried (every request is a POST that may have been applied), so
 * nothing is written twice; inputs are checked before TimeTonic is asked.
 */
@Resolver()
export class TimetonicMutationsResolver {
  @Mutation(() => Boolean, { description: 'Closes every other session and oauthkey of the TimeTonic user (`dropAllSessions`).' })
  async timetonicDropAllSessions(@Ctx() ctx: RequestContext) {
    await timetonic(ctx).dropAllSessions();
    return true;
  }

  @Mutation(() => TimetonicMessageWrite, { description: 'Posts a message into a book, or edits one with `messageId` (`sendMsg`).' })
  timetonicSendMessage(
    @Arg('bookId', () => ID, { description: 'Global id of a TimetonicBook.' }) bookId: string,
    @Arg('text', () => String, { description: 'The message text (1 to 10000 characters).' }) text: string,
    @Arg('body', () => String, { nullable: true, description: 'A longer body, as for an email.' }) body: string | null,
    @Arg('messageId', () => Int, { nullable: true, description: 'Edit this message instead of posting a new one.' }) messageId: number | null,
    @Arg('event', () => TimetonicEventInput, { nullable: true, description: 'A calendar event to attach.' }) eventInput: TimetonicEventInput | null,
    @Ctx() ctx: RequestContext,
  ) {
    const book = bookKey(bookId);
    const editId = messageId == null ? null : positiveId(messageId, 'messageId');
    return timetonic(ctx).sendMessage(book, { text: messageText(text), body: body ?? null, editId, event: event(eventInput) });
  }

  @Mutation(() => TimetonicMessageWrite, { description: 'Deletes a message of a book (`deleteMsg`).' })
  timetonicDeleteMessage(
    @Arg('bookId', () => ID, { description: 'Global id of a TimetonicBook.' }) bookId: string,
    @Arg('messageId', () => Int, { description: 'Message id (`smid`).' }) messageId: number,
    @Ctx() ctx: RequestContext,
  ) {
    const book = bookKey(bookId);
    return timetonic(ctx).deleteMessage(book, positiveId(messageId, 'messageId'));
  }

  @Mutation(() => TimetonicRowWrite, { description: 'Writes one cell of a row (`rowId`), or creates the row (`tmpId`) (`updateTableValue`).' })
  timetonicUpdateTableValue(
    @Arg('rowId', () => Int, ROW_ID) rowIdArg: number | null,
    @Arg('tmpId', () => String, TMP_ID) tmpId: string | null,
    @Arg('fieldId', () => Int, { description: 'Field (column) id.' }) fieldId: number,
    @Arg('value', () => String, { description: 'The new value as text (see `TimetonicCellInput.value`).' }) value: string,
    @Ctx() ctx: RequestContext,
  ) {
    const [cell] = cells([{ fieldId, value }], 'value');
    return timetonic(ctx).tables.updateValue(rowTarget({ rowId: rowIdArg, tmpId }), cell);
  }

  @Mutation(() => TimetonicRowWrite, { description: 'Updates one row (`rowId`) or creates it (`tmpId`) (`createOrUpdateTableRow`).' })
  timetonicCreateOrUpdateTableRow(
    @Arg('rowId', () => Int, ROW_ID) rowIdArg: number | null,
    @Arg('tmpId', () => String, TMP_ID) tmpId: string | null,
    @Arg('cells', () => [TimetonicCellInput], { description: 'Values to write, one per field.' }) input: TimetonicCellInput[],
    @Arg('tableId', () => Int, { nullable: true, description: 'The table of a new row (else inferred from its fields).' }) tableId: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    const table = tableId == null ? null : positiveId(tableId, 'tableId');
    return timetonic(ctx).tables.writeRow(table, rowTarget({ rowId: rowIdArg, tmpId }), cells(input));
  }

  @Mutation(() => TimetonicRowsWrite, { description: 'Creates or updates several rows in one request (`createOrUpdateTableRows`).' })
  timetonicCreateOrUpdateTableRows(
    @Arg('rows', () => [TimetonicRowInput], { description: 'Rows to create or update (1 to 100).' }) input: TimetonicRowInput[],
    @Ctx() ctx: RequestContext,
  ) {
    return timetonic(ctx).tables.writeRows(rows(input));
  }

  @Mutation(() => [Int], { description: 'Deletes rows: one `deleteTableRow`, or one `deleteTableRows` for several. Answers the ids deleted.' })
  timetonicDeleteTableRows(@Arg('rowIds', () => [Int], { description: 'Row ids (1 to 100).' }) rowIds: number[], @Ctx() ctx: RequestContext) {
    return timetonic(ctx).tables.deleteRows(idList(rowIds, 'rowIds'));
  }
}
