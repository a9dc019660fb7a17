import { Arg, Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../context/context';
import { singleVendorPage } from '../../../core/pagination';
import type { TimetonicTableRecord } from '../../../vendors/timetonic';
import { PageArgs } from '../../model/page.args';
import { rowFilter } from './timetonic.checks';
import { TimetonicRowFilterInput } from './timetonic.inputs';
import { TimetonicTable, TimetonicTableRowConnection } from './timetonic-table.type';

@Resolver(() => TimetonicTable)
export class TimetonicTableFieldsResolver {
  @FieldResolver(() => TimetonicTableRowConnection, { nullable: true, description: 'Rows of the table, paged (`getTableValues` offset + maxRows).' })
  rows(
    @Root() table: TimetonicTableRecord,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => TimetonicRowFilterInput, { nullable: true, description: 'Which rows (all when absent).' }) filter: TimetonicRowFilterInput | null,
    @Ctx() ctx: RequestContext,
  ) {
    return timetonicRows(ctx, table.tableId, page, filter);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'How many rows match the filter (`computeTableOperation` count).' })
  rowCount(
    @Root() table: TimetonicTableRecord,
    @Arg('filter', () => TimetonicRowFilterInput, { nullable: true, description: 'Which rows (all when absent).' }) filter: TimetonicRowFilterInput | null,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.vendorApi('TIMETONIC').tables.count(table.tableId, rowFilter(filter));
  }
}

/** A page of a table's rows, the filter checked before any call. */
export function timetonicRows(ctx: RequestContext, tableId: number, page: PageArgs, input: TimetonicRowFilterInput | null) {
  const filter = rowFilter(input);
  const tables = ctx.vendorApi('TIMETONIC').tables;
  return singleVendorPage(
    { key: 'TimetonicTableRow', vendor: 'TIMETONIC', fetch: (offset, limit) => tables.rows(tableId, { offset, limit, search: null }, filter) },
    page,
    ctx.pageLimits,
  );
}
