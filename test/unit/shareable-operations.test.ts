import { getOperationAST, isObjectType, parse } from 'graphql';
import { buildTributarySchema } from '../../src/schema/build-schema';
import { SUBSCRIPTION_REPLAYS } from '../../src/schema/subscription-replays';
import { asksForReplay, shareable } from '../../src/server/shareable-operations';

const MEASUREMENTS = 'measurements(sourceIds: ["a"]) { value }';

describe('SUBSCRIPTION_REPLAYS', () => {
  it('names subscription fields and arguments the schema has', () => {
    const subscription = buildTributarySchema().getSubscriptionType();
    expect(isObjectType(subscription)).toBe(true);
    expect(Object.keys(SUBSCRIPTION_REPLAYS).length).toBeGreaterThan(0);
    for (const [field, replayArguments] of Object.entries(SUBSCRIPTION_REPLAYS)) {
      const definition = subscription!.getFields()[field];
      expect({ field, defined: definition !== undefined }).toEqual({ field, defined: true });
      for (const name of replayArguments) expect({ field, name, defined: definition!.args.some((a) => a.name === name) }).toEqual({ field, name, defined: true });
    }
  });
});

describe('shareable', () => {
  it('is true only for the subscription operation chosen', () => {
    const document = parse('query Q { vendors { vendor } } subscription S { vendorStatusChanged { vendor } }');
    expect(shareable(document, 'S')).toBe(true);
    expect(shareable(document, 'Q')).toBe(false);
    expect(shareable(parse('mutation { deleteGroup(id: "x") }'))).toBe(false);
    expect(shareable(parse(`subscription { ${MEASUREMENTS} }`))).toBe(true);
  });

  it('is false when a root field is asked for a replay: literal, variable or null, aliased, through fragments', () => {
    expect(shareable(parse('subscription { measurements(sourceIds: ["a"], since: "2026-01-01T00:00:00Z") { value } }'))).toBe(false);
    expect(shareable(parse('subscription($s: DateTimeISO) { measurements(sourceIds: ["a"], since: $s) { value } }'))).toBe(false);
    expect(shareable(parse('subscription { measurements(sourceIds: ["a"], since: null) { value } }'))).toBe(false);
    expect(shareable(parse('subscription { latest: measurements(sourceIds: ["a"], since: "2026-01-01T00:00:00Z") { value } }'))).toBe(false);
    expect(shareable(parse('subscription { ...F } fragment F on Subscription { measurements(sourceIds: ["a"], since: "2026-01-01T00:00:00Z") { value } }'))).toBe(false);
    expect(shareable(parse('subscription { ... on Subscription { measurements(sourceIds: ["a"], since: "2026-01-01T00:00:00Z") { value } } }'))).toBe(false);
  });

  it('reads the operation chosen, not an argument called `since` elsewhere in the document', () => {
    const document = parse(`query Log { igtimiSessionLog(sessionId: "s", since: "2026-01-01T00:00:00Z") } subscription Live { ${MEASUREMENTS} }`);
    expect(shareable(document, 'Live')).toBe(true);
    expect(shareable(document, 'Log')).toBe(false);
  });

  it('survives a fragment that spreads itself (invalid, refused later by validation)', () => {
    const document = parse('subscription { ...F } fragment F on Subscription { ...F }');
    expect(asksForReplay(document, getOperationAST(document)!)).toBe(false);
  });
});
