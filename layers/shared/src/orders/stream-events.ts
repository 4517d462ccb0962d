// Order events out of PointsTable stream records (inserts of EVENT# items).
import type { DynamoDBRecord } from 'aws-lambda';
import { ORDER_EVENT_PREFIX } from '../table-keys';
import type { OrderEvent } from './order-events';

/** The order event a stream record inserted, or undefined for any other record. */
export function orderEventOf(record: DynamoDBRecord): OrderEvent | undefined {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || !image || !image.sk?.S?.startsWith(ORDER_EVENT_PREFIX)) return undefined;
  const storeHash = image.storeHash?.S;
  const orderId = Number(image.orderId?.N);
  if (!storeHash || !Number.isSafeInteger(orderId)) return undefined;
  return {
    storeHash,
    orderId,
    scope: image.scope?.S ?? '',
    ...(image.statusId?.N ? { statusId: Number(image.statusId.N) } : {}),
    ...(image.createdAt?.N ? { createdAt: Number(image.createdAt.N) } : {}),
  };
}
