// Orders of the Management API (orders.v2.oas2.yml): an order, the coupons it used, and the list
// filtered by id range and modification date, paged as BigCommerce pages it.
import type { Handler } from './api-result';
import type { SandboxOrder } from './store-records';

/** v2's page maximum: a larger `limit` gets this many (the vendored spec gives only the default, 50). */
const MAX_LIMIT = 250;

const atLeast = (value: unknown, bound: (o: SandboxOrder) => number) => (o: SandboxOrder) =>
  value === undefined || bound(o) >= Number(value);
const atMost = (value: unknown, bound: (o: SandboxOrder) => number) => (o: SandboxOrder) =>
  value === undefined || bound(o) <= Number(value);
/** RFC 2822 or ISO 8601, as the spec allows. */
const modifiedSince = (value: unknown) => (o: SandboxOrder) =>
  value === undefined || Date.parse(o.date_modified) >= Date.parse(String(value));

export const orderHandlers: Record<string, Handler> = {
  getOrderCoupons: (state, query, _b, params) => {
    const limit = Number(query.limit ?? 50);
    const page = Number(query.page ?? 1);
    const coupons = state.orderCoupons.filter((c) => c.order_id === Number(params.order_id));
    return { status: 200, body: coupons.slice((page - 1) * limit, page * limit) };
  },
  getOrder: (state, _q, _b, params) => {
    const order = state.orders.get(Number(params.order_id));
    return order
      ? { status: 200, body: order }
      : { status: 404, body: [{ status: 404, message: 'The requested resource was not found.' }] };
  },
  getOrders: (state, query) => {
    const limit = Math.min(MAX_LIMIT, Math.max(1, Number(query.limit ?? 50)));
    const page = Math.max(1, Number(query.page ?? 1));
    const filters = [
      atLeast(query.min_id, (o) => o.id),
      atMost(query.max_id, (o) => o.id),
      modifiedSince(query.min_date_modified),
    ];
    const orders = [...state.orders.values()]
      .filter((o) => filters.every((matches) => matches(o)))
      .sort((a, b) => a.id - b.id);
    return { status: 200, body: orders.slice((page - 1) * limit, page * limit) };
  },
};
