import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, ID, Info, Query, Resolver, type ClassType } from 'type-graphql';
import type { EntityKind } from '../../core/model';
import type { RequestContext } from '../../context/context';
import { listEntities, loadById, type ListFilter } from '../../context/entity-reads';
import { PageArgs } from '../model/page.args';
import { fieldPath } from './path';
import { itemSelection } from './selection-ahead';

export interface EntityQueriesSpec {
  kind: EntityKind;
  iface: ClassType | object;
  connection: ClassType;
  filter: ClassType;
  /** Root field names, e.g. `devices` and `device`. */
  plural: string;
  singular: string;
}

/**
 * The two root queries every unified kind has: a merged, paged list across vendors and a
 * lookup by id. One factory, so the seven kinds cannot drift apart.
 */
export function createEntityQueriesResolver(spec: EntityQueriesSpec): ClassType {
  @Resolver()
  class EntityQueriesResolver {
    @Query(() => spec.connection, {
      name: spec.plural,
      description: `Every ${spec.kind} across configured vendors, merged in a stable vendor order.`,
    })
    list(
      @Arg('filter', () => spec.filter, { nullable: true }) filter: ListFilter | null,
      @Args(() => PageArgs) page: PageArgs,
      @Ctx() ctx: RequestContext,
      @Info() info: GraphQLResolveInfo,
    ) {
      return listEntities(ctx, spec.kind, filter, page, fieldPath(info), itemSelection(info));
    }

    @Query(() => spec.iface, { name: spec.singular, nullable: true, description: `One ${spec.kind} by its global id.` })
    one(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
      return loadById(ctx, id, spec.kind);
    }
  }
  Object.defineProperty(EntityQueriesResolver, 'name', { value: `${spec.kind}QueriesResolver` });
  return EntityQueriesResolver;
}
