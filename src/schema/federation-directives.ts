import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type InterfaceTypeDefinitionNode,
  type ObjectTypeDefinitionNode,
  type TypeNode,
} from 'graphql';

export const FEDERATION_VERSION = 'https://specs.apollo.dev/federation/v2.7';

/** The interface every vendor record implements; it and the interfaces below it are keyed. */
const RECORD_INTERFACE = 'VendorRecord';

/** The key of every entity: the global id, the same for a record and its unified interface. */
const KEY_FIELD = 'id';

/** Value types another subgraph may define too (Relay plumbing, data points, positions). */
const SHAREABLE_TYPES = /^(PageInfo|Measurement|GeoPoint|.+Connection|.+Edge)$/;

const BUILT_IN_SCALARS = new Set(['ID', 'String', 'Int', 'Float', 'Boolean']);

type TypeDefinition = ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode;

/** Object types that are entities: every vendor implementation of `VendorRecord`. */
export function entityTypeNames(document: DocumentNode): string[] {
  return document.definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && isRecord(d)).map((d) => d.name.value);
}

/**
 * Entity interfaces (Federation 2.3+): `VendorRecord` and the unified interfaces below it
 * (`Device`, `Group`, …). Every implementation of each is an entity with the same key, so
 * another subgraph can extend all of them at once with `@interfaceObject`. `Node` stays a
 * plain interface: some of its implementations (`IgtimiUser`) cannot be loaded by id.
 */
export function entityInterfaceNames(document: DocumentNode): string[] {
  return document.definitions
    .filter((d): d is InterfaceTypeDefinitionNode => d.kind === Kind.INTERFACE_TYPE_DEFINITION && (d.name.value === RECORD_INTERFACE || isRecord(d)))
    .map((d) => d.name.value);
}

/**
 * Adds the Federation 2 directives to the printed type-graphql schema:
 * - `@key(fields: "id")` on every entity type and entity interface;
 * - `@shareable` on the value types of SHAREABLE_TYPES, and on every leaf field without
 *   arguments of an entity type (`name`, `vendor`, …), which another subgraph may then
 *   `@provides` (a provided field is resolved by two subgraphs, so both must allow sharing).
 */
export function withFederationDirectives(document: DocumentNode): DocumentNode {
  const keyed = new Set([...entityTypeNames(document), ...entityInterfaceNames(document)]);
  const leafTypes = leafTypeNames(document);
  const definitions = document.definitions.map((definition): DefinitionNode => {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) return definition;
    const name = definition.name.value;
    if (keyed.has(name)) return withKey(definition, leafTypes);
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION && SHAREABLE_TYPES.test(name)) return withDirective(definition, directive('shareable'));
    return definition;
  });
  const link = parse(`extend schema @link(url: "${FEDERATION_VERSION}", import: ["@key", "@shareable", "@inaccessible", "@tag"])`);
  return { ...document, definitions: [...link.definitions, ...definitions] };
}

function withKey(definition: TypeDefinition, leafTypes: ReadonlySet<string>): TypeDefinition {
  const keyed = withDirective(definition, keyDirective());
  // `@shareable` belongs on object fields only; an interface's fields follow its implementations.
  if (keyed.kind !== Kind.OBJECT_TYPE_DEFINITION) return keyed;
  const fields = keyed.fields?.map((field) => (isShareableLeaf(field, leafTypes) ? { ...field, directives: [...(field.directives ?? []), directive('shareable')] } : field));
  return { ...keyed, fields };
}

function isShareableLeaf(field: FieldDefinitionNode, leafTypes: ReadonlySet<string>): boolean {
  return field.name.value !== KEY_FIELD && !field.arguments?.length && leafTypes.has(namedType(field.type));
}

function isRecord(definition: TypeDefinition): boolean {
  return definition.interfaces?.some((i) => i.name.value === RECORD_INTERFACE) ?? false;
}

/** Scalars (built in and custom) and enums: the fields a `@provides` selection can name alone. */
function leafTypeNames(document: DocumentNode): Set<string> {
  const names = new Set(BUILT_IN_SCALARS);
  for (const d of document.definitions) if (d.kind === Kind.SCALAR_TYPE_DEFINITION || d.kind === Kind.ENUM_TYPE_DEFINITION) names.add(d.name.value);
  return names;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function withDirective<T extends TypeDefinition>(definition: T, added: ConstDirectiveNode): T {
  return { ...definition, directives: [...(definition.directives ?? []), added] };
}

function keyDirective(): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: 'key' },
    arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'fields' }, value: { kind: Kind.STRING, value: KEY_FIELD } }],
  };
}

function directive(name: string): ConstDirectiveNode {
  return { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: name } };
}
