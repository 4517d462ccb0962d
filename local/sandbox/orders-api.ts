// Orders (orders.v2.oas2.yml) and webhooks (webhooks.v3.yml) of the Management API, with state,
// plus what the sandbox does that BigCommerce does on its own: moving orders through statuses,
// refunding them, and delivering the order callbacks to the registered hooks.
import { createHash } from 'node:crypto';
import type { ApiResult } from './customers-api';
import { unprocessable } from './customers-api';
import type { CouponDiscount } from './promotions-api';
import type { StoreState } from './store-state';

export const STATUS_NAMES: Record<number, string> = {
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

export interface SandboxOrder {
  id: number;
  customer_id: number;
  status_id: number;
  status: string;
  subtotal_ex_tax: string;
  subtotal_inc_tax: string;
  total_ex_tax: string;
  total_inc_tax: string;
  refunded_amount: string;
  currency_code: string;
  date_created: string;
  date_modified: string;
  items_total: number;
  payment_status: string;
  base_shipping_cost: string;
  shipping_cost_ex_tax: string;
  shipping_cost_inc_tax: string;
  discount_amount: string;
  coupon_discount: string;
  coupons: { url: string; resource: string };
}

/** A coupon an order used (orderCoupons_Base); `type` 1 percentage, 2 per total, 4 free shipping. */
export interface OrderCoupon {
  id: number;
  coupon_id: number;
  order_id: number;
  code: string;
  amount: number;
  type: 0 | 1 | 2 | 3 | 4 | 5;
  discount: number;
}

export interface NewOrderOptions {
  taxRate?: number;
  /** Shipping cost before discounts (decimal string); the sandbox's orders ship free unless set. */
  shipping?: string;
  /** Coupon codes the shopper applied; each must be usable, and is used once by the order. */
  coupons?: string[];
}

export interface SandboxHook {
  id: number;
  client_id: string;
  store_hash: string;
  scope: string;
  destination: string;
  is_active: boolean;
  headers: Record<string, string>;
  created_at: number;
  updated_at: number;
}

const rfc2822 = () => new Date().toUTCString().replace('GMT', '+0000');
const money = (cents: bigint) => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}00`;
const cents = (amount: string) => {
  const [w = '0', f = ''] = amount.split('.');
  return BigInt(w) * 100n + BigInt(`${f}00`.slice(0, 2));
};

/**
 * A placed order. As at BigCommerce, `subtotal_ex_tax` is the items' subtotal before discounts;
 * an order-level coupon's value is in `coupon_discount` and `discount_amount` (BigCommerce's example
 * order: both '5.0000') and comes off the totals; free shipping zeroes the shipping cost and its
 * saving counts in `coupon_discount` only (it is not a discount on the items).
 */
export function newOrder(
  state: StoreState,
  storeHash: string,
  customerId: number,
  subtotal: string,
  options: NewOrderOptions = {},
): SandboxOrder {
  const { taxRate = 0.1, shipping = '0', coupons = [] } = options;
  const sub = cents(subtotal);
  const id = state.newOrderId();
  let itemDiscount = 0n;
  let shippingCost = cents(shipping);
  const applied: OrderCoupon[] = [];
  for (const code of coupons) {
    const check = state.couponFor(code, customerId, money(sub));
    if (!check?.usable)
      throw new Error(`sandbox: coupon ${code} cannot be applied: ${check?.reason ?? 'unknown code'}`);
    const { type, amount = '0' } = check.discount;
    const value = couponSaving(check.discount, sub - itemDiscount, shippingCost);
    if (type === 'free_shipping') shippingCost = 0n;
    else itemDiscount += value;
    applied.push({
      id: check.code.id,
      coupon_id: check.promotion.id,
      order_id: id,
      code: check.code.code,
      amount: Number(amount),
      type: COUPON_TYPES[type],
      discount: Number(value) / 100,
    });
  }
  const taxable = sub - itemDiscount;
  const tax = (taxable * BigInt(Math.round(taxRate * 100))) / 100n;
  const couponValue = applied.reduce((sum, c) => sum + cents(c.discount.toFixed(2)), 0n);
  const order: SandboxOrder = {
    id,
    customer_id: customerId,
    status_id: 11,
    status: STATUS_NAMES[11]!,
    subtotal_ex_tax: money(sub),
    subtotal_inc_tax: money(sub + tax),
    total_ex_tax: money(taxable + shippingCost),
    total_inc_tax: money(taxable + tax + shippingCost),
    base_shipping_cost: money(cents(shipping)),
    shipping_cost_ex_tax: money(shippingCost),
    shipping_cost_inc_tax: money(shippingCost),
    discount_amount: money(itemDiscount),
    coupon_discount: money(couponValue),
    coupons: {
      url: `https://api.bigcommerce.com/stores/${storeHash}/v2/orders/${id}/coupons`,
      resource: `/orders/${id}/coupons`,
    },
    refunded_amount: '0.0000',
    currency_code: 'USD',
    date_created: rfc2822(),
    date_modified: rfc2822(),
    items_total: 1,
    payment_status: 'captured',
  };
  for (const code of coupons) state.useCoupon(code, id, customerId);
  state.orderCoupons.push(...applied);
  state.orders.set(order.id, order);
  return order;
}

