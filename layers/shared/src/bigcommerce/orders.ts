// Orders (orders.v2.oas2.yml): money fields are decimal strings.
import { BigCommerceError, type BigCommerceClient } from './client';

export interface BigCommerceOrder {
  id: number;
  customer_id: number;
  status_id: number;
  subtotal_ex_tax: string;
  total_inc_tax: string;
  refunded_amount: string;
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
