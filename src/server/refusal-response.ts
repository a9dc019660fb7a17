import type { GraphQLFormattedError } from 'graphql';
import type { ServerResponse } from 'node:http';
import type { Refusal } from './operation-admission';

export type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** A refusal as an HTTP answer: its status and headers, the errors formatted like any other. */
export function refusalBody(refusal: Refusal, format: FormatError): { status: number; headers: Record<string, string>; body: string } {
  const errors = refusal.errors.map((error) => format(error.toJSON(), error));
  return {
    status: refusal.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...refusal.headers },
    body: JSON.stringify({ errors }),
  };
}

export function sendRefusal(res: ServerResponse, refusal: Refusal, format: FormatError): void {
  const { status, headers, body } = refusalBody(refusal, format);
  res.writeHead(status, headers);
  res.end(body);
}
