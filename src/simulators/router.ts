/**
 * A tiny method + path router for the simulators. Patterns are relative to a simulator's
 * base path (`/groups/:id`); the route key (`"GET /groups/:id"`) is what request counts use.
 */
import { jsonResponse, type SimRequest, type SimResponse } from './request';

// Handler authors need only this module.
export { firstValue, jsonResponse, type SimFile, type SimQuery, type SimRequest, type SimResponse } from './request';

/** A route handler; a throw becomes 500 `{message:"Internal error"}`. */
export type SimHandler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

/** A route that matched a method and path. */
export interface RouteMatch {
  /** `"<METHOD> <pattern>"`, e.g. `"GET /groups/:id"`. */
  key: string;
  params: Record<string, string>;
  /** Runs the handler, turning a throw into 500. */
  run(request: Omit<SimRequest, 'params'>): Promise<SimResponse>;
}

export interface Router {
  /** Adds a route; `pattern` segments starting with `:` capture one non-empty segment. */
  add(method: string, pattern: string, handler: SimHandler): Router;
  /** The best route for `method` and `path`: the one with the most literal segments wins. */
  match(method: string, path: string): RouteMatch | undefined;
}

export interface RouterOptions {
  /** Called with a handler's exception before it is answered as 500 (the body never carries it). */
  onError?: (error: unknown, request: Omit<SimRequest, 'params'>) => void;
}

/** The answer to a request no route matches. */
export const NOT_FOUND: SimResponse = jsonResponse(404, { message: 'Not found' });

/** Creates an empty router. */
export function createRouter(options: RouterOptions = {}): Router {
  const routes: Route[] = [];
  const router: Router = {
    add(method, pattern, handler) {
      const segments = splitPath(pattern);
      if (segments.some((segment) => segment === ':')) {
        throw new Error(`Route pattern '${pattern}' has a ':' segment without a parameter name`);
      }
      const literalCount = segments.filter((segment) => !segment.startsWith(':')).length;
      routes.push({ method: method.toUpperCase(), pattern: `/${segments.join('/')}`, segments, literalCount, handler });
      return router;
    },
    match(method, path) {
      const wanted = method.toUpperCase();
      const parts = splitPath(path);
      let best: { route: Route; params: Record<string, string> } | undefined;
      for (const route of routes) {
        if (route.method !== wanted || (best && best.route.literalCount >= route.literalCount)) continue;
        const params = matchSegments(route.segments, parts);
        if (params) best = { route, params };
      }
      if (!best) return undefined;
      const { route, params } = best;
      return {
        key: `${route.method} ${route.pattern}`,
        params,
        run: async (request) => {
          try {
            return await route.handler({ ...request, params });
          } catch (error) {
            options.onError?.(error, request);
            return jsonResponse(500, { message: 'Internal error' });
          }
        },
      };
    },
  };
  return router;
}

// Private:

interface Route {
  method: string;
  pattern: string;
  segments: string[];
  literalCount: number;
  handler: SimHandler;
}

/** `/groups//x/` → `['groups', 'x']`: empty segments and trailing slashes do not matter. */
function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const expected = pattern[i];
    if (expected.startsWith(':')) params[expected.slice(1)] = decodeSegment(parts[i]);
    else if (expected !== parts[i]) return undefined;
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape (`%zz`) is kept as sent; the handler then rejects it as an unknown id.
    return segment;
  }
}
