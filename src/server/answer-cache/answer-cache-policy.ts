import {
  Kind,
  getNamedType,
  isAbstractType,
  isCompositeType,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * How long an operation's answer may be served from the answer cache, in seconds (0: not at
 * all), read from the schema's `@cacheControl(maxAge:)` hints without running anything: every
 * selected field is bound by its own hint, else its type's (for interfaces and unions also every
 * possible type's), else — root fields only — by `defaultMaxAge`; other fields inherit. Only
 * queries are cacheable. Remembered per parsed document (Apollo reuses the DocumentNode of a
 * repeated query text).
 */
export function operationMaxAge(schema: GraphQLSchema, document: DocumentNode, operationName: string | null, defaultMaxAge: number): number {
  let byName = computed.get(document);
  if (!byName) computed.set(document, (byName = new Map()));
  const key = `${defaultMaxAge}|${operationName ?? ''}`;
  let maxAge = byName.get(key);
  if (maxAge === undefined) {
    maxAge = compute(schema, document, operationName, defaultMaxAge);
    byName.set(key, maxAge);
  }
  return maxAge;
}

const computed = new WeakMap<DocumentNode, Map<string, number>>();

function compute(schema: GraphQLSchema, document: DocumentNode, operationName: string | null, defaultMaxAge: number): number {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  const root = schema.getQueryType();
  if (!operation || operation.operation !== 'query' || !root) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  let maxAge = defaultMaxAge;
  const visit = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, isRoot: boolean): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) visit(selection.selectionSet, type, isRoot);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && type && isCompositeType(type)) visit(fragment.selectionSet, type, isRoot);
        continue;
      }
      if (selection.name.value === '__typename' || !('getFields' in parent)) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field) continue;
      const type = getNamedType(field.type);
      const hint = hintOf(field.astNode?.directives) ?? typeHint(schema, type) ?? (isRoot ? defaultMaxAge : undefined);
      if (hint !== undefined) maxAge = Math.min(maxAge, hint);
      if (selection.selectionSet && isCompositeType(type)) visit(selection.selectionSet, type, false);
    }
  };
  visit(operation.selectionSet, root, true);
  return Math.max(0, maxAge);
}

function typeHint(schema: GraphQLSchema, type: GraphQLNamedType): number | undefined {
  const own = hintOf(type.astNode?.directives);
  if (!isAbstractType(type)) return own;
  const hints = [own, ...schema.getPossibleTypes(type).map((t) => hintOf(t.astNode?.directives))].filter((h): h is number => h !== undefined);
  return hints.length ? Math.min(...hints) : undefined;
}

function hintOf(directives: readonly DirectiveNode[] | undefined): number | undefined {
  const directive = directives?.find((d) => d.name.value === 'cacheControl');
  const argument = directive?.arguments?.find((a) => a.name.value === 'maxAge');
  return argument?.value.kind === Kind.INT ? Number(argument.value.value) : undefined;
}
