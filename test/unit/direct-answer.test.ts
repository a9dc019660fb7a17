import { HeaderMap, type HTTPGraphQLRequest, type HTTPGraphQLResponse } from '@apollo/server';
import { GraphQLError, GraphQLObjectType, GraphQLSchema, GraphQLString, getOperationAST, parse } from 'graphql';
import { loadConfig } from '../../src/config';
import { RequestContext, type GatewayServices } from '../../src/context/context';
import { createLogger } from '../../src/core/logger';
import { createMetrics } from '../../src/core/metrics';
import { createApollo } from '../../src/server/apollo';
import { DirectAnswers } from '../../src/server/direct-answer';
import { JitExecutor } from '../../src/server/jit-gateway';

/**
 * src/server/direct-answer.ts sends what Apollo would have sent: for a clean answer the same
 * status, headers and bytes as Apollo with Tributary's plugins over the same executor; an answer
 * with errors is left to Apollo, executed once.
 */
let runs = 0;
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      greeting: {
        type: GraphQLString,
        resolve: (_root, _args, context: RequestContext) => {
          runs += 1;
          context.scope.reportSource('IOTAAP', { status: 'OK', latencyMs: 3, cache: 'MISS', calls: 1, attempts: 1, fetchedAt: 1_700_000_000_000 });
          return 'hello';
        },
      },
      failing: {
        type: GraphQLString,
        resolve: () => {
          runs += 1;
          throw new GraphQLError('vendor down', { extensions: { code: 'VENDOR_UNAVAILABLE', vendor: 'IOTAAP' } });
        },
      },
    },
  }),
});

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const logger = createLogger('silent');
const services = { config, logger, metrics: createMetrics() } as unknown as GatewayServices;
const jit = new JitExecutor(schema);
const apollo = createApollo(schema, config, logger, null, [], undefined, jit);
const direct = new DirectAnswers(jit, schema, null, config.responseCache.maxAgeSeconds, logger);

beforeAll(() => apollo.start());
afterAll(() => apollo.stop());

function requestOf(query: string, accept?: string): HTTPGraphQLRequest {
  const headers = new HeaderMap([['content-type', 'application/json']]);
  if (accept) headers.set('accept', accept);
  return { method: 'POST', headers, search: '', body: { query } };
}

async function viaApollo(http: HTTPGraphQLRequest, context = new RequestContext(services, { kind: 'anonymous', id: null }, {})) {
  return apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: http, context: async () => context });
}

async function viaDirect(http: HTTPGraphQLRequest, context = new RequestContext(services, { kind: 'anonymous', id: null }, {})) {
  const query = (http.body as { query: string }).query;
  const document = parse(query);
  return direct.answer({ document, operation: getOperationAST(document)!, cost: 1 }, { query }, context, http);
}

function sent(response: HTTPGraphQLResponse | null) {
  if (!response || response.body.kind !== 'complete') throw new Error('expected a complete answer');
  return { status: response.status ?? 200, headers: [...response.headers], body: response.body.string };
}

describe('direct answers', () => {
  it.each([[undefined], ['*/*'], ['application/json'], ['application/graphql-response+json']])('answers a clean operation as Apollo does (Accept: %s)', async (accept) => {
    const http = requestOf('{ greeting }', accept);
    expect(direct.accepts(http)).toBe(true);
    const [ours, apollos] = [sent(await viaDirect(http)), sent(await viaApollo(http))];
    expect(ours).toEqual(apollos);
    expect(ours.body).toBe('{"data":{"greeting":"hello"},"extensions":{"sources":{"IOTAAP":{"status":"OK","latencyMs":3,"cache":"MISS","calls":1,"attempts":1,"fetchedAt":1700000000000}}}}\n');
  });

  it('leaves an answer with errors to Apollo, executed once', async () => {
    const http = requestOf('{ failing }');
    const context = new RequestContext(services, { kind: 'anonymous', id: null }, {});
    const before = runs;
    expect(await viaDirect(http, context)).toBeNull();
    const handedOver = sent(await viaApollo(http, context));
    expect(runs - before).toBe(1);
    expect(handedOver).toEqual(sent(await viaApollo(http)));
    expect(JSON.parse(handedOver.body).errors[0].path).toEqual(['failing']);
  });

  it('takes only plain JSON POSTs it can answer as Apollo would', () => {
    expect(direct.accepts(requestOf('{ greeting }', 'application/graphql-response+json, application/json'))).toBe(false);
    expect(direct.accepts({ ...requestOf('{ greeting }'), body: { query: '{ greeting }', extensions: { persistedQuery: { version: 1 } } } })).toBe(false);
    expect(direct.accepts({ ...requestOf('{ greeting }'), method: 'GET', body: undefined })).toBe(false);
  });
});