/** BigCommerce's coupon type numbers (orderCoupons_Base, CheckoutCoupon). */
export const COUPON_TYPES = { fixed_amount: 2, percentage: 1, free_shipping: 4, other: 5 } as const;
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** What a coupon takes off, in cents: a fixed amount (at most the items), a percentage of the items (rounded), or the shipping. */
export function couponSaving({ type, amount = '0' }: CouponDiscount, items: bigint, shipping: bigint): bigint {
  return type === 'fixed_amount'
    ? min(cents(amount), items)
    : type === 'percentage'
      ? (items * cents(amount) + 5000n) / 10000n
      : type === 'free_shipping'
        ? shipping
        : 0n;
}

export function setOrderStatus(order: SandboxOrder, statusId: number): number {
  const previous = order.status_id;
  order.status_id = statusId;
  order.status = STATUS_NAMES[statusId] ?? 'Custom';
  if (statusId === 4) order.refunded_amount = order.total_inc_tax;
  order.date_modified = rfc2822();
  return previous;
}

/** Refunds `amount` (a decimal string); the order becomes Partially Refunded or Refunded. */
export function refundOrder(order: SandboxOrder, amount: string): number {
  const refunded = cents(order.refunded_amount) + cents(amount);
  const total = cents(order.total_inc_tax);
  // biome-ignore lint/complexity/useMathMinMax: cents are bigint, which Math.min does not take
  order.refunded_amount = money(refunded < total ? refunded : total);
  return setOrderStatus(order, refunded >= total ? 4 : 14);
}

/** A callback body as BigCommerce posts it (webhooks-callbacks/store_order_*.yml). */
export function orderCallback(storeHash: string, scope: string, data: Record<string, unknown>) {
  const created_at = Math.floor(Date.now() / 1000);
  const hash = createHash('sha1')
    .update(JSON.stringify({ scope, data, created_at, storeHash, nonce: Math.random() }))
    .digest('hex');
  return { scope, store_id: '1025646', data, hash, created_at, producer: `stores/${storeHash}` };
}

type Handler = (
  state: StoreState,
  query: Record<string, unknown>,
  body: unknown,
  params: Record<string, string>,
  storeHash: string,
) => ApiResult;

const hookBody = (hook: SandboxHook) => ({ data: hook, meta: {} });

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
  getWebhooks: (state) => ({
    status: 200,
    body: {
      data: state.hooks,
      meta: {
        pagination: {
          total: state.hooks.length,
          count: state.hooks.length,
          per_page: 50,
          current_page: 1,
          total_pages: 1,
        },
      },
    },
  }),
  getWebhook: (state, _q, _b, params) => {
    const hook = state.hooks.find((h) => h.id === Number(params.webhook_id));
    return hook
      ? { status: 200, body: hookBody(hook) }
      : { status: 404, body: { status: 404, title: 'Webhook not found', type: '' } };
  },
  createWebhooks: (state, _q, body, _p, storeHash) => {
    const input = body as {
      scope?: string;
      destination?: string;
      is_active?: boolean;
      headers?: Record<string, string>;
    };
    if (!input.scope || !input.destination) return unprocessable('scope and destination are required');
    const now = Math.floor(Date.now() / 1000);
    const hook: SandboxHook = {
      id: state.newId(),
      client_id: 'sandbox-app',
      store_hash: storeHash,
      scope: input.scope,
      destination: input.destination,
      is_active: input.is_active ?? true,
      headers: input.headers ?? {},
      created_at: now,
      updated_at: now,
    };
    state.hooks.push(hook);
    return { status: 200, body: hookBody(hook) };
  },
  updateWebhook: (state, _q, body, params) => {
    const hook = state.hooks.find((h) => h.id === Number(params.webhook_id));
    if (!hook) return { status: 404, body: { status: 404, title: 'Webhook not found', type: '' } };
    Object.assign(hook, body as Partial<SandboxHook>, { updated_at: Math.floor(Date.now() / 1000) });
    return { status: 200, body: hookBody(hook) };
  },
};
