// The HTTP contract every route shares (DESIGN §5), through the real middy chain in process: how a
// request is read (content type, size, UTF-8, JSON, unknown fields, query, Idempotency-Key, identity)
// and how every error becomes {"error":{"code","message"}} with the right status — never a stack.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../local/paths';

const ORIGIN = 'https://store-test.mybigcommerce.com';
const sample = JSON.parse(
  readFileSync(join(repoRoot, 'events', 'redeem-post-points-redeem.json'), 'utf8'),
) as APIGatewayProxyEvent;
let route: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
let failing: (error: unknown) => Promise<APIGatewayProxyResult>;

beforeAll(async () => {
  process.env.ALLOWED_ORIGINS = ORIGIN;
  const http = await import('@bc-loyalty/shared/http');
  const { z } = http;
  const body = z.strictObject({ rewardId: z.string() });
  const context = { getRemainingTimeInMillis: () => 5_000 } as Context;
  const handler = http.httpHandler(
    async (event, query) =>
      http.created({
        customer: http.identityOf(event),
        key: http.idempotencyKeyOf(event),
        body: http.bodyOf(event, body),
        query,
      }),
    { query: z.strictObject({ limit: z.optional(z.string()) }) },
  );
  route = (event) => handler(event, context);
  failing = (error) =>
    http.httpHandler(async () => {
      throw error;
    })(request(), context);
});

/** The sample event with headers (lower-case, as the chain normalises them) and parts replaced. */
function request(
  change: Partial<APIGatewayProxyEvent> & { header?: Record<string, string | undefined> } = {},
): APIGatewayProxyEvent {
  const headers: Record<string, string | undefined> = {
    'content-type': 'application/json',
    'idempotency-key': 'key-1',
    origin: ORIGIN,
    ...change.header,
  };
  const defined = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  return {
    ...sample,
    headers: defined,
    multiValueHeaders: Object.fromEntries(Object.entries(defined).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    body: '{"rewardId":"five-off"}',
    isBase64Encoded: false,
    requestContext: { ...sample.requestContext, authorizer: { storeHash: 'teststore', customerId: '7' } },
    ...change,
  };
}

const errorOf = (response: APIGatewayProxyResult) => {
  const parsed = JSON.parse(response.body) as { error: { code: string; message: string } };
  return { status: response.statusCode, code: parsed.error.code, message: parsed.error.message };
};

describe('a well-formed request', () => {
  it('reaches the handler with the identity from the authorizer only', async () => {
    const response = await route(request({ header: { 'content-type': 'application/json; charset=utf-8' } }));
    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body)).toEqual({
      customer: { storeHash: 'teststore', customerId: 7 },
      key: 'key-1',
      body: { rewardId: 'five-off' },
      query: {},
    });
    expect(response.headers).toMatchObject({ 'Access-Control-Allow-Origin': ORIGIN });
  });

  it('accepts a 255-character Idempotency-Key of the allowed characters', async () => {
    expect((await route(request({ header: { 'idempotency-key': `a.b_c:d-${'x'.repeat(247)}` } }))).statusCode).toBe(
      201,
    );
  });
});

