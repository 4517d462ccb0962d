// The order record (DESIGN §4): what the ledger has done for one order. Every change to it rides in
// the same transaction as the balance change, conditioned on the version read.
import { getItem, type PointsTable } from '../ledger';
import { orderKey } from '../table-keys';
import type { OrderProgress } from './earning-rule';

/** The order record as read: its progress, whose points, and the version to condition on. */
export interface OrderRecord extends OrderProgress {
  customerId: number;
  lastStatusId: number;
  version: number;
}

/** The order's record, or undefined for an order the ledger has not touched. */
export async function readOrderRecord(table: PointsTable, storeHash: string, orderId: number) {
  return toOrderRecord(await getItem(table, orderKey(storeHash, orderId), true));
}

function toOrderRecord(item: Record<string, unknown> | undefined): OrderRecord | undefined {
  if (!item) return undefined;
  return {
    customerId: Number(item.customerId),
    pointsEarned: Number(item.pointsEarned),
    pointsReversed: Number(item.pointsReversed),
    closed: item.closed === true,
    lastStatusId: Number(item.lastStatusId),
    version: Number(item.version),
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
