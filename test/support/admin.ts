// The merchant's side in tests: a control-panel user of a store (the StoreUser record written
// directly, as the app's `load` does in production), its admin session, and calls to /admin/*
// checked against docs/openapi.yaml.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { adminSessionKey, signAdminSession } from '@bc-loyalty/shared/admin-session';
import type { PointsTable } from '@bc-loyalty/shared/ledger';
import { storeUserKey } from '../../layers/shared/src/table-keys';
import type { LocalStack } from '../../local/stack';
import { assertMatchesSpec } from './openapi';
import { nowSeconds, TEST_CLIENT_SECRET } from './tokens';

let nextUserId = 100;

/** Writes a control-panel user of `storeHash` (sessions valid from a minute ago) and answers its id. */
export async function storeUser(table: PointsTable, storeHash: string, email = 'owner@example.com'): Promise<number> {
  const userId = nextUserId++;
  await table.client.send(
    new PutCommand({
      TableName: table.name,
      Item: { ...storeUserKey(storeHash, userId), storeHash, userId, email, sessionsValidAfter: nowSeconds() - 60 },
    }),
  );
  return userId;
}

/** An admin session for the user, signed as `load` signs it (or with another client secret). */
export function adminSession(
  storeHash: string,
  userId: number,
  { secret = TEST_CLIENT_SECRET, at = new Date() }: { secret?: string; at?: Date } = {},
): Promise<string> {
  return signAdminSession({ storeHash, userId, email: 'owner@example.com' }, adminSessionKey(secret), at);
}

/** A request to /admin/* with `token`; every answer must be one docs/openapi.yaml documents. */
export async function callAdmin(stack: LocalStack, token: string, path: string, init: RequestInit = {}) {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      ...(init.headers as Record<string, string>),
    },
  });
  const text = await response.clone().text();
  assertMatchesSpec(init.method ?? 'GET', new URL(path, 'http://x').pathname, response.status, text);
  return response;
}

/** A user of `storeHash` with a fresh session, and a caller bound to it. */
export async function merchantOf(stack: LocalStack, table: PointsTable, storeHash: string) {
  const userId = await storeUser(table, storeHash);
  const token = await adminSession(storeHash, userId);
  const call = (path: string, init: RequestInit = {}) => callAdmin(stack, token, path, init);
  const json = async <T = Record<string, unknown>>(path: string, init: RequestInit = {}) =>
    (await (await call(path, init)).json()) as T;
  return { userId, token, call, json };
}
