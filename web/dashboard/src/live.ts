import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { useEffect, useRef } from 'react';

/**
 * Runs a subscription while `variables` is non-null and hands each event to `onEvent`, outside
 * React's state: the caller batches renders (see `useFrameRender`). Events skip the cache
 * (`no-cache`): live points have no identity worth normalising and would only churn it.
 */
export function useLive<TData, TVariables extends OperationVariables>(
  query: TypedDocumentNode<TData, TVariables>,
  variables: TVariables | null,
  onEvent: (data: TData) => void,
): void {
  const client = useApolloClient();
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = variables === null ? null : JSON.stringify(variables);
  useEffect(() => {
    if (key === null) return;
    const subscription = client
      .subscribe({ query, variables: JSON.parse(key) as TVariables, fetchPolicy: 'no-cache' })
      .subscribe({
        next: (result) => {
          if (result.data) handler.current(result.data as TData);
        },
        // A failed subscription leaves the panel on its last data; the vendor badge says why.
        error: () => undefined,
      });
    return () => subscription.unsubscribe();
  }, [client, query, key]);
}
