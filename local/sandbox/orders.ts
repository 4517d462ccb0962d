// What BigCommerce does to orders on its own, which the sandbox does when a test or the demo page
// asks: placing an order (with its coupons), moving it through statuses, refunding it.
import { COUPON_TYPES, couponSaving } from './coupons';
import { cents, money } from './money';
import type { OrderCoupon, SandboxOrder } from './store-records';
import type { StoreState } from './store-state';
import { ORDER_STATUS_NAMES } from '../../layers/shared/src/bigcommerce/order-statuses';

export interface NewOrderOptions {
  taxRate?: number;
  /** Shipping cost before discounts (decimal string); the sandbox's orders ship free unless set. */
  shipping?: string;
  /** Coupon codes the shopper applied; each must be usable, and is used once by the order. */
  coupons?: string[];
}

const rfc2822 = () => new Date().toUTCString().replace('GMT', '+0000');
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
    status: ORDER_STATUS_NAMES[11]!,
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

export function setOrderStatus(order: SandboxOrder, statusId: number): number {
  const previous = order.status_id;
  order.status_id = statusId;
  order.status = ORDER_STATUS_NAMES[statusId] ?? 'Custom';
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
