// One stored order event → fetch the order from BigCommerce (its current state is the truth) and
// reconcile the ledger. A missing order (404) or a guest order is done; anything else throws and
// the stream retries it.
import { settings } from '../config';
import { logger } from '../logger';
import { appCredentials } from '../secrets';
import { bigCommerceClient, getOrder } from '../bigcommerce';
import type { OrderEvent } from './order-events';
import { reconcileOrder, type ReconcileOutcome } from './reconcile-order';

export async function processOrderEvent(event: OrderEvent): Promise<ReconcileOutcome | 'ignored'> {
  const { stores } = await appCredentials();
  const accessToken = stores[event.storeHash];
  if (!accessToken) {
    logger.warn('order event of a store that is not installed', { storeHash: event.storeHash });
    return 'ignored';
  }
  const { bcApiUrl, earning } = settings();
  const order = await getOrder(bigCommerceClient({ apiUrl: bcApiUrl, storeHash: event.storeHash, accessToken }), event.orderId);
  if (!order) {
    logger.warn('order not found in BigCommerce', { storeHash: event.storeHash, orderId: event.orderId });
    return 'ignored';
  }
  return reconcileOrder(event.storeHash, {
    id: order.id,
    customerId: order.customer_id,
    statusId: order.status_id,
    subtotalExTax: order.subtotal_ex_tax,
    totalIncTax: order.total_inc_tax,
    refundedAmount: order.refunded_amount,
  }, earning, event.statusId);
}
