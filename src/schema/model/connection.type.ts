import { Field, FieldResolver, Int, ObjectType, Resolver, Root, type ClassType } from 'type-graphql';
import { PageInfo } from './page-info.type';

/**
 * Builds `<Name>Connection` and `<Name>Edge` for a node type (Relay cursor connections).
 * `countable: false` makes `totalCount` nullable, for lists a vendor cannot count without
 * reading them whole.
 */
export function ConnectionType<T extends object>(name: string, nodeType: ClassType<T> | object, options: { countable?: boolean } = {}) {
  const countable = options.countable ?? true;
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `An edge in a ${name} connection.` })
  class Edge {
    @Field(() => String, { description: 'Opaque cursor of this edge; pass as `after`.' })
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${name} records.` })
  class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, {
      nullable: !countable,
      description: countable
        ? 'Records across every page (and every vendor) matching the filter.'
        : 'Records across every page matching the filter; null when the vendor cannot count them without reading them all.',
    })
    totalCount!: number | null;
  }

  return Connection;
}

/**
 * Resolves `totalCount` of a keyset connection (core/keyset-page.ts), whose count is a promise
 * read only when selected: a field without a resolver is a plain property read, which would not
 * wait for it. Register the returned class with the other resolvers.
 */
export function KeysetCountResolver(connection: ClassType) {
  @Resolver(() => connection)
  class CountResolver {
    @FieldResolver()
    totalCount(@Root() page: { totalCount: Promise<number | null> | number | null }) {
      return page.totalCount;
    }
  }
  return CountResolver;
}
