// An order as BigCommerce has it now (its current state is the truth) → the ledger reconciled with
// it, once for all of its events in a batch (process-order-batch.ts); and, on the order's created
// event, the rewards' codes it used marked `used`.
import { settings } from '../config';
import { logger } from '../logger';
import { getOrderCoupons, type BigCommerceClient, type BigCommerceOrder } from '../bigcommerce';
import type { PointsTable } from '../ledger';
import { markCouponsUsed } from '../rewards';
import { earningSettingsOf, getStoreRecord } from '../stores';
import { discountedSubtotal } from './decimal';
import type { EarningRule } from './earning-rule';
import { reconcileOrder, type ReconcileOutcome } from './reconcile-order';

/** The scope whose event marks the codes an order used: an order's coupons are fixed when it is placed. */
const CREATED_SCOPE = 'store/order/created';

/** The store's earning rule: its own settings (the admin's) over the deploy parameters. */
export async function earningRuleOf(table: PointsTable, storeHash: string): Promise<EarningRule> {
  return earningSettingsOf(await getStoreRecord(table, storeHash), settings().earning);
}

/** What a batch knows of one order: its events' scopes and the statuses they reported. */
export interface OrderEvents {
  scopes: string[];
  statusIds: number[];
}

/** An earn status any event reported: the order reached it, even if it has moved on since. */
function reportedEarnStatus(rule: EarningRule, statusIds: number[]): number | undefined {
  return statusIds.find((s) => rule.earnStatusIds.includes(s));
}

/**
 * Marks our reward codes the order used (one `GET /v2/orders/{id}/coupons`), only on its created
 * event and only when it has a coupon discount: once per order instead of once per event.
 *
 * @throws BigCommerceError or a storage error: process the events again.
 */
export async function markUsedCoupons(
  table: PointsTable,
  client: BigCommerceClient,
  order: BigCommerceOrder,
  events: OrderEvents,
): Promise<void> {
  if (!events.scopes.includes(CREATED_SCOPE) || !(Number(order.coupon_discount ?? 0) > 0)) return;
  const codes = (await getOrderCoupons(client, order.id)).flatMap((c) => (c.code ? [c.code] : []));
  const marked = await markCouponsUsed(table, client.storeHash, order.id, codes);
  if (marked > 0) logger.info('reward codes used', { storeHash: client.storeHash, orderId: order.id, marked });
}

/**
 * Reconciles one fetched order with the ledger, once for all of its events in a batch.
 *
 * @throws a storage error: process the events again.
 */
export async function settleOrder(
  table: PointsTable,
  client: BigCommerceClient,
  order: BigCommerceOrder,
  rule: EarningRule,
  events: OrderEvents,
): Promise<ReconcileOutcome> {
  return reconcileOrder(
    table,
    client.storeHash,
    {
      id: order.id,
      customerId: order.customer_id,
      statusId: order.status_id,
      // Points are earned on what the shopper paid for the items: after order-level discounts.
      subtotalExTax: discountedSubtotal(order.subtotal_ex_tax, order.discount_amount ?? '0'),
      totalIncTax: order.total_inc_tax,
      refundedAmount: order.refunded_amount,
    },
    rule,
    reportedEarnStatus(rule, events.statusIds),
  );
}
