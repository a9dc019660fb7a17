/**
 * `/dashboard`: the live dashboard's built assets (web/dashboard → dist/web/dashboard) and, in
 * the demo only, its outage switch for the embedded simulators.
 *
 * The switch is a gateway route, not a GraphQL mutation: it drives the simulators, not a
 * vendor, so it is no part of the API's contract. A mutation would sit in the emitted schema,
 * the supergraph and every client's codegen in production too, only to answer FORBIDDEN there;
 * the route exists only in a process that started simulators.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { VENDORS, type Vendor } from '../core/vendor';
import { sendError } from './graphql-handler';
import { sendJson } from './health';
import { readBody } from './read-body';
import { serveStatic, webBundleRoot } from './static-assets';

export const DASHBOARD_PATH = '/dashboard';
const OUTAGES_PATH = `${DASHBOARD_PATH}/demo/outages`;

/** Takes an embedded simulator down (every call answers 503) and back up. */
export interface DemoOutageControl {
  /** Vendors the gateway talks to through an embedded simulator. */
  readonly vendors: readonly Vendor[];
  isDown(vendor: Vendor): boolean;
  setDown(vendor: Vendor, down: boolean): void;
}

export interface DashboardOptions {
  /** Built assets. @default dist/web/dashboard of this checkout */
  root?: string;
  /** Present only in the demo. */
  outages?: DemoOutageControl | null;
  /** The server's caller check: false when it has answered 401. */
  authenticate(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

/** A handler for every path under `/dashboard`. */
export function createDashboard(options: DashboardOptions) {
  const root = options.root ?? webBundleRoot('dashboard');
  const assets = serveStatic(root, DASHBOARD_PATH, { single: true });
  const outages = options.outages ?? null;

  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    if (pathname === OUTAGES_PATH || pathname.startsWith(`${OUTAGES_PATH}/`)) {
      if (!outages) return sendError(res, 404, 'NOT_FOUND', 'Simulator outages exist only in the demo');
      if (!(await options.authenticate(req, res))) return;
      return outage(req, res, outages, pathname.slice(OUTAGES_PATH.length + 1));
    }
    if (!assets.built) {
      return sendError(res, 404, 'NOT_FOUND', 'The dashboard is not built: run `npm run build` (or `npm run build:dashboard`)');
    }
    assets.serve(req, res, pathname);
  };
}


/** `GET …/outages` lists the switchable vendors; `PUT …/outages/<VENDOR>` with `{"down":bool}` flips one. */
async function outage(req: IncomingMessage, res: ServerResponse, control: DemoOutageControl, vendorPart: string): Promise<void> {
  if (vendorPart === '') {
    if (req.method !== 'GET') return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'Use GET to list outages');
    return sendJson(res, 200, { vendors: control.vendors.map((vendor) => ({ vendor, down: control.isDown(vendor) })) });
  }
  const vendor = VENDORS.find((name) => name === vendorPart);
  if (!vendor || !control.vendors.includes(vendor)) {
    return sendError(res, 404, 'NOT_FOUND', `No embedded simulator for vendor '${vendorPart}'; use one of ${control.vendors.join(', ')}`);
  }
  if (req.method !== 'PUT') return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'Use PUT with {"down": true|false}');
  // A JSON content type cannot be sent cross-origin without a CORS preflight, which we never grant here.
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return sendError(res, 415, 'BAD_REQUEST', 'The body must be application/json: {"down": true|false}');
  }
  let down: unknown;
  try {
    down = (JSON.parse(await readBody(req, 1024)) as { down?: unknown }).down;
  } catch {
    down = undefined;
  }
  if (typeof down !== 'boolean') return sendError(res, 400, 'BAD_USER_INPUT', 'The body must be {"down": true|false}');
  control.setDown(vendor, down);
  sendJson(res, 200, { vendor, down });
}
