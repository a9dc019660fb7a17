import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { TributaryError } from '../core/errors';
import type { Logger } from '../core/logger';
import { withoutSuggestion } from './validation-rules';

/** Codes Apollo and admission set on request-level problems; they are safe to pass on as they are. */
const APOLLO_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'RATE_LIMITED',
  // Admission's refusals (operation-admission.ts, cors.ts), and the caller budget failing
  // closed while Redis is down (caller-rate-limit.ts).
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SERVICE_UNAVAILABLE',
  // An upload over UPLOAD_MAX_FILES or the field limit (multipart-upload.ts).
  'PAYLOAD_TOO_LARGE',
]);

/**
 * Our errors keep their message, code and vendor; Apollo's request errors pass as they are;
 * anything else is a bug: logged with its stack, shown as "Internal server error" unless
 * DEBUG_ERRORS=true.
 */
export function formatError(debug: boolean, logger: Logger, hideSuggestions = false) {
  const format = formatOne(debug, logger);
  if (!hideSuggestions) return format;
  // Every transport's errors pass here: suggestions are cut once, for all of them.
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = format(formatted, error);
    const message = withoutSuggestion(result.message);
    return message === result.message ? result : { ...result, message };
  };
}

function formatOne(debug: boolean, logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = ours(unwrapResolverError(error));
    if (original instanceof TributaryError) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: debug ? formatted.extensions : extensions };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && APOLLO_CODES.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return debug ? formatted : { ...formatted, extensions: { ...extensions, code } };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error');
    if (debug) return formatted;
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/** Our error, wherever it sits in the chain of wrappers (graphql-js located errors, WS, SSE). */
function ours(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof TributaryError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return error;
}
