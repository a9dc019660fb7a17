import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { VendorsDocument } from '../generated/graphql';
import { assertSafeToServe, ConfigError, loadConfig } from '../../src/config';
import { errorCodes, gql } from '../helpers/gql';
import { disposeLeftovers } from '../helpers/leftovers';
import { startStack, type Stack } from '../helpers/stack';
import { wsClient } from '../helpers/subscribe';

const SECRET = 'test-jwt-secret-that-is-long-enough';
const hashed = createHash('sha256').update('second-key').digest('hex');

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    vendors: ['iotaap'],
    env: { GATEWAY_API_KEYS: `first-key,sha256:${hashed}`, GATEWAY_JWT_SECRET: SECRET, GATEWAY_ALLOW_ANONYMOUS: 'false' },
  });
});
afterAll(disposeLeftovers);

function jwt(expiresIn: string) {
  return new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('dashboard-app').setIssuedAt().setExpirationTime(expiresIn).sign(new TextEncoder().encode(SECRET));
}

describe('gateway callers over HTTP', () => {
  it('refuses a call without credentials with 401 UNAUTHENTICATED', async () => {
    const answer = await gql(stack.url, VendorsDocument);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(errorCodes(answer)).toEqual(['UNAUTHENTICATED']);
  });

  it('accepts configured API keys, given plain or as sha256 digests, and refuses others', async () => {
    expect((await gql(stack.url, VendorsDocument, {}, { 'x-api-key': 'first-key' })).status).toBe(200);
    expect((await gql(stack.url, VendorsDocument, {}, { 'x-api-key': 'second-key' })).status).toBe(200);
    const wrong = await gql(stack.url, VendorsDocument, {}, { 'x-api-key': 'third-key' });
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong)).not.toContain('third-key');
  });

  it('accepts a valid JWT and refuses an expired or forged one', async () => {
    expect((await gql(stack.url, VendorsDocument, {}, { authorization: `Bearer ${await jwt('5m')}` })).status).toBe(200);
    const expired = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(new TextEncoder().encode(SECRET));
    expect((await gql(stack.url, VendorsDocument, {}, { authorization: `Bearer ${expired}` })).status).toBe(401);
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(new TextEncoder().encode('another-secret-entirely-here'));
    expect((await gql(stack.url, VendorsDocument, {}, { authorization: `Bearer ${forged}` })).status).toBe(401);
  });

  it('logs the caller id, never the key', async () => {
    await gql(stack.url, VendorsDocument, {}, { 'x-api-key': 'first-key' });
    const line = stack.logs.entries().reverse().find((e) => e.msg === 'graphql operation')!;
    expect(line.caller).toMatch(/^key:[0-9a-f]{12}$/);
    expect(stack.logs.text).not.toContain('first-key');
  });

  it('keeps /healthz, /readyz and the Sandbox page open', async () => {
    expect((await fetch(`${stack.origin}/healthz`)).status).toBe(200);
    expect((await fetch(`${stack.origin}/readyz`)).status).toBe(200);
    expect((await fetch(stack.url, { headers: { accept: 'text/html' } })).status).toBe(200);
  });
});

describe('gateway callers over graphql-ws', () => {
  it('closes an unauthenticated connection with 4403', async () => {
    const socket = new WebSocket(stack.wsUrl, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: {} })));
    expect(await closed).toBe(4403);
  });

  it('serves a connection that brings its key in connectionParams', async () => {
    const client = wsClient(stack.wsUrl, { 'x-api-key': 'first-key' });
    const result = await new Promise<unknown>((resolve, reject) => {
      client.subscribe({ query: '{ vendors { vendor } }' }, { next: resolve, error: reject, complete: () => undefined });
    });
    expect(result).toMatchObject({ data: { vendors: expect.any(Array) } });
  });
});

describe('refusing to serve open', () => {
  it('refuses production without caller auth unless told explicitly', () => {
    expect(() => assertSafeToServe(loadConfig({ NODE_ENV: 'production' }))).toThrow(ConfigError);
    const env = { NODE_ENV: 'production', GATEWAY_ALLOW_ANONYMOUS: 'true' };
    expect(() => assertSafeToServe(loadConfig(env))).not.toThrow();
    const keyed = { NODE_ENV: 'production', GATEWAY_API_KEYS: 'k' };
    expect(() => assertSafeToServe(loadConfig(keyed))).not.toThrow();
  });

  it('refuses to bind a non-loopback address open', () => {
    const env = { HOST: '0.0.0.0' };
    expect(() => assertSafeToServe(loadConfig(env))).toThrow(/Refusing to serve anonymous callers on 0.0.0.0/);
    expect(() => assertSafeToServe(loadConfig({}))).not.toThrow();
  });
});
