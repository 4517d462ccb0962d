// Many accounts at once (BatchWriteItem, 25 a request, 8 requests at a time) for tests and benches
// that need a big store but not its history: the rebuild reads accounts only.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { PointsTable } from '@bc-loyalty/shared/ledger';
import { accountKey } from '../../layers/shared/src/table-keys';

/** Writes an account of `balanceOf(id)` points (version 1) for every customer id. */
export async function seedAccounts(
  { client, name }: PointsTable,
  storeHash: string,
  customerIds: number[],
  balanceOf: (customerId: number) => number,
): Promise<void> {
  const batches: number[][] = [];
  for (let i = 0; i < customerIds.length; i += 25) batches.push(customerIds.slice(i, i + 25));
  const write = async (batch: number[]) => {
    let items = batch.map((customerId) => ({
      PutRequest: {
        Item: {
          ...accountKey({ storeHash, customerId }),
          storeHash,
          customerId,
          balance: balanceOf(customerId),
          lifetimeEarned: balanceOf(customerId),
          lifetimeRedeemed: 0,
          updatedAt: new Date().toISOString(),
          version: 1,
        },
      },
    }));
    while (items.length) {
      const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [name]: items } }));
      items = (UnprocessedItems?.[name] ?? []) as typeof items;
    }
  };
  for (let i = 0; i < batches.length; i += 8) await Promise.all(batches.slice(i, i + 8).map(write));
}
