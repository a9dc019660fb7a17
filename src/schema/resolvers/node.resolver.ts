import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context/context';
import { loadById } from '../../context/entity-reads';
import { BadUserInputError } from '../../core/errors';
import { encodeId } from '../../core/ids';
import type { NodeRecord } from '../../core/model';
import { Node } from '../model/node.interface';

@Resolver(() => Node)
export class NodeResolver {
  @FieldResolver(() => ID)
  id(@Root() record: NodeRecord): string {
    return encodeId(record.vendor, record.typename, record.nativeId);
  }

  @Query(() => Node, { nullable: true, description: 'Any record by its global id (Relay).' })
  node(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return loadById(ctx, id, null);
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: 'Many records by global id, batched per vendor; a missing one is null with an error.',
  })
  nodes(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: RequestContext) {
    if (ids.length > ctx.pageLimits.maxSize) {
      throw new BadUserInputError(`\`ids\` may name at most ${ctx.pageLimits.maxSize} ids, but got ${ids.length}`);
    }
    return ids.map((id) => loadById(ctx, id, null));
  }
}
