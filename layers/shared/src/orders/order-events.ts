// Order webhooks: authenticated and stored durably as order events in PointsTable (one PutItem,
// duplicates of the same delivery collapse on BigCommerce's payload hash), so the HTTP answer is
// fast; the table's stream then drives processOrderBatch, retried until it succeeds.
import { createHash, timingSafeEqual } from 'node:crypto';
import { PutCommand } from '../aws';
import { z } from '../config';
import { conditionalWrite, type PointsTable } from '../ledger';
import { orderEventKey } from '../table-keys';

/** The webhook scopes the app registers and processes (bc:setup registers these). */
export const ORDER_SCOPES = ['store/order/created', 'store/order/statusUpdated', 'store/order/refund/created'] as const;
const EVENT_TTL_SECONDS = 14 * 86_400; // BigCommerce retries deliveries for up to 48 h

/** The callback body BigCommerce posts (webhooks-callbacks/store_order_*.yml); extra fields pass. */
export const orderCallbackSchema = z.looseObject({
  scope: z.string().check(z.minLength(1), z.maxLength(100)),
  store_id: z.string().check(z.maxLength(40)),
  producer: z.string().check(z.regex(/^stores\/[a-z0-9]{1,32}$/, 'stores/{store_hash}')),
  hash: z.string().check(z.regex(/^[A-Za-z0-9]{1,128}$/)),
  created_at: z.int().check(z.nonnegative()),
  data: z.looseObject({
    type: z.string().check(z.maxLength(40)),
    id: z.int().check(z.positive()),
    status: z.optional(
      z.object({ previous_status_id: z.int().check(z.nonnegative()), new_status_id: z.int().check(z.nonnegative()) }),
    ),
    refund: z.optional(z.object({ refund_id: z.int().check(z.nonnegative()) })),
  }),
});

/** A validated order callback. */
export type OrderCallback = z.infer<typeof orderCallbackSchema>;

/** Constant-time comparison of the X-Webhook-Secret header (hashing first evens out the lengths). */
export function isAuthenticWebhook(header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const digest = (v: string) => createHash('sha256').update(v, 'utf8').digest();
  return timingSafeEqual(digest(header), digest(secret));
}

/** A stored order event, as the stream consumer processes it. */
export interface OrderEvent {
  storeHash: string;
  orderId: number;
  scope: string;
  statusId?: number;
  /** When BigCommerce created the callback (epoch s): the order changed shortly before. */
  createdAt?: number;
}

/** The store hash of a callback (`producer: stores/{hash}`). */
export const storeOfCallback = (callback: OrderCallback): string => callback.producer.slice('stores/'.length);

/** Stores the event once; returns false for a repeated delivery (already stored). */
export async function recordOrderEvent({ client, name }: PointsTable, callback: OrderCallback): Promise<boolean> {
  const storeHash = storeOfCallback(callback);
  return conditionalWrite(
    client.send(
      new PutCommand({
        TableName: name,
        Item: {
          ...orderEventKey(storeHash, callback.data.id, callback.hash),
          storeHash,
          orderId: callback.data.id,
          scope: callback.scope,
          ...(callback.data.status ? { statusId: callback.data.status.new_status_id } : {}),
          createdAt: callback.created_at,
          receivedAt: new Date().toISOString(),
          expiresAt: Math.floor(Date.now() / 1000) + EVENT_TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}
