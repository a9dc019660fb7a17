import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * The fields an operation selects that came back with no data anywhere in its result: for each
 * selected field (in fragments too), at least one object at that path (across list items) must
 * hold a non-null value, and lists must not all be empty. A fragment whose type never occurs
 * therefore shows up as its fields missing. Returns the paths without data (`devices.edges.node.group`).
 */
export function fieldsWithoutData(document: DocumentNode, operation: OperationDefinitionNode, data: unknown): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const missing: string[] = [];
  check(operation.selectionSet, [data], '', fragments, missing);
  return missing;
}

function check(selectionSet: SelectionSetNode, objects: unknown[], path: string, fragments: Map<string, FragmentDefinitionNode>, missing: string[]): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      check(selection.selectionSet, objects, path, fragments, missing);
    } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(selection.name.value);
      if (fragment) check(fragment.selectionSet, objects, path, fragments, missing);
    } else {
      const key = selection.alias?.value ?? selection.name.value;
      const here = path ? `${path}.${key}` : key;
      const values = objects
        .filter((o): o is Record<string, unknown> => o !== null && typeof o === 'object' && key in o)
        .flatMap((o) => flatten(o[key]))
        .filter((v) => v !== null && v !== undefined);
      if (values.length === 0) missing.push(here);
      else if (selection.selectionSet) check(selection.selectionSet, values, here, fragments, missing);
    }
  }
}

function flatten(value: unknown): unknown[] {
  return Array.isArray(value) ? value.flatMap(flatten) : [value];
}