describe('a refused request', () => {
  const json = (body: string) => ({ body });
  it.each<[string, Partial<APIGatewayProxyEvent> & { header?: Record<string, string | undefined> }, number, string]>([
    ['no Content-Type', { header: { 'content-type': undefined } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['text/plain', { header: { 'content-type': 'text/plain' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a body over 16 KiB', json(`{"rewardId":"${'x'.repeat(16 * 1024)}"}`), 413, 'PAYLOAD_TOO_LARGE'],
    [
      'a body that is not UTF-8',
      { body: Buffer.from([0x7b, 0xff, 0x7d]).toString('base64'), isBase64Encoded: true },
      400,
      'VALIDATION_ERROR',
    ],
    ['a body that is not JSON', json('{rewardId:'), 400, 'VALIDATION_ERROR'],
    ['an unknown body field', json('{"rewardId":"a","customerId":1}'), 400, 'VALIDATION_ERROR'],
    ['a missing body field', json('{}'), 400, 'VALIDATION_ERROR'],
    ['a body of the wrong type', json('[]'), 400, 'VALIDATION_ERROR'],
    ['no Idempotency-Key', { header: { 'idempotency-key': undefined } }, 400, 'IDEMPOTENCY_KEY_REQUIRED'],
    ['an empty Idempotency-Key', { header: { 'idempotency-key': '' } }, 400, 'IDEMPOTENCY_KEY_REQUIRED'],
    ['an Idempotency-Key with a space', { header: { 'idempotency-key': 'a b' } }, 400, 'VALIDATION_ERROR'],
    ['a 256-character Idempotency-Key', { header: { 'idempotency-key': 'k'.repeat(256) } }, 400, 'VALIDATION_ERROR'],
    [
      'an unknown query parameter (identity never comes from the query)',
      { queryStringParameters: { customerId: '1' }, multiValueQueryStringParameters: { customerId: ['1'] } },
      400,
      'VALIDATION_ERROR',
    ],
    [
      'a repeated query parameter',
      { queryStringParameters: { limit: '2' }, multiValueQueryStringParameters: { limit: ['1', '2'] } },
      400,
      'VALIDATION_ERROR',
    ],
    [
      'no authorizer context (a route deployed without it)',
      { requestContext: { ...sample.requestContext, authorizer: null } },
      401,
      'UNAUTHORIZED',
    ],
    [
      'an authorizer context without a customer',
      { requestContext: { ...sample.requestContext, authorizer: { storeHash: 'teststore', customerId: '0' } } },
      401,
      'UNAUTHORIZED',
    ],
  ])('%s → %i %s', async (_, change, status, code) => {
    const response = await route(request(change));
    expect(errorOf(response)).toMatchObject({ status, code });
    expect(response.headers).toMatchObject({ 'Access-Control-Allow-Origin': ORIGIN });
  });

  it('grants CORS only to the allowed origins', async () => {
    const response = await route(request({ header: { origin: 'https://evil.example' } }));
    expect(response.headers?.['Access-Control-Allow-Origin']).not.toBe('https://evil.example');
  });
});

describe('errors from the domain and below', () => {
  it.each([
    ['InsufficientPoints', 409, 'INSUFFICIENT_POINTS'],
    ['IdempotencyKeyReused', 422, 'IDEMPOTENCY_KEY_REUSED'],
    ['ConcurrentUpdate', 409, 'CONCURRENT_UPDATE'],
    ['RewardNotFound', 404, 'REWARD_NOT_FOUND'],
    ['ValidationError', 400, 'VALIDATION_ERROR'],
  ])('%s → %i %s', async (name, status, code) => {
    const errors = (await import('@bc-loyalty/shared/errors')) as unknown as Record<
      string,
      new (
        ...args: unknown[]
      ) => Error
    >;
    const ErrorClass = errors[name]!;
    const response = await failing(new ErrorClass(400, 500));
    expect(errorOf(response)).toMatchObject({ status, code });
  });

  const named = (name: string, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error('x'), { name, ...extra });
  it.each([
    ['DynamoDB throttling', named('ThrottlingException')],
    ['provisioned throughput exceeded', named('ProvisionedThroughputExceededException')],
    ['a refused connection', named('Error', { code: 'ECONNREFUSED' })],
    ['a timeout wrapped as a cause', new Error('outer', { cause: named('TimeoutError') })],
  ])('%s → 503 with Retry-After', async (_, error) => {
    const response = await failing(error);
    expect(errorOf(response)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(response.headers).toMatchObject({ 'Retry-After': '1' });
  });

  it.each([401, 403, 404, 422])(
    'BigCommerce refusing a call for good (HTTP %i) → 502 BIGCOMMERCE_REFUSED naming it, never a 500',
    async (status) => {
      const { BigCommerceError } = await import('@bc-loyalty/shared/bigcommerce');
      const response = await failing(new BigCommerceError('createPromotion', status, 'refused by the store', false));
      expect(errorOf(response)).toEqual({
        status: 502,
        code: 'BIGCOMMERCE_REFUSED',
        message: `BigCommerce createPromotion failed (HTTP ${status}): refused by the store`,
      });
    },
  );

  it('BigCommerce down after the client retried (5xx, 429, timeouts) → 503 with Retry-After', async () => {
    const { BigCommerceError } = await import('@bc-loyalty/shared/bigcommerce');
    const response = await failing(new BigCommerceError('listCustomers', 503, 'Service Unavailable', true));
    expect(errorOf(response)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  });

  it('anything else → 500 with a generic message, no stack, no detail', async () => {
    const response = await failing(new TypeError('cannot read properties of undefined (reading "secret")'));
    expect(errorOf(response)).toEqual({
      status: 500,
      code: 'INTERNAL_ERROR',
      message: 'Something went wrong on our side.',
    });
    expect(response.body).not.toMatch(/secret|at |TypeError/);
  });
});
