// The order record (DESIGN §4): what the ledger has done for one order. Every change to it rides in
// the same transaction as the balance change, conditioned on the version read.
import { GetCommand } from '../aws';
import { pointsTable } from '../ledger';
import type { OrderProgress } from './earning-rule';

/** The partition-key prefix of every order of a store (its record and its stored events). */
export const storeOrdersPrefix = (storeHash: string) => `STORE#${storeHash}#ORDER#`;
export const orderPk = (storeHash: string, orderId: number) => `${storeOrdersPrefix(storeHash)}${orderId}`;
export const ORDER_SK = 'ORDER';

export interface OrderRecord extends OrderProgress {
  customerId: number;
  lastStatusId: number;
  version: number;
}

export async function readOrderRecord(storeHash: string, orderId: number): Promise<OrderRecord | undefined> {
  const { client, name } = pointsTable();
  const { Item } = await client.send(
    new GetCommand({ TableName: name, Key: { pk: orderPk(storeHash, orderId), sk: ORDER_SK }, ConsistentRead: true }),
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
  storeHash: string,
  orderId: number,
  before: OrderRecord | undefined,
  after: Omit<OrderRecord, 'version'>,
) {
  const { name } = pointsTable();
  return {
    Put: {
      TableName: name,
      Item: {
        pk: orderPk(storeHash, orderId),
        sk: ORDER_SK,
        ...after,
        version: (before?.version ?? 0) + 1,
        updatedAt: new Date().toISOString(),
      },
      ConditionExpression: before ? 'version = :v' : 'attribute_not_exists(pk)',
      ...(before ? { ExpressionAttributeValues: { ':v': before.version } } : {}),
    },
  };
}
