import type { BatchGetCommandOutput, ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { BatchGetCommand, GetCommand, ScanCommand } from '../aws';
import { ACCOUNT_SK, accountPk, type CustomerRef } from './keys';
import { toAccount, type PointsAccount } from './model';
import { pointsTable } from './table';

/** The customer's account; a customer who never earned has a zero account, not an error. */
export async function getAccount(customer: CustomerRef): Promise<PointsAccount> {
  const { client, name } = pointsTable();
  const { Item } = await client.send(
    new GetCommand({ TableName: name, Key: { pk: accountPk(customer), sk: ACCOUNT_SK } }),
  );
  return toAccount(customer, Item);
}

const BATCH_GET_LIMIT = 100;

/** Current accounts of many customers of one store (consistent reads, 100 keys per call). */
export async function getAccounts(storeHash: string, customerIds: number[]): Promise<PointsAccount[]> {
  const { client, name } = pointsTable();
  const items: Record<string, unknown>[] = [];
  const unique = [...new Set(customerIds)];
  for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
    let keys: Record<string, unknown>[] | undefined = unique
      .slice(i, i + BATCH_GET_LIMIT)
      .map((customerId) => ({ pk: accountPk({ storeHash, customerId }), sk: ACCOUNT_SK }));
    for (let attempt = 0; keys?.length; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const page: BatchGetCommandOutput = await client.send(
        new BatchGetCommand({ RequestItems: { [name]: { Keys: keys, ConsistentRead: true } } }),
      );
      items.push(...(page.Responses?.[name] ?? []));
      keys = page.UnprocessedKeys?.[name]?.Keys;
    }
  }
  const byId = new Map(items.map((item) => [Number(item.customerId), item]));
  return unique.map((customerId) => toAccount({ storeHash, customerId }, byId.get(customerId)));
}

/**
 * Every account of a store, a page at a time. A full-table scan: meant for operations (rebuilding
 * the mirror, audits), not for request paths.
 */
export async function* scanStoreAccounts(storeHash: string, pageSize = 500): AsyncGenerator<PointsAccount[]> {
  const { client, name } = pointsTable();
  let start: Record<string, unknown> | undefined;
  do {
    const page: ScanCommandOutput = await client.send(
      new ScanCommand({
        TableName: name,
        FilterExpression: 'begins_with(pk, :prefix) AND sk = :account',
        ExpressionAttributeValues: { ':prefix': `STORE#${storeHash}#CUSTOMER#`, ':account': ACCOUNT_SK },
        Limit: pageSize,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    const accounts = (page.Items ?? []).map((item) =>
      toAccount({ storeHash, customerId: Number(item.customerId) }, item),
    );
    if (accounts.length) yield accounts;
    start = page.LastEvaluatedKey;
  } while (start);
}
