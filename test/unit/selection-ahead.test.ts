import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { itemSelection } from '../../src/schema/resolvers/selection-ahead';
import type { SelectedAhead } from '../../src/vendors/adapter';

/**
 * What a root list tells the vendors about its items' selection (`itemSelection`): fields on
 * `edges { node }`, per concrete type, through fragments and type conditions, without the ones
 * `@skip`/`@include` leave out. Run through graphql-js's own execution, which hands the resolver
 * the info it reads.
 */
const schema = buildSchema(`
  interface Device { id: ID! name: String groups: [Group!]! }
  type IotaapDevice implements Device { id: ID! name: String groups: [Group!]! group: Group token: String history(from: String, to: String): [Group!] }
  type IgtimiDevice implements Device { id: ID! name: String groups: [Group!]! serial: String }
  type Group { id: ID! name: String }
  type DeviceEdge { cursor: String! node: Device! }
  type DeviceConnection { edges: [DeviceEdge!]! totalCount: Int! }
  type Query { devices: DeviceConnection! }
`);

function selectionOf(query: string, variableValues: Record<string, unknown> = {}): SelectedAhead {
  let selected: SelectedAhead | undefined;
  const rootValue = {
    devices: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
      selected = itemSelection(info);
      return { edges: [], totalCount: 0 };
    },
  };
  const result = execute({ schema, document: parse(query), rootValue, variableValues });
  if ('errors' in result && result.errors) throw result.errors[0];
  return selected!;
}

describe('itemSelection', () => {
  it('reads fields on edges.node, on the interface and in an inline fragment on one type', () => {
    const selected = selectionOf('{ devices { totalCount edges { cursor node { id ... on IotaapDevice { group { name } } } } } }');
    expect(selected('IotaapDevice', 'group')).toBe(true);
    expect(selected('IotaapDevice', 'id')).toBe(true);
    expect(selected('IgtimiDevice', 'id')).toBe(true);
    expect(selected('IgtimiDevice', 'group')).toBe(false);
    // Fields of the connection and the edge are not the items' fields.
    expect(selected('IotaapDevice', 'totalCount')).toBe(false);
    expect(selected('IotaapDevice', 'cursor')).toBe(false);
  });

  it('follows named fragments on the edge, on the interface and on a type', () => {
    const selected = selectionOf(`
      { devices { edges { ...Edge } } }
      fragment Edge on DeviceEdge { node { ...Shared ...Iotaap ...Igtimi } }
      fragment Shared on Device { groups { id } }
      fragment Iotaap on IotaapDevice { token }
      fragment Igtimi on IgtimiDevice { serial }
    `);
    expect(selected('IotaapDevice', 'groups')).toBe(true);
    expect(selected('IgtimiDevice', 'groups')).toBe(true);
    expect(selected('IotaapDevice', 'token')).toBe(true);
    expect(selected('IotaapDevice', 'serial')).toBe(false);
    expect(selected('IgtimiDevice', 'serial')).toBe(true);
  });

  it('tells a field read with its defaults (no argument values: none, null or unset variables) from one given arguments', () => {
    const query = 'query ($from: String, $to: String) { devices { edges { node { ... on IotaapDevice { history(from: $from, to: $to) { id } } } } } }';
    expect(selectionOf(query)('IotaapDevice', 'history', true)).toBe(true);
    expect(selectionOf(query, { from: null })('IotaapDevice', 'history', true)).toBe(true);
    expect(selectionOf(query, { from: 'yesterday' })('IotaapDevice', 'history', true)).toBe(false);
    expect(selectionOf(query, { from: 'yesterday' })('IotaapDevice', 'history')).toBe(true);
    const literal = selectionOf('{ devices { edges { node { ... on IotaapDevice { history(from: null) { id } } } } } }');
    expect(literal('IotaapDevice', 'history', true)).toBe(true);
    // Two selections under aliases: one of them reads the defaults.
    const both = selectionOf('{ devices { edges { node { ... on IotaapDevice { a: history(from: "x") { id } b: history { id } } } } } }');
    expect(both('IotaapDevice', 'history', true)).toBe(true);
    expect(selectionOf('{ devices { edges { node { ... on IotaapDevice { history(to: "y") { id } } } } } }')('IotaapDevice', 'history', true)).toBe(false);
  });

  it('leaves out what @skip and @include leave out, at any level', () => {
    const query = `query ($with: Boolean!) {
      devices { edges { node { id ... on IotaapDevice @include(if: $with) { group { id } } name @skip(if: $with) } } }
    }`;
    expect(selectionOf(query, { with: true })('IotaapDevice', 'group')).toBe(true);
    expect(selectionOf(query, { with: true })('IotaapDevice', 'name')).toBe(false);
    expect(selectionOf(query, { with: false })('IotaapDevice', 'group')).toBe(false);
    expect(selectionOf(query, { with: false })('IotaapDevice', 'name')).toBe(true);
    const edgesSkipped = selectionOf('query ($with: Boolean!) { devices { totalCount edges @include(if: $with) { node { id } } } }', { with: false });
    expect(edgesSkipped('IotaapDevice', 'id')).toBe(false);
  });
});
