// The local API Gateway stand-in behaves as API Gateway does for what we rely on: the authorizer
// result cache, IAM policy decisions (401 vs 403), gateway responses and failures.
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiModel } from '../local/api-model';
import { LocalApi } from '../local/api-gateway';
import { FunctionError } from '../local/execution-environment';
import type { LocalFunction } from '../local/lambda-runtime';
import { portOf } from '../local/ports';

const policy = (Effect: string, Resource: string | string[]) => ({
  Version: '2012-10-17',
  Statement: [{ Effect, Action: 'execute-api:Invoke', Resource }],
});

describe('LocalApi', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

  const model: ApiModel = {
    stage: 'v1',
    streamConsumers: [],
    functions: {},
    routes: [
      { method: 'GET', path: '/points', functionId: 'Fn', authorizer: 'Auth' },
      { method: 'GET', path: '/boom', functionId: 'Boom', authorizer: 'Auth' },
    ],
    authorizers: {
      Auth: {
        name: 'Auth',
        functionId: 'Authorizer',
        header: 'Authorization',
        validationExpression: /^Bearer \w+$/,
        ttlSeconds: 300,
      },
    },
    gatewayResponseHeaders: {
      DEFAULT_4XX: { 'Access-Control-Allow-Origin': 'method.request.header.origin', Vary: "'Origin'" },
    },
  };

  async function start(decide: (token: string) => unknown) {
    const calls = { authorizer: 0, fn: 0, lastEvent: undefined as unknown };
    const fake = (invoke: (event: unknown) => Promise<unknown>) => ({ invoke }) as unknown as LocalFunction;
    const functions = {
      Authorizer: fake(async (event) => {
        calls.authorizer++;
        return decide((event as { authorizationToken: string }).authorizationToken);
      }),
      Fn: fake(async (event) => {
        calls.fn++;
        calls.lastEvent = event;
        return { statusCode: 200, headers: {}, body: '{}' };
      }),
      Boom: fake(async () => {
        throw new FunctionError('TypeError', 'x is undefined');
      }),
    };
    server = await new LocalApi({ model, functions }).listen(0);
    const url = `http://127.0.0.1:${portOf(server)}`;
    return { calls, get: (path: string, headers: Record<string, string> = {}) => fetch(`${url}${path}`, { headers }) };
  }

  const allow = (token: string) => ({
    principalId: token,
    policyDocument: policy('Allow', 'arn:aws:execute-api:us-east-1:123456789012:local/v1/*'),
    context: { customerId: 5, storeHash: 's' },
  });

  it('caches the authorizer decision per token for ReauthorizeEvery', async () => {
    const { calls, get } = await start(allow);
    for (let i = 0; i < 3; i++) expect((await get('/points', { Authorization: 'Bearer one' })).status).toBe(200);
    await get('/points', { Authorization: 'Bearer two' });
    expect(calls).toMatchObject({ authorizer: 2, fn: 4 });
  });

  it('passes the authorizer context to the function as strings, with the principal', async () => {
    const { calls, get } = await start(allow);
    await get('/points?x=1', { Authorization: 'Bearer one' });
    expect(calls.lastEvent).toMatchObject({
      httpMethod: 'GET',
      resource: '/points',
      queryStringParameters: { x: '1' },
      requestContext: { stage: 'v1', authorizer: { principalId: 'Bearer one', customerId: '5', storeHash: 's' } },
    });
  });

  it('answers 401 without calling the authorizer when the header fails the validation expression', async () => {
    const { calls, get } = await start(allow);
    const response = await get('/points', { Authorization: 'Basic abc', Origin: 'https://shop.example' });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(calls.authorizer).toBe(0);
  });

  it('answers 403 for an explicit Deny and for a policy that does not cover the route', async () => {
    const deny = await start(() => ({ principalId: 'p', policyDocument: policy('Deny', '*') }));
    expect((await deny.get('/points', { Authorization: 'Bearer t' })).status).toBe(403);
    server?.close();
    const narrow = await start(() => ({
      principalId: 'p',
      policyDocument: policy('Allow', 'arn:aws:execute-api:*:*:*/v1/POST/*'),
    }));
    const response = await narrow.get('/points', { Authorization: 'Bearer t' });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ Message: 'User is not authorized to access this resource' });
  });

  it('answers 500 when the authorizer fails otherwise than Unauthorized, and 502 when the function throws', async () => {
    const broken = await start(() => {
      throw new FunctionError('Error', 'secret not found');
    });
    expect((await broken.get('/points', { Authorization: 'Bearer t' })).status).toBe(500);
    server?.close();
    const ok = await start(allow);
    const response = await ok.get('/boom', { Authorization: 'Bearer t' });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ message: 'Internal server error' });
  });
});
