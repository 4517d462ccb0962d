// BigCommerce's order statuses (GET /v2/order_statuses): the ids orders carry and the names the
// control panel shows. No imports: the admin UI's browser bundle and the sandbox import this file itself.

/** Order status id → its name in BigCommerce. */
export const ORDER_STATUS_NAMES: Readonly<Record<number, string>> = {
  0: 'Incomplete',
  1: 'Pending',
  2: 'Shipped',
  3: 'Partially Shipped',
  4: 'Refunded',
  5: 'Cancelled',
  6: 'Declined',
  7: 'Awaiting Payment',
  8: 'Awaiting Pickup',
  9: 'Awaiting Shipment',
  10: 'Completed',
  11: 'Awaiting Fulfillment',
  12: 'Manual Verification Required',
  13: 'Disputed',
  14: 'Partially Refunded',
};
