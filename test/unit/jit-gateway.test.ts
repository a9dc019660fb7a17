import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { jitGateway } from '../../src/server/jit-gateway';

/**
 * What src/server/jit-gateway.ts relies on, pinned: how Apollo Server drives its gateway hook
 * and where graphql-jit's answers differ from graphql-js's. Each case runs through Apollo with
 * the jit gateway and through stock Apollo (graphql-js) and must answer the same, status for status
 * and error for error, `locations` included. A failure here after an upgrade of @apollo/server, graphql-jit or
 * graphql means the hook no longer does what the gateway assumes: fix jit-gateway.ts (or set
 * GRAPHQL_JIT=false) before shipping the upgrade.
 */

/** A context class: resolvers call its methods, plugins key on its `scope`. */
class Context {
  readonly scope = { id: 'scope' };
  greeting(): string {
    return 'hello';
  }
}

const Item = new GraphQLObjectType({
  name: 'Item',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLInt) },
    // Non-null: an item whose name fails becomes a null item of the (nullable) list.
    name: {
      type: new GraphQLNonNull(GraphQLString),
      resolve: (item: { id: number; fails?: boolean }) => {
        if (item.fails) throw new Error(`item ${item.id} failed`);
        return `item ${item.id}`;
      },
    },
  },
});

const itemsOf = (ids: number[], failing: number[]) => ids.map((id) => ({ id, fails: failing.includes(id) }));

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      greeting: { type: GraphQLString, resolve: (_root, _args, context: Context) => context.greeting() },
      double: { type: GraphQLInt, args: { n: { type: new GraphQLNonNull(GraphQLInt) } }, resolve: (_root, { n }: { n: number }) => n * 2 },
      itemsFailingInside: { type: new GraphQLList(Item), resolve: () => itemsOf([1, 2, 3], [2]) },
      itemsFailingAtTheEnd: { type: new GraphQLList(Item), resolve: () => itemsOf([1, 2, 3], [2, 3]) },
      coded: {
        type: GraphQLString,
        resolve: () => {
          throw new GraphQLError('vendor down', { extensions: { code: 'VENDOR_UNAVAILABLE', vendor: 'IGTIMI' } });
        },
      },
      required: { type: new GraphQLNonNull(GraphQLString), resolve: () => null },
    },
  }),
});

interface Observed {
  loads: number;
  executions: number;
  contexts: unknown[];
  hooks: string[];
}

/** Apollo over the jit gateway, with the gateway's load and executor and Apollo's plugin hooks observed. */
async function jitApollo(): Promise<{ server: ApolloServer<Context>; observed: Observed }> {
  const observed: Observed = { loads: 0, executions: 0, contexts: [], hooks: [] };
  const gateway = jitGateway(schema);
  const load = gateway.load.bind(gateway);
  gateway.load = async (options) => {
    observed.loads += 1;
    const { executor } = await load(options);
    return {
      executor: (request) => {
        observed.executions += 1;
        observed.contexts.push(request.context);
        return executor!(request);
      },
    };
  };
  const hooks: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async didResolveOperation() {
          observed.hooks.push('didResolveOperation');
        },
        async willSendResponse() {
          observed.hooks.push('willSendResponse');
        },
      };
    },
  };
  const server = new ApolloServer<Context>({ gateway, plugins: [hooks] });
  await server.start();
  return { server, observed };
}

async function ask(server: ApolloServer<Context>, context: Context, query: string, variables?: Record<string, unknown>) {
  const result = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body: variables === undefined ? { query } : { query, variables } },
    context: async () => context,
  });
  if (result.body.kind !== 'complete') throw new Error('expected a complete body');
  return { status: result.status ?? 200, body: JSON.parse(result.body.string) as unknown };
}

let jit: { server: ApolloServer<Context>; observed: Observed };
let stock: ApolloServer<Context>;
beforeAll(async () => {
  jit = await jitApollo();
  stock = new ApolloServer<Context>({ schema });
  await stock.start();
});
afterAll(async () => {
  await jit.server.stop();
  await stock.stop();
});

describe('Apollo Server drives the jit gateway as jit-gateway.ts assumes', () => {
  it('loads the executor once and hands it every operation with a context of ours (same class, same scope)', async () => {
    const context = new Context();
    const before = jit.observed.executions;
    expect((await ask(jit.server, context, '{ greeting }')).body).toEqual({ data: { greeting: 'hello' } });
    expect((await ask(jit.server, context, '{ double(n: 2) }')).body).toEqual({ data: { double: 4 } });
    expect(jit.observed.loads).toBe(1);
    expect(jit.observed.executions - before).toBe(2);
    for (const seen of jit.observed.contexts.slice(before)) {
      expect(seen).toBeInstanceOf(Context);
      expect((seen as Context).scope).toBe(context.scope);
    }
  });

  it('still runs the plugins around the executor', async () => {
    jit.observed.hooks.length = 0;
    await ask(jit.server, new Context(), '{ greeting }');
    expect(jit.observed.hooks).toEqual(['didResolveOperation', 'willSendResponse']);
  });

  it('validates before the executor: an invalid document never reaches it', async () => {
    const before = jit.observed.executions;
    const answer = await ask(jit.server, new Context(), '{ noSuchField }');
    expect(answer.status).toBe(400);
    expect(jit.observed.executions).toBe(before);
  });
});

describe('answers through the jit gateway equal stock Apollo (graphql-js)', () => {
  // Three entries each: jest hands a test with more parameters than its row a `done` callback.
  const cases: Array<[string, string, Record<string, unknown> | undefined]> = [
    ['a plain field reading the context', '{ greeting }', undefined],
    ['variables that coerce', 'query($n: Int!) { double(n: $n) }', { n: 21 }],
    ['variables that do not coerce (400 BAD_USER_INPUT)', 'query($n: Int!) { double(n: $n) }', { n: 'many' }],
    ['a missing required variable', 'query($n: Int!) { double(n: $n) }', {}],
    ['a failed item inside a list (null in its place)', '{ itemsFailingInside { id name } }', undefined],
    ['failed items at the end of a list (the list keeps its length)', '{ itemsFailingAtTheEnd { id name } }', undefined],
    ['an error with extensions', '{ coded greeting }', undefined],
    ['a null in a non-null root field', '{ required greeting }', undefined],
    // An error on a later line and column, after a CRLF and a CR: locations count lines as graphql-js does.
    ['an error located across lines', 'query Located {\r\n  greeting\r  itemsFailingInside {\n    id\n      name\n  }\n}', undefined],
  ];
  it.each(cases)('%s', async (_name, query, variables) => {
    const viaJit = await ask(jit.server, new Context(), query, variables);
    const viaGraphqlJs = await ask(stock, new Context(), query, variables);
    expect(viaJit).toEqual(viaGraphqlJs);
  });
});
