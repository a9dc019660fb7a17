import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import WebSocket from 'ws';
import { DevicesDocument, VendorsDocument } from '../generated/graphql';
import { gql } from '../helpers/gql';
import { disposeLeftovers, leaveOver } from '../helpers/leftovers';
import { requireService } from '../helpers/services';
import { startStack } from '../helpers/stack';
import { randomUUID } from 'node:crypto';

afterAll(disposeLeftovers);

describe('callers with JWTs from a JWKS', () => {
  it('accepts a token signed by a key the JWKS publishes, with issuer and audience checked', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
    const jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', () => resolve()));
    leaveOver(() => new Promise((resolve) => jwks.close(resolve)));
    const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
    const stack = await startStack({
      vendors: ['iotaap'],
      env: { GATEWAY_JWKS_URL: url, GATEWAY_JWT_ISSUER: 'https://id.example', GATEWAY_JWT_AUDIENCE: 'tributary', GATEWAY_ALLOW_ANONYMOUS: 'false' },
    });
    const sign = (audience: string) =>
      new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'test-key' }).setIssuer('https://id.example').setAudience(audience).setSubject('dashboard').setExpirationTime('5m').sign(privateKey);
    expect((await gql(stack.url, VendorsDocument, {}, { authorization: `Bearer ${await sign('tributary')}` })).status).toBe(200);
    expect((await gql(stack.url, VendorsDocument, {}, { authorization: `Bearer ${await sign('another-api')}` })).status).toBe(401);
  });
});

describe('per-caller rate limits across instances', () => {
  it('count one caller against one budget in Redis, whichever instance it calls', async () => {
    const redisUrl = await requireService('redis');
    const env = { REDIS_URL: redisUrl, REDIS_PREFIX: `test-${randomUUID()}`, CALLER_POINTS_PER_MINUTE: '20', GATEWAY_API_KEYS: 'shared-key' };
    const a = await startStack({ vendors: ['iotaap'], env });
    const b = await startStack({ vendors: ['iotaap'], env });
    const headers = { 'x-api-key': 'shared-key' };
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await gql(i % 2 ? a.url : b.url, VendorsDocument, {}, headers)).status);
    // 12 calls of 6 points each at most: the shared budget of 20 runs out part-way, on both.
    expect(statuses).toContain(429);
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
  });
});

describe('shutdown and correlation', () => {
  it('closes WebSocket clients with 1001 when the server stops', async () => {
    const stack = await startStack({ vendors: ['iotaap'] });
    const socket = new WebSocket(stack.wsUrl, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve) => socket.on('open', () => resolve()));
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await new Promise<void>((resolve) => socket.once('message', () => resolve()));
    await stack.server.stop();
    expect(await closed).toBe(1001);
  });

  it('carries x-request-id from the caller to the log line and to every vendor call', async () => {
    // A recording proxy in front of the IoTaaP simulator sees what the gateway sends upstream.
    const upstream = await startStack({ vendors: ['iotaap'] });
    const target = new URL(upstream.simulators.urls.iotaap!);
    const seen: Array<string | undefined> = [];
    const proxy = createServer(async (req, res) => {
      seen.push(req.headers['x-request-id'] as string | undefined);
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const answer = await fetch(`${target.origin}${req.url}`, {
        method: req.method,
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json', authorization: req.headers.authorization ?? '' },
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      res.statusCode = answer.status;
      res.setHeader('content-type', answer.headers.get('content-type') ?? 'application/json');
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
    leaveOver(() => new Promise((resolve) => proxy.close(resolve)));
    const stack = await startStack({
      vendors: [],
      env: {
        IOTAAP_BASE_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}${target.pathname}`,
        IOTAAP_EMAIL: 'demo@tributary.local',
        IOTAAP_PASSWORD: 'demo-password',
      },
    });
    const answer = await gql(stack.url, DevicesDocument, { first: 1, filter: { vendors: ['IOTAAP'] } }, { 'x-request-id': 'trace-me-123' });
    expect(answer.errors).toBeUndefined();
    expect(answer.headers.get('x-request-id')).toBe('trace-me-123');
    expect(stack.logs.entries().some((e) => e.msg === 'graphql operation' && e.requestId === 'trace-me-123')).toBe(true);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(new Set(seen)).toEqual(new Set(['trace-me-123']));
  });
});
