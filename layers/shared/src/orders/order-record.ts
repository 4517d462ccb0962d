// The order record (DESIGN §4): what the ledger has done for one order. Every change to it rides in
// the same transaction as the balance change, conditioned on the version read.
import { GetCommand } from '../aws';
import type { PointsTable } from '../ledger';
import { orderKey } from '../table-keys';
import type { OrderProgress } from './earning-rule';

/** The order record as read: its progress, whose points, and the version to condition on. */
export interface OrderRecord extends OrderProgress {
  customerId: number;
  lastStatusId: number;
  version: number;
}

/** The order's record, or undefined for an order the ledger has not touched. */
export async function readOrderRecord(
  { client, name }: PointsTable,
  storeHash: string,
  orderId: number,
): Promise<OrderRecord | undefined> {
  const { Item } = await client.send(
    new GetCommand({ TableName: name, Key: orderKey(storeHash, orderId), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  return {
    customerId: Number(Item.customerId),
    pointsEarned: Number(Item.pointsEarned),
    pointsReversed: Number(Item.pointsReversed),
    closed: Item.closed === true,
    lastStatusId: Number(Item.lastStatusId),
    version: Number(Item.version),
  };
}

/** The transaction item that moves the record from `before` (or nothing) to `after`. */
export function orderRecordWrite(
  { name }: PointsTable,
  storeHash: string,
  orderId: number,
  before: OrderRecord | undefined,
  after: Omit<OrderRecord, 'version'>,
) {
  return {
    Put: {
      TableName: name,
      Item: {
        ...orderKey(storeHash, orderId),
        ...after,
        version: (before?.version ?? 0) + 1,
        updatedAt: new Date().toISOString(),
      },
      ConditionExpression: before ? 'version = :v' : 'attribute_not_exists(pk)',
      ...(before ? { ExpressionAttributeValues: { ':v': before.version } } : {}),
    },
  };
}
