import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

export interface GraphQLAnswer<TData> {
  status: number;
  data?: TData | null;
  errors?: Array<{ message: string; path?: Array<string | number>; locations?: Array<{ line: number; column: number }>; extensions?: Record<string, unknown> }>;
  extensions?: { sources?: Record<string, { status: string; latencyMs: number; cache: string; staleAgeMs?: number; calls: number; attempts: number; fetchedAt?: number }> } & Record<string, unknown>;
  headers: Headers;
}

/** Posts a typed operation over real HTTP and returns the typed answer. */
export async function gql<TData, TVars>(
  url: string,
  document: TypedDocumentNode<TData, TVars>,
  variables?: TVars,
  headers: Record<string, string> = {},
): Promise<GraphQLAnswer<TData>> {
  return postRaw<TData>(url, JSON.stringify({ query: print(document), variables }), headers);
}

/** Posts any body as is (for malformed input tests). */
export async function postRaw<TData = unknown>(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<GraphQLAnswer<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body,
  });
  const json = (await response.json()) as Omit<GraphQLAnswer<TData>, 'status' | 'headers'>;
  return { status: response.status, headers: response.headers, ...json };
}

/** The codes of an answer's errors, for assertions. */
export function errorCodes(answer: { errors?: Array<{ extensions?: Record<string, unknown> }> }): unknown[] {
  return (answer.errors ?? []).map((e) => e.extensions?.code);
}
