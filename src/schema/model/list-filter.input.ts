import { Field, InputType } from 'type-graphql';
import { VendorEnum } from './vendor.enum';

/** Builds `<Kind>Filter`, the filter every root list takes; kinds may extend it later. */
export function ListFilterInput(kind: string) {
  @InputType(`${kind}Filter`, { description: `Narrows a ${kind} list.` })
  class ListFilter {
    @Field(() => [VendorEnum], { nullable: true, description: 'Only these vendors (all when empty).' })
    vendors?: VendorEnum[] | null;

    @Field(() => String, { nullable: true, description: "Vendor-side text search (each vendor's own matching)." })
    search?: string | null;
  }
  return ListFilter;
}
