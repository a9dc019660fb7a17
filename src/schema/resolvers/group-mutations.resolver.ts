import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context/context';
import { changeGroupMembers, createGroup, deleteGroup, updateGroup } from '../../context/entity-writes';
import { Group } from '../model/group.interface';
import { CreateGroupInput, UpdateGroupInput } from '../model/group.input';

@Resolver()
export class GroupMutationsResolver {
  @Mutation(() => Group, { description: 'Creates a group at the vendor named in the input.' })
  createGroup(@Arg('input', () => CreateGroupInput) input: CreateGroupInput, @Ctx() ctx: RequestContext) {
    return createGroup(ctx, input);
  }

  @Mutation(() => Group, { description: 'Renames or re-describes a group.' })
  updateGroup(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateGroupInput) input: UpdateGroupInput,
    @Ctx() ctx: RequestContext,
  ) {
    return updateGroup(ctx, id, input);
  }

  @Mutation(() => Boolean, { description: 'Deletes a group; its members stay, without the group.' })
  deleteGroup(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return deleteGroup(ctx, id);
  }

  @Mutation(() => Group, { description: 'Adds devices or things (of the same vendor) to a group.' })
  addGroupMembers(
    @Arg('id', () => ID) id: string,
    @Arg('memberIds', () => [ID]) memberIds: string[],
    @Ctx() ctx: RequestContext,
  ) {
    return changeGroupMembers(ctx, id, memberIds, 'add');
  }

  @Mutation(() => Group, { description: 'Removes devices or things from a group.' })
  removeGroupMembers(
    @Arg('id', () => ID) id: string,
    @Arg('memberIds', () => [ID]) memberIds: string[],
    @Ctx() ctx: RequestContext,
  ) {
    return changeGroupMembers(ctx, id, memberIds, 'remove');
  }
}
