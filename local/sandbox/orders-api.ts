// Orders of the Management API (orders.v2.oas2.yml): an order and the coupons it used.
import type { Handler } from './api-result';

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
};
