import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { PageInfo } from './page-info.type';

/** Builds `<Name>Connection` and `<Name>Edge` for a node type (Relay cursor connections). */
export function ConnectionType<T extends object>(name: string, nodeType: ClassType<T> | object) {
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

    @Field(() => Int, { description: 'Records across every page (and every vendor) matching the filter.' })
    totalCount!: number;
  }

  return Connection;
}
