import { Kind, OperationTypeNode, getOperationAST, type DocumentNode, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { SUBSCRIPTION_REPLAYS } from '../schema/subscription-replays';

const decided = new WeakMap<DocumentNode, Map<string, boolean>>();

/**
 * Whether identical subscribers of this operation may share one execution
 * (shared-subscriptions.ts): subscriptions only, and only when no root field is asked for a
 * replay (schema/subscription-replays.ts). Queries and mutations never share. Remembered per
 * parsed document and operation name.
 */
export function shareable(document: DocumentNode, operationName?: string | null): boolean {
  let byName = decided.get(document);
  if (!byName) decided.set(document, (byName = new Map()));
  const key = operationName ?? '';
  let answer = byName.get(key);
  if (answer === undefined) {
    const operation = getOperationAST(document, operationName);
    answer = operation?.operation === OperationTypeNode.SUBSCRIPTION && !asksForReplay(document, operation);
    byName.set(key, answer);
  }
  return answer;
}

/** True when a root field of `operation` is given an argument that asks for its history. */
export function asksForReplay(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  return rootFields(document, operation.selectionSet, new Set()).some((field) => {
    const replayArguments = SUBSCRIPTION_REPLAYS[field.name.value];
    return replayArguments !== undefined && (field.arguments ?? []).some((argument) => replayArguments.includes(argument.name.value));
  });
}

/** The root fields, through fragments (each spread visited once). */
function rootFields(document: DocumentNode, selectionSet: SelectionSetNode, spread: Set<string>): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(document, selection.selectionSet, spread);
    if (spread.has(selection.name.value)) return [];
    spread.add(selection.name.value);
    const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
    return fragment?.kind === Kind.FRAGMENT_DEFINITION ? rootFields(document, fragment.selectionSet, spread) : [];
  });
}
