import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context/context';
import { relatedPage } from '../../context/entity-reads';
import type { GroupRecord } from '../../core/model';
import { NodeConnection } from '../model/connections';
import { Group } from '../model/group.interface';
import { PageArgs } from '../model/page.args';

@Resolver(() => Group)
export class GroupFieldsResolver {
  @FieldResolver(() => NodeConnection, { nullable: true, description: 'Members of the group (devices, things or users), paged.' })
  members(@Root() group: GroupRecord, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return relatedPage(ctx, group, 'Group.members', page);
  }
}
