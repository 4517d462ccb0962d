// Property-based fuzzing of every HTTP handler with random headers, query strings and bodies:
// the answer is always a documented status with the error shape, never a 5xx.
import fc from 'fast-check';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { putTestReward, setAppEnvironment, TEST_STORE, testTable, useTestTable } from '../support/environment';

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
const handlers: Record<string, Handler> = {};

beforeAll(async () => {
  const table = testTable(await useTestTable());
  setAppEnvironment(
    { stores: TEST_STORE, accessToken: 'fuzz-access-token' },
    {
      BC_WEBHOOK_SECRET: 'fuzz-webhook-secret-0123456789',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      ALLOWED_ORIGINS: 'https://shop.example',
    },
  );
  await putTestReward(table, 1);
  for (const name of ['balance', 'history', 'redeem', 'rewards', 'redemptions', 'order-webhook', 'preflight']) {
    handlers[name] = ((await import(`../../functions/${name}/index.ts`)) as { handler: Handler }).handler;
  }
});

/** One of the values the handlers know, or any string up to `maxLength`. */
const knownOr = (maxLength: number, ...known: string[]) =>
  fc.oneof(fc.constantFrom(...known), fc.string({ maxLength }));
const header = knownOr(
  20,
  'Content-Type',
  'content-type',
  'Idempotency-Key',
  'X-Customer-Id',
  'Origin',
  'X-Webhook-Secret',
  'Authorization',
);
const value = knownOr(
  300,
  'application/json',
  'text/plain',
  'application/json; charset=utf-8',
  'k-1',
  'https://shop.example',
  'fuzz-webhook-secret-0123456789',
);
const body = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 500 }),
  fc.json({ maxDepth: 3 }),
  fc
    .record({ points: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)) })
    .map((o) => JSON.stringify(o)),
  fc
    .record({ rewardId: fc.oneof(fc.constantFrom('cost-1', 'five-off'), fc.string({ maxLength: 70 }), fc.integer()) })
    .map((o) => JSON.stringify(o)),
  fc.string({ minLength: 17_000, maxLength: 17_100 }),
);
const query = fc.option(
  fc.dictionary(
    fc.oneof(fc.constantFrom('limit', 'cursor', 'customerId'), fc.string({ maxLength: 10 })),
    fc.string({ maxLength: 40 }),
    { maxKeys: 3 },
  ),
  { nil: null },
);

const event = fc
  .record({
    headers: fc.dictionary(header, value, { maxKeys: 6 }),
    body,
    query,
    base64: fc.boolean(),
    customerId: fc.oneof(fc.constant('7'), fc.constant('0'), fc.constant('-1'), fc.constant('x'), fc.nat().map(String)),
  })
  .map(
    ({ headers, body: raw, query: q, base64, customerId }) =>
      ({
        resource: '/',
        path: '/',
        httpMethod: 'POST',
        headers,
        multiValueHeaders: {},
        queryStringParameters: q,
        multiValueQueryStringParameters: q ? Object.fromEntries(Object.entries(q).map(([k, v]) => [k, [v]])) : null,
        pathParameters: null,
        stageVariables: null,
        body: raw === null ? null : base64 ? Buffer.from(raw).toString('base64') : raw,
        isBase64Encoded: base64 && raw !== null,
        requestContext: {
          authorizer: { principalId: `${TEST_STORE}:${customerId}`, storeHash: TEST_STORE, customerId },
        },
      }) as unknown as APIGatewayProxyEvent,
  );

describe('handler fuzzing', () => {
  it.each(['balance', 'history', 'redeem', 'rewards', 'redemptions', 'order-webhook', 'preflight'])(
    '%s never answers 5xx and always with the documented shape',
    async (name) => {
      await fc.assert(
        fc.asyncProperty(event, async (e) => {
          const response = await handlers[name]!(e, { awsRequestId: 'fuzz' } as Context);
          expect(response.statusCode).toBeLessThan(500);
          if (response.statusCode >= 400)
            expect(JSON.parse(response.body)).toMatchObject({
              error: { code: expect.any(String), message: expect.any(String) },
            });
        }),
        { numRuns: 150 },
      );
    },
    120_000,
  );
});
