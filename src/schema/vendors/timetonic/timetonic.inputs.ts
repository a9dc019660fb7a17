import { Field, InputType, Int } from 'type-graphql';
import { DateTime } from '../../model/scalars';

@InputType({ description: "Which rows a table read covers (TimeTonic's `filterRowIds`)." })
export class TimetonicRowFilterInput {
  @Field(() => [Int], { nullable: true, description: 'Only these rows (at most 100), or all but these with `exclude`.' })
  rowIds?: number[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Exclude `rowIds` instead of selecting them.' })
  exclude?: boolean | null;

  @Field(() => Int, { nullable: true, description: "Apply this saved view's filters (ignored when selecting by `rowIds`)." })
  viewId?: number | null;
}

@InputType({ description: 'A value written to one field of a row.' })
export class TimetonicCellInput {
  @Field(() => Int, { description: 'The field (column) id.' })
  fieldId!: number;

  @Field(() => String, { description: 'The value as text: numbers as digits, checkboxes `true`/`false`, dates `YYYY-MM-DD`, links comma-separated row ids.' })
  value!: string;
}

@InputType({ description: 'A row to update (`rowId`) or create (`tmpId`): exactly one of the two.' })
export class TimetonicRowInput {
  @Field(() => Int, { nullable: true, description: 'An existing row: its `TimetonicTableRow.id`.' })
  rowId?: number | null;

  @Field(() => String, { nullable: true, description: 'A new row: a `tmp…` id of your choosing, used once (answered as `newRows.tmpId`).' })
  tmpId?: string | null;

  @Field(() => [TimetonicCellInput], { description: 'Values to write, one per field.' })
  cells!: TimetonicCellInput[];
}

@InputType({ description: 'A calendar event attached to a message.' })
export class TimetonicEventInput {
  @Field(() => DateTime, { description: 'Start of the event.' })
  start!: Date;

  @Field(() => DateTime, { description: 'Must not be before `start`.' })
  end!: Date;

  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. `Europe/Paris`.' })
  timezone?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Covers whole days from `start` to `end` (default false).' })
  allDay?: boolean | null;

  @Field(() => [String], { nullable: true, description: 'User ids taking part.' })
  participants?: string[] | null;
}
