// Test fixtures: a table of its own in the shared DynamoDB Local, the local stack on a free port,
// and tokens signed like BigCommerce's.
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { openPointsTable, type PointsTable } from '@bc-loyalty/shared/ledger';
import { rewardKey } from '../../layers/shared/src/table-keys';
import { ensurePointsTable } from '../../local/points-table';
import { appEnvironment, localSettings, type LocalSettings } from '../../local/settings';
import { repoRoot } from '../../local/paths';
import { startLocalStack, type LocalStack, type StackOptions } from '../../local/stack';
import { loadTemplate } from '../../local/template';

import { OTHER_STORE, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_STORE } from './tokens';

export { OTHER_STORE, TEST_CLIENT_ID, TEST_CLIENT_SECRET, TEST_STORE, tokenFor } from './tokens';
export const STOREFRONT_ORIGIN = 'https://store-test.mybigcommerce.com';

export const template = loadTemplate(join(repoRoot, 'template.yaml'));

function localClient(endpoint = inject('dynamodbEndpoint')): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/**
 * A handle on a test table in DynamoDB Local, for the layer's data functions: no process.env.
 *
 * @example
 * const table = testTable(stack.settings.tableName);
 * await applyPointsChange(table, customer, { type: 'adjust', points: 10, reason: 'test' });
 */
export function testTable(tableName: string, endpoint = inject('dynamodbEndpoint')): PointsTable {
  return openPointsTable(tableName, localClient(endpoint));
}

/** Creates a fresh points table and points this process's ledger at it. */
export async function useTestTable(): Promise<string> {
  const endpoint = inject('dynamodbEndpoint');
  const tableName = `test-${randomUUID()}`;
  const client = localClient(endpoint);
  await ensurePointsTable(client, template, tableName);
  client.destroy();
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  return tableName;
}

export function testSettings(overrides: Partial<LocalSettings> = {}): LocalSettings {
  return {
    ...localSettings({}),
    apiPort: 0,
    sandboxPort: 0,
    tableName: `test-${randomUUID()}`,
    clientId: TEST_CLIENT_ID,
    clientSecret: TEST_CLIENT_SECRET,
    storeHash: `${TEST_STORE},${OTHER_STORE}`,
    allowedOrigins: STOREFRONT_ORIGIN,
    ...overrides,
  };
}

