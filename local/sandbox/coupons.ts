// What a coupon does, the same at the cart and on the order: its promotion's discount, what it
// takes off, and BigCommerce's number for its type.
import { cents } from './money';
import type { Promotion } from './store-records';

/** What a promotion's first rule does to an order (the sandbox reads the cart-value and shipping actions). */
export interface CouponDiscount {
  type: 'fixed_amount' | 'percentage' | 'free_shipping' | 'other';
  amount?: string;
  minimumSpend?: string;
}

/** BigCommerce's coupon type numbers (orderCoupons_Base, CheckoutCoupon). */
export const COUPON_TYPES = { fixed_amount: 2, percentage: 1, free_shipping: 4, other: 5 } as const;

export function couponDiscount(promotion: Promotion): CouponDiscount {
  const rule = promotion.rules[0];
  const minimumSpend = rule?.condition?.cart?.minimum_spend;
  const discount = rule?.action.cart_value?.discount;
  const base = minimumSpend === undefined ? {} : { minimumSpend };
  if (discount?.fixed_amount !== undefined) return { type: 'fixed_amount', amount: discount.fixed_amount, ...base };
  if (discount?.percentage_amount !== undefined)
    return { type: 'percentage', amount: discount.percentage_amount, ...base };
  if (rule?.action.shipping) return { type: 'free_shipping', ...base };
  return { type: 'other', ...base };
}

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
