import { parse } from 'graphql';
import { buildTributarySchema } from '../../src/schema/build-schema';
import { operationMaxAge } from '../../src/server/answer-cache/answer-cache-policy';

const schema = buildTributarySchema();
const maxAge = (query: string, name: string | null = null, fallback = 30) => operationMaxAge(schema, parse(query), name, fallback);

describe('operationMaxAge: @cacheControl hints read from the schema', () => {
  it('gives root fields the default and lets other fields inherit', () => {
    expect(maxAge('{ devices(first: 2) { edges { node { id name } } } }')).toBe(30);
  });

  it('takes the smallest hint anywhere in the selection, through fragments and inline fragments', () => {
    expect(maxAge('{ devices { edges { node { ... on IotaapDevice { measurements(last: 1) { value } } } } } }')).toBe(1);
    expect(maxAge('query Q { devices { edges { node { ...M } } } } fragment M on Device { measurements(last: 1) { value } }', 'Q')).toBe(1);
    expect(maxAge('{ devices { totalCount } vendors { vendor } }')).toBe(0);
  });

  it('never caches mutations or subscriptions, and picks the named operation', () => {
    expect(maxAge('mutation { deleteGroup(id: "x") }')).toBe(0);
    expect(maxAge('subscription { vendorStatusChanged { vendor } }')).toBe(0);
    const two = 'query A { vendors { vendor } } query B { devices { totalCount } }';
    expect(maxAge(two, 'A')).toBe(0);
    expect(maxAge(two, 'B')).toBe(30);
  });
});
