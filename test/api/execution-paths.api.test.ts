import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildASTSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  print,
  typeFromAST,
  visit,
  type ASTNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { postRaw } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';

/**
 * The same answers whichever way an operation executes. Every query and mutation in
 * `test/operations/` runs, in file order, on four gateways over four identically seeded
 * simulator sets: graphql-jit with plain fields left without resolvers (type-graphql's
 * `simpleResolvers`) and clean answers sent without Apollo's pipeline (direct-answer.ts), the
 * defaults; graphql-js (`GRAPHQL_JIT=false`); graphql-jit with a resolver on every plain field,
 * as type-graphql builds by default (`LEAN_RESOLVERS=false`); and graphql-jit with every answer
 * through Apollo's pipeline (`DIRECT_ANSWERS=false`). Data, errors (message, path, locations, code), HTTP
 * status and the `Content-Type` and `Cache-Control` headers must be equal.
 * Required variables get a value of their type (a seeded id of the operation's vendor for
 * `ID`), so some answers are errors: those are compared too. Each operation with optional
 * inputs runs again with every one of them given; an operation goes with the fragments it spreads,
 * and none may fail validation. No answer may be INTERNAL_SERVER_ERROR: bad
 * input gets a code of its own, also when every id is of another vendor's record (a last pass,
 * checked on each stack). Subscriptions are left out: they run on graphql-js over graphql-ws
 * and SSE whatever `GRAPHQL_JIT` says.
 */
const OPERATIONS_DIR = join(__dirname, '..', 'operations');
const schema: GraphQLSchema = buildASTSchema(parse(readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8')));

interface Operation {
  name: string;
  text: string;
  node: OperationDefinitionNode;
}

const definitions = readdirSync(OPERATIONS_DIR)
  .filter((file) => file.endsWith('.graphql'))
  .sort()
  .flatMap((file) => parse(readFileSync(join(OPERATIONS_DIR, file), 'utf8')).definitions);
const fragments = new Map(definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
const operations: Operation[] = definitions
  .flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.operation !== 'subscription' ? [definition] : []))
  .map((node) => ({ name: node.name?.value ?? 'anonymous', text: [node, ...fragmentsUsedBy(node)].map((d) => print(d)).join('\n\n'), node }));

/** The fragments an operation spreads, directly or through other fragments: sent with it, as codegen's documents are. */
function fragmentsUsedBy(root: ASTNode): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const walk = (node: ASTNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (!fragment || used.has(spread.name.value)) return;
        used.set(spread.name.value, fragment);
        walk(fragment);
      },
    });
  walk(root);
  return [...used.values()];
}

let jit: Stack;
let js: Stack;
let stock: Stack;
let apollo: Stack;
const VENDORS = ['IGTIMI', 'IOTAAP', 'MAINFLUX', 'THINGSEE', 'TIMETONIC'];

/** A seeded device or thing id per vendor, for `ID` variables (known once the stacks run). */
const seededIds: Record<string, string> = {};

beforeAll(async () => {
  [jit, js, stock, apollo] = await Promise.all([
    startStack(),
    startStack({ env: { GRAPHQL_JIT: 'false' } }),
    startStack({ env: { LEAN_RESOLVERS: 'false' } }),
    startStack({ env: { DIRECT_ANSWERS: 'false' } }),
  ]);
  for (const vendor of VENDORS) {
    // TimeTonic has books; Mainflux and Thingsee things; the others devices.
    const list = vendor === 'TIMETONIC' ? 'books(first: 1)' : `${['MAINFLUX', 'THINGSEE'].includes(vendor) ? 'things' : 'devices'}(first: 1, filter: { vendors: [${vendor}] })`;
    const answer = await postRaw<Record<string, { edges: Array<{ node: { id: string } }> }>>(jit.url, JSON.stringify({ query: `{ first: ${list} { edges { node { id } } } }` }));
    const id = answer.data?.first?.edges[0]?.node.id;
    if (!id) throw new Error(`no seeded ${vendor} record to take ids from: ${JSON.stringify(answer.errors ?? answer.data)}`);
    seededIds[vendor] = id;
  }
}, 60_000);
afterAll(disposeLeftovers);

