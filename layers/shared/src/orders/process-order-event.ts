// One stored order event → fetch the order from BigCommerce (its current state is the truth) and
// reconcile the ledger; an order that used coupons also marks the rewards' codes it used. A missing
// order (404) or a guest order is done; anything else throws and the stream retries it.
import { settings } from '../config';
import { logger } from '../logger';
import { getOrder, getOrderCoupons, storeClient, type BigCommerceClient, type BigCommerceOrder } from '../bigcommerce';
import type { PointsTable } from '../ledger';
import { markCouponsUsed } from '../rewards';
import { discountedSubtotal } from './decimal';
import type { OrderEvent } from './order-events';
import { reconcileOrder, type ReconcileOutcome } from './reconcile-order';

/** One more call, only for an order with a coupon discount: its coupons → our redemptions `used`. */
async function markUsedCoupons(
  table: PointsTable,
  client: BigCommerceClient,
  storeHash: string,
  order: BigCommerceOrder,
): Promise<void> {
  if (!(Number(order.coupon_discount ?? 0) > 0)) return;
  const codes = (await getOrderCoupons(client, order.id)).flatMap((c) => (c.code ? [c.code] : []));
  const marked = await markCouponsUsed(table, storeHash, order.id, codes);
  if (marked > 0) logger.info('reward codes used', { storeHash, orderId: order.id, marked });
}

/**
 * Processes one stored order event: 'ignored' for a store not installed or an order BigCommerce
 * does not have, else what was awarded and reversed. BigCommerce retries stop at `deadline`
 * (epoch ms; the invocation's end in the stream consumer).
 *
 * @throws BigCommerceError or a storage error for anything transient: process the event again.
 */
export async function processOrderEvent(
  table: PointsTable,
  event: OrderEvent,
  { deadline }: { deadline?: number } = {},
): Promise<ReconcileOutcome | 'ignored'> {
  const client = await storeClient(event.storeHash, { priority: 'earning', deadline });
  if (!client) {
    logger.warn('order event of a store that is not installed', { storeHash: event.storeHash });
    return 'ignored';
  }
  const order = await getOrder(client, event.orderId);
  if (!order) {
    logger.warn('order not found in BigCommerce', { storeHash: event.storeHash, orderId: event.orderId });
    return 'ignored';
  }
  await markUsedCoupons(table, client, event.storeHash, order);
  return reconcileOrder(
    table,
    event.storeHash,
    {
      id: order.id,
      customerId: order.customer_id,
      statusId: order.status_id,
      // Points are earned on what the shopper paid for the items: after order-level discounts.
      subtotalExTax: discountedSubtotal(order.subtotal_ex_tax, order.discount_amount ?? '0'),
      totalIncTax: order.total_inc_tax,
      refundedAmount: order.refunded_amount,
    },
    settings().earning,
    event.statusId,
  );
}
