import { Kind, parse, type ConstDirectiveNode, type DocumentNode } from 'graphql';

/**
 * `@cacheControl(maxAge:)` hints, in seconds, for types whose answers must be fresher than the
 * response cache's default (RESPONSE_CACHE_MAX_AGE). A field without a hint inherits its
 * parent's; root fields start at the default. The response cache reads these from the schema.
 */
export const CACHE_HINTS: Readonly<Record<string, number>> = {
  /** Gateway health as seen now: never cached. */
  VendorStatus: 0,
  /** A caller's links change with its own mutations: never cached. */
  VendorAccount: 0,
  /** Latest values move quickly; a second keeps a busy dashboard from re-asking the vendor. */
  Measurement: 1,
};

/**
 * Apollo's definition without `scope`: answers are always cached per caller, and an unused
 * `CacheControlScope` enum would leak into a composed supergraph.
 */
const CACHE_CONTROL_SDL = `
directive @cacheControl(maxAge: Int, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
`;

/** Adds the directive's definition and the hints of CACHE_HINTS to a schema document. */
export function withCacheHints(document: DocumentNode): DocumentNode {
  const definitions = document.definitions.map((definition) => {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) return definition;
    const maxAge = CACHE_HINTS[definition.name.value];
    if (maxAge === undefined) return definition;
    return { ...definition, directives: [...(definition.directives ?? []), cacheControl(maxAge)] };
  });
  return { ...document, definitions: [...parse(CACHE_CONTROL_SDL).definitions, ...definitions] };
}

function cacheControl(maxAge: number): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: 'cacheControl' },
    arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'maxAge' }, value: { kind: Kind.INT, value: String(maxAge) } }],
  };
}
