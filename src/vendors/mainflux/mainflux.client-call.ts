import type { z } from 'zod';
import { VendorNotConfiguredError } from '../../core/errors';
import type { VendorCalls, VendorRequest, VendorResponse } from '../http';
import { withToken, type TokenProvider } from '../token-provider';
import { parseWire } from '../validate';
import { mainfluxAuthHeader } from './mainflux.auth';

export type MainfluxRequest = Omit<VendorRequest, 'operation' | 'headers'> & { contentType?: string };

/**
 * The one way the Mainflux clients send: as the user (Bearer, renewed once on 401), as a
 * thing (`Thing <key>`) or without credentials (the identify endpoints), answers validated.
 */
export class MainfluxCaller {
  constructor(
    private readonly http: VendorCalls,
    private readonly tokens: TokenProvider | null,
  ) {}

  /** As the user; validates the JSON answer with `schema`. */
  async user<S extends z.ZodType>(operation: string, schema: S, request: MainfluxRequest): Promise<z.infer<S>> {
    const response = await this.userRaw(operation, request);
    return parseWire('MAINFLUX', operation, schema, response.json);
  }

  /** As the user; the raw answer, for the 201s that carry only a `Location` header. */
  userRaw(operation: string, request: MainfluxRequest): Promise<VendorResponse> {
    if (!this.tokens) throw new VendorNotConfiguredError('MAINFLUX');
    return withToken(this.tokens, (token) => this.http.request({ ...request, operation, headers: mainfluxAuthHeader({ token }) }), this.http);
  }

  /** As a thing, with its key. */
  async thing<S extends z.ZodType>(operation: string, thingKey: string, schema: S, request: MainfluxRequest): Promise<z.infer<S>> {
    const { contentType, ...rest } = request;
    const headers = { ...mainfluxAuthHeader({ thingKey }), ...(contentType ? { 'content-type': contentType } : {}) };
    const response = await this.http.request({ ...rest, operation, headers });
    return parseWire('MAINFLUX', operation, schema, response.json);
  }

  /** Without credentials (identify, access checks: the key or id is in the body). */
  async anonymous<S extends z.ZodType>(operation: string, schema: S, request: MainfluxRequest): Promise<z.infer<S>> {
    const response = await this.http.request({ ...request, operation });
    return parseWire('MAINFLUX', operation, schema, response.json);
  }
}

/** The id at the end of a `Location: /things/<id>` header of a 201. */
export function locationId(response: VendorResponse): string | null {
  const header = response.headers.location;
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split('/').filter(Boolean).at(-1) ?? null;
}
