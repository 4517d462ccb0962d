// The sample events in events/ (for `sam local invoke -e`) run through the real handlers, so they
// stay true to what API Gateway sends and what the functions expect.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, APIGatewayTokenAuthorizerEvent, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../local/paths';
import { putTestReward, setAppEnvironment, tokenFor, useTestTable, testTable } from './support/environment';

const load = <T>(name: string): T => JSON.parse(readFileSync(join(repoRoot, 'events', name), 'utf8')) as T;
const context = { functionName: 'test', awsRequestId: 'test-request' } as Context;
type Handler<E, R> = (event: E, context: Context) => Promise<R>;
const importHandler = async <E, R = APIGatewayProxyResult>(fn: string) =>
  ((await import(`../functions/${fn}/index.ts`)) as { handler: Handler<E, R> }).handler;
/** An HTTP function's answer to one of the events/ fixtures. */
const answer = async (fn: string, fixture: string) =>
  (await importHandler<APIGatewayProxyEvent>(fn))(load(fixture), context);

beforeAll(async () => {
  const table = testTable(await useTestTable());
  setAppEnvironment(
    { stores: 'devstore', accessToken: 'sample' },
    { ALLOWED_ORIGINS: 'http://localhost:3100', POWERTOOLS_LOG_LEVEL: 'ERROR' },
  );
  await putTestReward(table, 100, 'devstore', 'five-dollars-off');
  const { applyPointsChange } = await import('@bc-loyalty/shared/ledger');
  await applyPointsChange(
    table,
    { storeHash: 'devstore', customerId: 42 },
    { type: 'adjust', points: 500, reason: 'sample' },
  );
});

describe('events/', () => {
  it("authorizer-token.json: allows the whole API for the token's customer", async () => {
    const event = load<APIGatewayTokenAuthorizerEvent>('authorizer-token.json');
    const handler = await importHandler<APIGatewayTokenAuthorizerEvent, unknown>('authorizer');
    const token = await tokenFor(42, { storeHash: 'devstore' });
    expect(await handler({ ...event, authorizationToken: `Bearer ${token}` }, context)).toEqual({
      principalId: 'devstore:42',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Action: 'execute-api:Invoke',
            Effect: 'Allow',
            Resource: 'arn:aws:execute-api:us-east-1:123456789012:abc123/v1/*',
          },
        ],
      },
      context: { storeHash: 'devstore', customerId: 42, customerGroupId: '1' },
    });
    await expect(handler(event, context)).rejects.toThrow('Unauthorized');
  });

  it('balance-get-points.json: 200 with the balance', async () => {
    const response = await answer('balance', 'balance-get-points.json');
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ storeHash: 'devstore', customerId: 42, balance: 500 });
    expect(response.headers?.['Access-Control-Allow-Origin']).toBe('http://localhost:3100');
  });

  it('rewards-get-rewards.json: 200 with the catalog', async () => {
    const response = await answer('rewards', 'rewards-get-rewards.json');
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).items).toEqual([
      expect.objectContaining({ id: 'five-dollars-off', affordable: true }),
    ]);
  });

  it('redeem-post-points-redeem.json: 201, then the replay', async () => {
    const handler = await importHandler<APIGatewayProxyEvent>('redeem');
    const event = load<APIGatewayProxyEvent>('redeem-post-points-redeem.json');
    const first = await handler(event, context);
    const again = await handler(event, context);
    expect(first.statusCode).toBe(201);
    expect(JSON.parse(first.body)).toMatchObject({ balance: 400 });
    expect(again.headers?.['Idempotent-Replayed']).toBe('true');
    expect(again.body).toBe(first.body);
  });

  it('history-get-points-history.json: 200 with the entries', async () => {
    const response = await answer('history', 'history-get-points-history.json');
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).items.map((e: { type: string }) => e.type)).toEqual(['redeem', 'adjust']);
  });

  it('redemptions-get-points-redemptions.json: 200 with the redemption and its code', async () => {
    const response = await answer('redemptions', 'redemptions-get-points-redemptions.json');
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).items).toEqual([
      expect.objectContaining({
        rewardId: 'five-dollars-off',
        coupon: { code: expect.stringMatching(/^PTS-/), status: 'pending' },
      }),
    ]);
  });

  it('preflight-options-points-redeem.json: 204 with the CORS grant', async () => {
    const response = await answer('preflight', 'preflight-options-points-redeem.json');
    expect(response.statusCode).toBe(204);
    expect(response.headers).toMatchObject({
      'Access-Control-Allow-Origin': 'http://localhost:3100',
      'Access-Control-Max-Age': '7200',
    });
  });

  it('a handler without authorizer context fails closed with 401', async () => {
    const event = load<APIGatewayProxyEvent>('balance-get-points.json');
    const response = await (await importHandler<APIGatewayProxyEvent>('balance'))(
      { ...event, requestContext: { ...event.requestContext, authorizer: null } },
      context,
    );
    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body)).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Unauthorized' } });
  });
});