describe('graphql-jit, graphql-js, type-graphql resolvers and Apollo\'s pipeline answer alike', () => {
  it('covers every query and mutation in test/operations', () => {
    expect(operations.length).toBeGreaterThan(100);
  });

  it.each(operations.map((operation) => [operation.name, operation] as const))('%s', async (_name, operation) => {
    await expectAlike(operation, variablesFor(operation, 'required'));
  });

  it.each(operations.filter(hasOptionalInputs).map((operation) => [operation.name, operation] as const))('%s, every optional input given too', async (_name, operation) => {
    await expectAlike(operation, variablesFor(operation, 'all'));
  });

  // Hostile ids: a record of another vendor wherever an id is asked for. Answered with errors
  // of their own codes on every stack, not compared: when a non-null field fails, graphql-js
  // leaves its siblings unrun and graphql-jit runs them, so the two report different errors.
  it.each(operations.filter(hasIds).map((operation) => [operation.name, operation] as const))('%s, ids of another vendor', async (_name, operation) => {
    const body = JSON.stringify({ query: operation.text, variables: variablesFor(operation, 'all', 1), operationName: operation.name });
    for (const answer of await Promise.all([jit, js, stock, apollo].map((stack) => postRaw(stack.url, body)))) {
      expect(answer.status).toBeLessThan(500);
      expect((answer.errors ?? []).map((error) => error.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
      expect((answer.errors ?? []).map((error) => error.extensions?.code)).not.toContain('GRAPHQL_VALIDATION_FAILED');
    }
  });
});

/** The four stacks answer alike, and no answer is an internal error: bad input gets a code of its own. */
async function expectAlike(operation: Operation, variables: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify({ query: operation.text, variables, operationName: operation.name });
  const [a, b, c, d] = await Promise.all([jit, js, stock, apollo].map((stack) => postRaw(stack.url, body)));
  const expected = comparable(a!);
  expect(expected.errors.map((error) => error.code)).not.toContain('INTERNAL_SERVER_ERROR');
  // Every operation is valid (codegen checks them): a validation error would compare nothing but that error.
  expect(expected.errors.map((error) => error.code)).not.toContain('GRAPHQL_VALIDATION_FAILED');
  expect(comparable(b!)).toEqual(expected);
  expect(comparable(c!)).toEqual(expected);
  expect(comparable(d!)).toEqual(expected);
}

type Inputs = 'required' | 'all';

function hasOptionalInputs(operation: Operation): boolean {
  return JSON.stringify(variablesFor(operation, 'all')) !== JSON.stringify(variablesFor(operation, 'required'));
}

function hasIds(operation: Operation): boolean {
  return JSON.stringify(variablesFor(operation, 'all', 1)) !== JSON.stringify(variablesFor(operation, 'all'));
}

/**
 * A value of its type for every required variable (and input field), or for every one; ids are
 * of a seeded record of the operation's vendor, or of the vendor `shift` places after it.
 */
function variablesFor(operation: Operation, inputs: Inputs, shift = 0): Record<string, unknown> {
  const own = /^(Igtimi|Iotaap|Mainflux|Thingsee|Timetonic)/.exec(operation.name)?.[1]?.toUpperCase() ?? 'IOTAAP';
  const vendor = VENDORS[(VENDORS.indexOf(own) + shift) % VENDORS.length]!;
  const variables: Record<string, unknown> = {};
  for (const definition of operation.node.variableDefinitions ?? []) {
    if (inputs === 'required' && definition.type.kind !== Kind.NON_NULL_TYPE) continue;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType;
    variables[definition.variable.name.value] = valueOf(type, vendor, 0, inputs);
  }
  return variables;
}

function valueOf(type: GraphQLInputType, vendor: string, depth: number, inputs: Inputs): unknown {
  if (isNonNullType(type)) return valueOf(type.ofType, vendor, depth, inputs);
  if (isListType(type)) return [valueOf(type.ofType as GraphQLInputType, vendor, depth, inputs)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    if (depth > 3) return {};
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => inputs === 'all' || isNonNullType(field.type))
        .map((field) => [field.name, valueOf(field.type, vendor, depth + 1, inputs)]),
    );
  }
  switch (getNamedType(type).name) {
    case 'ID':
      // Before the stacks start (when the cases are listed), a stand-in that names the vendor.
      return seededIds[vendor] ?? `<${vendor} id>`;
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'DateTimeISO':
      return '2025-01-01T00:00:00.000Z';
    case 'JSONObject':
      return {};
    default:
      return 'differential';
  }
}

/**
 * What must match: status, data and each error's message, path, locations and code. What differs
 * between three simulator sets anyway is masked: instants they stamp from their own clock
 * (within a day of now: "now") and ages measured on it, ids of records created just now (which carry such an instant),
 * their loopback ports, and tokens signed over those instants.
 */
function comparable(answer: Awaited<ReturnType<typeof postRaw>>) {
  return {
    status: answer.status,
    contentType: answer.headers.get('content-type'),
    cacheControl: answer.headers.get('cache-control'),
    data: recentTimesMasked(answer.data),
    errors: (answer.errors ?? []).map((error) => ({ message: recentTimesMasked(error.message), path: error.path, locations: error.locations, code: error.extensions?.code })),
  };
}

const DAY_MS = 24 * 3600 * 1000;

function recentTimesMasked(value: unknown): unknown {
  const now = Date.now();
  const recent = (ms: number) => Math.abs(ms - now) < DAY_MS;
  if (typeof value === 'string') {
    if (/^\d{4}-\d\d-\d\dT/.test(value) && recent(Date.parse(value))) return '<now>';
    // A record created just now (IoTaaP's ObjectIds begin with their second): each stack's clock.
    const globalId = /^[\w-]{24,}$/.test(value) ? /^([A-Z]+:[A-Za-z]+:)([0-9a-f]{24})$/.exec(Buffer.from(value, 'base64url').toString('utf8')) : null;
    if (globalId && recent(parseInt(globalId[2]!.slice(0, 8), 16) * 1000)) return `${globalId[1]}<new ObjectId>`;
    return value
      .replace(/\b1\d{12}\b/g, (digits) => (recent(Number(digits)) ? '<now>' : digits))
      .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
      .replace(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/, '<signed token>');
  }
  if (typeof value === 'number') return value > 1e12 && recent(value) ? '<now>' : value;
  if (Array.isArray(value)) return value.map(recentTimesMasked);
  // The age of what was read (freshness.ageMs) is as much each stack's clock as an instant.
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'ageMs' && typeof v === 'number' ? '<age>' : recentTimesMasked(v)]));
  return value;
}
