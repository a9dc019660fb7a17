import { Field, Int, ObjectType } from 'type-graphql';
import { BookTable } from '../../model/book.interface';
import { ConnectionType } from '../../model/connection.type';

@ObjectType({ simpleResolvers: true, description: 'A column of a TimeTonic smart table.' })
export class TimetonicField {
  @Field(() => Int, { description: 'Field (column) id.' })
  id!: number;

  @Field(() => String, { description: 'Field (column) name.' })
  name!: string;

  @Field(() => String, { description: 'Field type, e.g. `text`, `number`, `date`, `checkbox`, `link`.' })
  type!: string;

  @Field(() => Int, { nullable: true, description: 'For `link` fields: the table the links point into.' })
  linkedTableId!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'A filter rule of a saved view.' })
export class TimetonicFilter {
  @Field(() => String, { description: 'Filter id (non-numeric for unsaved filters).' })
  id!: string;

  @Field(() => Int, { description: 'The field (column) the rule or cell belongs to.' })
  fieldId!: number;

  @Field(() => String, { description: 'Filter type, e.g. `text`, `number`, `checkbox`, `groupby`.' })
  type!: string;

  @Field(() => String, { description: 'e.g. `contains`, `is`, `lt`, `gt`, `desc`.' })
  predicate!: string;

  @Field(() => String, { description: 'The operand as JSON text.' })
  operand!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A saved view of a smart table (its filters apply with `filter.viewId`).' })
export class TimetonicView {
  @Field(() => Int, { description: 'View id (use as `filter.viewId`).' })
  id!: number;

  @Field(() => String, { description: 'View name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Description, when it has one.' })
  description!: string | null;

  @Field(() => Boolean, { description: 'Locked against edits in TimeTonic.' })
  locked!: boolean;

  @Field(() => String, { nullable: true, description: 'How filters combine: `and` or `or`.' })
  filterOperator!: string | null;

  @Field(() => [TimetonicFilter], { description: 'Filter rules of the view.' })
  filters!: TimetonicFilter[];
}

@ObjectType({ simpleResolvers: true, description: 'A TimeTonic smart table (a "category"); rows are read page by page.', implements: [BookTable] })
export class TimetonicTable extends BookTable {
  @Field(() => Int, { description: 'Table (category) id.' })
  tableId!: number;

  @Field(() => Boolean, { description: 'Locked against edits in TimeTonic.' })
  locked!: boolean;

  @Field(() => [TimetonicField], { description: 'Columns of the table, in order.' })
  fields!: TimetonicField[];

  @Field(() => [TimetonicView], { description: 'Saved views, the default view first.' })
  views!: TimetonicView[];
}

@ObjectType({ simpleResolvers: true, description: 'One cell of a row.' })
export class TimetonicCell {
  @Field(() => Int, { description: 'The field (column) the rule or cell belongs to.' })
  fieldId!: number;

  @Field(() => String, { description: 'Name of the field (column).' })
  fieldName!: string;

  @Field(() => String, { nullable: true, description: 'The value: text as is, numbers, booleans and lists as JSON text; null when empty.' })
  value!: string | null;

  @Field(() => String, { nullable: true, description: "TimeTonic's display text when it differs (e.g. the linked rows' names)." })
  text!: string | null;

  @Field(() => [Int], { nullable: true, description: 'For `link` fields: the ids of the linked rows.' })
  linkedRowIds!: number[] | null;
}

@ObjectType({ simpleResolvers: true, description: 'A row (record) of a TimeTonic smart table.' })
export class TimetonicTableRow {
  @Field(() => Int, { description: 'Row id.' })
  id!: number;

  @Field(() => Int, { description: 'The table (category) id.' })
  tableId!: number;

  @Field(() => [TimetonicCell], { description: 'One cell per field, in field order.' })
  cells!: TimetonicCell[];
}

export const TimetonicTableRowConnection = ConnectionType('TimetonicTableRow', TimetonicTableRow);
