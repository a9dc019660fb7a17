import { Arg, Args, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../context/context';
import { singleVendorPage } from '../../../core/pagination';
import type { TimetonicApi } from '../../../vendors/timetonic';
import { PageArgs } from '../../model/page.args';
import { JSONObject } from '../../model/scalars';
import { bookKey, idList, positiveId, rowFilter, syncCodes } from './timetonic.checks';
import { TimetonicRowFilterInput } from './timetonic.inputs';
import { TimetonicComment, TimetonicUserInfo } from './timetonic-results.type';
import { TimetonicTableRow, TimetonicTableRowConnection } from './timetonic-table.type';
import { timetonicRows } from './timetonic-table-fields.resolver';

/** TimeTonic-only reads: the account, rows by id, named tables, subsets, pivots, comments. */
@Resolver()
export class TimetonicResolver {
  @Query(() => TimetonicUserInfo, { description: 'The TimeTonic user of the credential in use (`getUserInfo`).' })
  timetonicUserInfo(@Ctx() ctx: RequestContext) {
    return timetonic(ctx).userInfo();
  }

  @Query(() => TimetonicTableRow, {
    description: 'One row by id. Every row asked for in one document is read with one `getTableValues` per table (`filterRowIds`).',
  })
  timetonicTableRow(
    @Arg('tableId', () => Int, { description: 'Table (category) id.' }) tableId: number,
    @Arg('rowId', () => Int, { description: 'Row id.' }) rowId: number,
    @Ctx() ctx: RequestContext,
  ) {
    return timetonic(ctx).tables.row(positiveId(tableId, 'tableId'), positiveId(rowId, 'rowId'));
  }

  @Query(() => TimetonicTableRowConnection, { description: 'Rows of a table by its id, paged (`getTableValues`).' })
  timetonicTableRows(
    @Arg('tableId', () => Int, { description: 'Table (category) id.' }) tableId: number,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => TimetonicRowFilterInput, { nullable: true, description: 'Which rows (all when absent).' }) filter: TimetonicRowFilterInput | null,
    @Ctx() ctx: RequestContext,
  ) {
    return timetonicRows(ctx, positiveId(tableId, 'tableId'), page, filter);
  }

  @Query(() => TimetonicTableRowConnection, {
    description: 'Rows of a table named by its sync code, optionally only some fields by sync code (`getNamedTableValues`).',
  })
  timetonicNamedTableRows(
    @Arg('bookId', () => ID, { description: 'Global id of a TimetonicBook.' }) bookId: string,
    @Arg('tableCode', () => String, { description: 'Sync code of the table.' }) tableCode: string,
    @Arg('fieldCodes', () => [String], { nullable: true, description: 'Only these fields, by sync code.' }) fieldCodes: string[] | null,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => TimetonicRowFilterInput, { nullable: true, description: 'Which rows (all when absent).' }) filterInput: TimetonicRowFilterInput | null,
    @Ctx() ctx: RequestContext,
  ) {
    const book = bookKey(bookId);
    const table = { code: syncCodes([tableCode], 'tableCode')[0]!, fieldCodes: fieldCodes?.length ? syncCodes(fieldCodes, 'fieldCodes') : null };
    const filter = rowFilter(filterInput);
    const tables = timetonic(ctx).tables;
    return singleVendorPage(
      { key: 'TimetonicTableRow', vendor: 'TIMETONIC', fetch: (offset, limit) => tables.namedRows(book, table, { offset, limit, search: null }, filter) },
      page,
      ctx.pageLimits,
    );
  }

  @Query(() => [[String], { nullable: 'itemsAndList' }], {
    description: 'Values of some fields of some rows, in the order asked (`getTableValueSubset`); null cells are empty.',
  })
  timetonicTableValueSubset(
    @Arg('tableId', () => Int, { description: 'Table (category) id.' }) tableId: number,
    @Arg('rowIds', () => [Int], { description: 'Row ids (1 to 100).' }) rowIds: number[],
    @Arg('fieldIds', () => [Int], { description: 'Field ids (1 to 100).' }) fieldIds: number[],
    @Ctx() ctx: RequestContext,
  ) {
    return timetonic(ctx).tables.valueSubset(positiveId(tableId, 'tableId'), idList(fieldIds, 'fieldIds'), idList(rowIds, 'rowIds'));
  }

  @Query(() => JSONObject, { description: 'Pivot values of a saved view (`getPivotValues`), as TimeTonic answers them.' })
  timetonicPivotValues(
    @Arg('tableId', () => Int, { description: 'Table (category) id.' }) tableId: number,
    @Arg('viewId', () => Int, { description: 'Saved view id.' }) viewId: number,
    @Ctx() ctx: RequestContext,
  ) {
    return timetonic(ctx).tables.pivot(positiveId(tableId, 'tableId'), positiveId(viewId, 'viewId'));
  }

  @Query(() => [TimetonicComment], { description: 'Comments on one cell, oldest first (`getTableValueComments`).' })
  timetonicCellComments(
    @Arg('rowId', () => Int, { description: 'Row id.' }) rowId: number,
    @Arg('fieldId', () => Int, { description: 'Field (column) id.' }) fieldId: number,
    @Ctx() ctx: RequestContext,
  ) {
    return timetonic(ctx).tables.comments(positiveId(rowId, 'rowId'), positiveId(fieldId, 'fieldId'));
  }
}

export function timetonic(ctx: RequestContext): TimetonicApi {
  return ctx.vendorApi('TIMETONIC');
}
