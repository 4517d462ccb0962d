// Reading accounts: one, many (the mirror), or a whole store (operations).
import type { BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { BatchGetCommand } from '../aws';
import { backoffMs, sleep } from '../retry';
import { ACCOUNT_SK, accountKey, storeCustomersPrefix } from '../table-keys';
import { type CustomerRef, type PointsAccount, toAccount } from './model';
import { getItem, type PointsTable, scanPage } from './table';

/** The customer's account; a customer who never earned has a zero account, not an error. */
export async function getAccount(table: PointsTable, customer: CustomerRef): Promise<PointsAccount> {
  return toAccount(customer, await getItem(table, accountKey(customer)));
}

const BATCH_GET_LIMIT = 100;

/**
 * Current accounts of many customers of one store, in the order of `customerIds` (duplicates
 * dropped): consistent reads, 100 keys per call, unprocessed keys retried with backoff.
 */
export async function getAccounts(
  table: PointsTable,
  storeHash: string,
  customerIds: number[],
): Promise<PointsAccount[]> {
  const { client, name } = table;
  const items: Record<string, unknown>[] = [];
  const unique = [...new Set(customerIds)];
  for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
    let keys: Record<string, unknown>[] | undefined = unique
      .slice(i, i + BATCH_GET_LIMIT)
      .map((customerId) => accountKey({ storeHash, customerId }));
    for (let attempt = 0; keys?.length; attempt++) {
      if (attempt > 0) await sleep(backoffMs(attempt, 50, 1_000));
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

/** One page of a store's accounts, where the next page starts (none after the last), and the items the scan examined. */
export interface AccountsPage {
  accounts: PointsAccount[];
  nextKey: Record<string, unknown> | undefined;
  scanned: number;
}

/**
 * One page of a store's accounts, from `startKey` (a previous page's `nextKey`; a rebuild keeps
 * it as its checkpoint). A scan of `pageSize` items of the whole table: operations only.
 */
export async function scanStoreAccountsPage(
  table: PointsTable,
  storeHash: string,
  startKey: Record<string, unknown> | undefined,
  pageSize = 500,
): Promise<AccountsPage> {
  const page = await scanPage(
    table,
    {
      FilterExpression: 'begins_with(pk, :prefix) AND sk = :account',
      ExpressionAttributeValues: { ':prefix': storeCustomersPrefix(storeHash), ':account': ACCOUNT_SK },
      Limit: pageSize,
    },
    startKey,
  );
  return {
    accounts: page.items.map((item) => toAccount({ storeHash, customerId: Number(item.customerId) }, item)),
    nextKey: page.nextKey,
    scanned: page.scanned,
  };
}

/**
 * Every account of a store, a page at a time. A full-table scan: meant for operations (rebuilding
 * the mirror, audits), not for request paths.
 */
export async function* scanStoreAccounts(
  table: PointsTable,
  storeHash: string,
  pageSize = 500,
): AsyncGenerator<PointsAccount[]> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await scanStoreAccountsPage(table, storeHash, startKey, pageSize);
    if (page.accounts.length) yield page.accounts;
    startKey = page.nextKey;
  } while (startKey);
}