/** The local stack on free ports; its log and its functions' logs go to .cache/test-logs/<table>.log. */
export async function startTestStack(
  overrides: Partial<LocalSettings> = {},
  {
    templateWindows = false,
    ...options
  }: Omit<StackOptions, 'settings' | 'dynamodbEndpoint'> & {
    /** Wait the template's batching windows (latency tests); by default batches go at once. */
    templateWindows?: boolean;
  } = {},
): Promise<LocalStack> {
  // Tests check what happens to a batch, not how long its window waits (10 s for order events).
  if (!templateWindows) options.eventSource = { batchingWindowSeconds: 0, ...options.eventSource };
  const settings = testSettings(overrides);
  const logFile = join(repoRoot, '.cache', 'test-logs', `${settings.tableName}.log`);
  mkdirSync(dirname(logFile), { recursive: true });
  const log = (line: string) => appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`);
  const stack = await startLocalStack({
    settings,
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    log,
    functionEnvironment: { POWERTOOLS_LOG_LEVEL: 'INFO' },
    ...options,
  });
  log(`stack up: api ${stack.apiUrl}, sandbox ${stack.sandbox?.url ?? '-'}`);
  return Object.assign(stack, { logFile });
}

/** The last lines of a test stack's log, for failure messages. */
export function tailOfLog(stack: LocalStack, lines = 40): string {
  const file = (stack as LocalStack & { logFile?: string }).logFile;
  return file ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '';
}

/** A handle on the stack's table (see testTable). */
export const stackTable = (stack: LocalStack): PointsTable =>
  testTable(stack.settings.tableName, stack.dynamodbEndpoint);

/** Points this process's ledger at the stack's table (for arranging and checking data directly). */
export async function ledgerOf(stack: LocalStack): Promise<typeof import('@bc-loyalty/shared/ledger')> {
  Object.assign(process.env, {
    TABLE_NAME: stack.settings.tableName,
    DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  return import('@bc-loyalty/shared/ledger');
}

/**
 * Points this process's rewards module at the stack (table, sandbox, credentials) and offers
 * `cost-<n>` rewards ($1 off, n points) on demand, each with its promotion in the sandbox.
 */
export async function rewardsOf(stack: LocalStack, storeHash = TEST_STORE) {
  await ledgerOf(stack);
  Object.assign(process.env, { ...appEnvironment(stack.settings), BC_API_URL: stack.sandbox!.url });
  const rewards = await import('@bc-loyalty/shared/rewards');
  const table = stackTable(stack);
  const offer = async (
    cost: number,
    discount: object = { type: 'fixed_amount', amount: '1.00' },
    id = `cost-${cost}`,
  ): Promise<string> => {
    if (!(await rewards.getReward(table, storeHash, id)))
      await rewards.addReward(table, storeHash, { id, name: `Reward for ${cost}`, pointsCost: cost, discount });
    return id;
  };
  return { rewards, offer, table };
}

/** A JSON request to the stack's API as the shopper holding `token`. */
export function callApi(stack: LocalStack, token: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${stack.apiUrl}${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      ...(init.headers as Record<string, string>),
    },
  });
}

/** The environment a CLI (local/cli/*) runs with against this stack: its table, sandbox and app. */
export function cliEnvironment(stack: LocalStack): NodeJS.ProcessEnv {
  return {
    ...process.env,
    BC_STORE_HASH: stack.settings.storeHash,
    BC_ACCESS_TOKEN: stack.settings.accessToken,
    TABLE_NAME: stack.settings.tableName,
    DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
    BC_API_URL: stack.sandbox!.url,
    BC_CLIENT_ID: stack.settings.clientId,
    BC_CLIENT_SECRET: stack.settings.clientSecret,
  };
}

/** For stacks without the sandbox: nothing listens here, so a coupon's issuance fails fast and stays pending. */
export const UNREACHABLE_BIGCOMMERCE = 'http://127.0.0.1:9';

/**
 * Gives this process the test app's settings (single-store mode: its client id and secret, the
 * `stores` it serves with one access token) for handlers and layer modules imported after it, plus
 * any other variables the test needs. BigCommerce is unreachable unless `apiUrl` names a sandbox.
 */
export function setAppEnvironment(
  app: { stores: string; accessToken?: string; apiUrl?: string },
  extra: Record<string, string> = {},
): void {
  Object.assign(process.env, {
    BC_CLIENT_ID: TEST_CLIENT_ID,
    BC_CLIENT_SECRET: TEST_CLIENT_SECRET,
    BC_STORE_HASH: app.stores,
    BC_ACCESS_TOKEN: app.accessToken ?? 'unused',
    BC_API_URL: app.apiUrl ?? UNREACHABLE_BIGCOMMERCE,
    ...extra,
  });
}

/**
 * A `cost-<n>` reward written straight into the current table, with no promotion behind it (for
 * tests without the sandbox).
 */
export async function putTestReward(
  { client, name }: PointsTable,
  cost: number,
  storeHash = TEST_STORE,
  id = `cost-${cost}`,
): Promise<string> {
  const now = new Date().toISOString();
  await client.send(
    new PutCommand({
      TableName: name,
      Item: {
        ...rewardKey(storeHash, id),
        storeHash,
        id,
        name: `${cost} points off`,
        pointsCost: cost,
        discount: { type: 'fixed_amount', amount: '1.00' },
        active: true,
        promotionId: 1,
        createdAt: now,
        updatedAt: now,
      },
    }),
  );
  return id;
}
