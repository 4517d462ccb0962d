// Orders (orders.v2.oas2.yml): money fields are decimal strings.
import { BigCommerceError, type BigCommerceClient } from './client';

/** The fields of a v2 order the earning rule reads. */
export interface BigCommerceOrder {
  id: number;
  customer_id: number;
  status_id: number;
  /** The items' subtotal before order-level discounts. */
  subtotal_ex_tax: string;
  total_inc_tax: string;
  refunded_amount: string;
  /** Order-level discounts (coupons included); absent from older fixtures. */
  discount_amount?: string;
  /** The coupons' share of the discounts; above zero when the order used a coupon. */
  coupon_discount?: string;
}

/** A coupon an order used (orderCoupons_Base). */
export interface OrderCoupon {
  id: number;
  coupon_id: number;
  code: string | null;
  type: number;
  discount: number;
}

/** The order, or undefined when BigCommerce has no such order (404). */
export async function getOrder(client: BigCommerceClient, orderId: number): Promise<BigCommerceOrder | undefined> {
  try {
    return await client.call<BigCommerceOrder>('getOrder', 'GET', `/v2/orders/${orderId}`);
  } catch (error) {
    if (error instanceof BigCommerceError && error.status === 404) return undefined;
    throw error;
  }
}

/**
 * The most orders one page of `GET /v2/orders` holds. The vendored spec only gives the default (50);
 * 250 is v2's documented page maximum, and the sandbox enforces it.
 */
export const ORDERS_PAGE_LIMIT = 250;

/** The list filters the earning path uses: an id range, or orders modified since a time. */
export type OrdersFilter = { minId: number; maxId: number } | { modifiedSince: Date };

/**
 * One page (from 1) of the orders matching `filter`, lowest id first, ORDERS_PAGE_LIMIT a page.
 * Orders BigCommerce no longer lists (deleted, archived) are simply absent.
 */
export async function listOrdersPage(
  client: BigCommerceClient,
  filter: OrdersFilter,
  page: number,
): Promise<BigCommerceOrder[]> {
  const query: Record<string, string> =
    'modifiedSince' in filter
      ? { min_date_modified: filter.modifiedSince.toISOString() }
      : { min_id: String(filter.minId), max_id: String(filter.maxId) };
  // Sorted by id by default. v2 answers 204 with no body when nothing matches.
  return (
    (await client.call<BigCommerceOrder[] | undefined>('getOrders', 'GET', '/v2/orders', {
      query: { ...query, limit: String(ORDERS_PAGE_LIMIT), page: String(page) },
    })) ?? []
  );
}

/** The coupons the order used (an order has a handful at most: one page). */
export async function getOrderCoupons(client: BigCommerceClient, orderId: number): Promise<OrderCoupon[]> {
  // v2 answers 204 with no body when the order has none.
  return (
    (await client.call<OrderCoupon[] | undefined>('getOrderCoupons', 'GET', `/v2/orders/${orderId}/coupons`, {
      query: { limit: '50' },
    })) ?? []
  );
}
