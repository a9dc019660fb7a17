import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { SelectedAhead } from '../../vendors/adapter';

/**
 * What the operation selects on the items of the connection being resolved (`edges { node }`),
 * per concrete type: a vendor's list read may start the read a selected field will
 * need alongside its own instead of after it (one round trip instead of two). Fragments, type
 * conditions on the type or on an interface it implements, and `@skip`/`@include` are followed,
 * so a field counts only when the operation would resolve it.
 */
export function itemSelection(info: GraphQLResolveInfo): SelectedAhead {
  const byType = new Map<string, ReadonlyMap<string, boolean>>();
  return (typename, field, withoutArguments = false) => {
    let fields = byType.get(typename);
    if (!fields) byType.set(typename, (fields = fieldsOnItems(info, typename)));
    const plain = fields.get(field);
    return plain === undefined ? false : plain || !withoutArguments;
  };
}

/** The fields resolved on items of `typename`, each with whether one of its selections passes no argument values. */
function fieldsOnItems(info: GraphQLResolveInfo, typename: string): ReadonlyMap<string, boolean> {
  const fields = new Map<string, boolean>();
  const items: SelectionSetNode[] = [];
  for (const connection of info.fieldNodes) {
    for (const field of selectedFields(info, connection.selectionSet, null)) {
      if (field.name.value !== 'edges') continue;
      for (const edgeField of selectedFields(info, field.selectionSet, null)) {
        if (edgeField.name.value === 'node' && edgeField.selectionSet) items.push(edgeField.selectionSet);
      }
    }
  }
  for (const set of items) {
    for (const field of selectedFields(info, set, typename)) {
      const name = field.name.value;
      fields.set(name, fields.get(name) === true || !passesArguments(info, field));
    }
  }
  return fields;
}

/**
 * The fields a selection set resolves on an object of `typename` (null: on whatever the set
 * is on, type conditions ignored), with fragments spread and skipped fields left out.
 */
function* selectedFields(info: GraphQLResolveInfo, set: SelectionSetNode | undefined, typename: string | null): Generator<FieldNode> {
  for (const selection of set?.selections ?? []) {
    if (!included(info, selection)) continue;
    if (selection.kind === 'Field') yield selection;
    else if (selection.kind === 'InlineFragment') {
      if (applies(info, selection.typeCondition?.name.value, typename)) yield* selectedFields(info, selection.selectionSet, typename);
    } else {
      const fragment = info.fragments[selection.name.value];
      if (fragment && applies(info, fragment.typeCondition.name.value, typename)) yield* selectedFields(info, fragment.selectionSet, typename);
    }
  }
}

/** Whether a field is given an argument value: a literal other than null, or a variable set to one. */
function passesArguments(info: GraphQLResolveInfo, field: FieldNode): boolean {
  return (field.arguments ?? []).some(({ value }) => {
    if (value.kind === Kind.NULL) return false;
    return value.kind !== Kind.VARIABLE || info.variableValues[value.name.value] != null;
  });
}

function included(info: GraphQLResolveInfo, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;
}

/** Whether a fragment on `condition` applies to an object of `typename`. */
function applies(info: GraphQLResolveInfo, condition: string | undefined, typename: string | null): boolean {
  if (condition === undefined || typename === null || condition === typename) return true;
  const abstract = info.schema.getType(condition);
  const object = info.schema.getType(typename);
  return abstract !== undefined && isAbstractType(abstract) && isObjectType(object) && info.schema.isSubType(abstract, object);
}
