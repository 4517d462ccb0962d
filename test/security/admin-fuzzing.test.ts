// Property-based fuzzing of the admin API's handler over its table-only routes (the routes that call
// BigCommerce are covered through the local API with the sandbox): random headers, queries, path
// ids and bodies with an admin's context; the answer is always below 500 and in the error shape.
import fc from 'fast-check';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { beforeAll, expect, it } from 'vitest';
import { setAppEnvironment, TEST_STORE, useTestTable } from '../support/environment';

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
let handler: Handler;

beforeAll(async () => {
  await useTestTable();
  setAppEnvironment({ stores: TEST_STORE, accessToken: 'fuzz-access-token' }, { POWERTOOLS_LOG_LEVEL: 'SILENT' });
  handler = ((await import('../../functions/admin-api/index')) as { handler: Handler }).handler;
});

const ROUTES = [
  'GET /admin/overview',
  'GET /admin/customers/{id}/history',
  'GET /admin/settings/earning',
  'PUT /admin/settings/earning',
  'GET /admin/rewards',
  'GET /admin/audit',
];
const text = (max: number) => fc.string({ maxLength: max });
const body = fc.oneof(
  fc.constant(null),
  text(300),
  fc.json({ maxDepth: 3 }),
  fc
    .record({
      pointsPerUnit: fc.oneof(fc.constantFrom('1', '2.5', '0'), text(10), fc.double()),
      earnStatusIds: fc.array(fc.oneof(fc.integer({ min: -2, max: 16 }), text(3)), { maxLength: 5 }),
      reverseStatusIds: fc.array(fc.integer({ min: -2, max: 16 }), { maxLength: 5 }),
    })
    .map((o) => JSON.stringify(o)),
);
const event = fc
  .record({
    route: fc.constantFrom(...ROUTES),
    id: fc.oneof(fc.constantFrom('1', '0', '-1', 'abc', '9'.repeat(20)), text(12)),
    query: fc.option(
      fc.dictionary(fc.oneof(fc.constantFrom('limit', 'cursor', 'q', 'storeHash'), text(8)), text(40), { maxKeys: 3 }),
      { nil: null },
    ),
    contentType: fc.constantFrom('application/json', 'text/plain', undefined),
    body,
    userId: fc.constantFrom('7', '0', 'x', undefined),
  })
  .map(({ route, id, query, contentType, body: raw, userId }) => {
    const [method, resource] = route.split(' ') as [string, string];
    return {
      resource,
      path: resource.replace('{id}', id),
      httpMethod: method,
      headers: contentType ? { 'content-type': contentType } : {},
      multiValueHeaders: {},
      queryStringParameters: query,
      multiValueQueryStringParameters: query
        ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]]))
        : null,
      pathParameters: resource.includes('{id}') ? { id } : null,
      stageVariables: null,
      body: raw,
      isBase64Encoded: false,
      requestContext: { authorizer: { principalId: 'p', storeHash: TEST_STORE, ...(userId ? { userId } : {}) } },
    } as unknown as APIGatewayProxyEvent;
  });

it('the admin API never answers 5xx and always with the documented shape', async () => {
  await fc.assert(
    fc.asyncProperty(event, async (e) => {
      const response = await handler(e, { awsRequestId: 'fuzz' } as Context);
      expect(response.statusCode).toBeLessThan(500);
      if (response.statusCode >= 400)
        expect(JSON.parse(response.body)).toMatchObject({
          error: { code: expect.any(String), message: expect.any(String) },
        });
    }),
    { numRuns: 300 },
  );
}, 120_000);
