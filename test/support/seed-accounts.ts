// Many accounts at once (BatchWriteItem, 25 a request, 8 requests at a time) for tests and benches
// that need a big store but not its history: the rebuild and the retention run read keys and accounts only.
import { batchWriteAll, type PointsTable } from '@bc-loyalty/shared/ledger';
import { accountKey } from '../../layers/shared/src/table-keys';

/** Writes an account of `balanceOf(id)` points (version 1) for every customer id. */
export async function seedAccounts(
  table: PointsTable,
  storeHash: string,
  customerIds: number[],
  balanceOf: (customerId: number) => number,
): Promise<void> {
  const updatedAt = new Date().toISOString();
  const requests = customerIds.map((customerId) => ({
    PutRequest: {
      Item: {
        ...accountKey({ storeHash, customerId }),
        storeHash,
        customerId,
        balance: balanceOf(customerId),
        lifetimeEarned: balanceOf(customerId),
        lifetimeRedeemed: 0,
        updatedAt,
        version: 1,
      },
    },
  }));
  await batchWriteAll(table, requests, 8);
}
