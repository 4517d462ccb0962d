// DynamoDB stopped and restarted under a running API: clean 503 JSON errors while it is gone, no
// partial writes, and recovery without restarting the API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type RunningDynamoDb } from '../../local/dynamodb-local';
import { freePort } from '../../local/ports';
import { startLocalStack, type LocalStack } from '../../local/stack';
import {
  putTestReward,
  testSettings,
  tokenFor,
  TEST_STORE,
  UNREACHABLE_BIGCOMMERCE,
  testTable,
} from '../support/environment';

let dynamodb: RunningDynamoDb;
let stack: LocalStack;
let port: number;
const dbPath = mkdtempSync(join(tmpdir(), 'ddb-outage-'));

beforeAll(async () => {
  port = await freePort();
  dynamodb = await startDynamoDbLocal({ port, dbPath });
  stack = await startLocalStack({
    settings: testSettings(),
    dynamodbEndpoint: dynamodb.endpoint,
    mirror: false,
    functionEnvironment: { BC_API_URL: UNREACHABLE_BIGCOMMERCE },
  });
});
afterAll(async () => {
  await stack?.stop();
  await dynamodb?.stop();
  rmSync(dbPath, { recursive: true, force: true });
});

async function redeem(token: string, key: string) {
  const response = await fetch(`${stack.apiUrl}/points/redeem`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: '{"rewardId":"cost-10"}',
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    retryAfter: response.headers.get('retry-after'),
  };
}

describe('DynamoDB outage', () => {
  it('answers 503 SERVICE_UNAVAILABLE while DynamoDB is down and recovers when it is back, writing each redemption once', async () => {
    const token = await tokenFor(4242);
    const ledgerEnv = {
      TABLE_NAME: stack.settings.tableName,
      DYNAMODB_ENDPOINT: dynamodb.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    };
    Object.assign(process.env, ledgerEnv);
    const ledger = await import('@bc-loyalty/shared/ledger');
    const table = testTable(stack.settings.tableName, dynamodb.endpoint);
    await ledger.applyPointsChange(
      table,
      { storeHash: TEST_STORE, customerId: 4242 },
      { type: 'adjust', points: 100, reason: 'funding' },
    );
    await putTestReward(table, 10);
    expect((await redeem(token, 'before')).status).toBe(201);

    await dynamodb.stop();
    const during = await redeem(token, 'during');
    expect(during.status).toBe(503);
    expect(during.body).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } });
    expect(during.retryAfter).toBe('1');
    const balance = await fetch(`${stack.apiUrl}/points`, { headers: { Authorization: `Bearer ${token}` } });
    expect(balance.status).toBe(503);

    dynamodb = await startDynamoDbLocal({ port, dbPath });
    const after = await redeem(token, 'during'); // the client retries the same action
    expect(after.status).toBe(201);
    const history = await ledger.listHistory(table, { storeHash: TEST_STORE, customerId: 4242 }, 10);
    expect(history.items.map((e) => e.points)).toEqual([-10, -10, 100]);
    const report = await ledger.auditLedger(table);
    expect(report.findings).toEqual([]);
  }, 90_000);
});
