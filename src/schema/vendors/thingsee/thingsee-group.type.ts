import { Field, ObjectType } from 'type-graphql';
import { DateTime } from '../../model/scalars';
import { Group } from '../../model/group.interface';
import { Node, VendorRecord } from '../../model/node.interface';

@ObjectType({
  simpleResolvers: true,
  description: 'A Thingsee deployment group. Its id is its name (no whitespace, never `unassigned`); rename changes the id.',
  implements: [Node, VendorRecord, Group],
})
export class ThingseeDeploymentGroup extends Group {
  @Field(() => String, { nullable: true, description: 'The group id (`group_id`): lowercase, no whitespace.' })
  declare name: string | null;

  @Field(() => String, { nullable: true, description: '`group_description`, null when empty.' })
  declare description: string | null;

  @Field(() => DateTime, { nullable: true, description: 'Always null: Thingsee does not say when a group was created.' })
  declare createdAt: Date | null;
}
