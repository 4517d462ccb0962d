// What a coupon does in the sandbox, the same at the cart and on the order: the promotion rule the
// rewards create (promotions.v3.yml), read back as a discount, and what it takes off in cents.
import { describe, expect, it } from 'vitest';
import { couponDiscount, couponSaving } from '../../local/sandbox/coupons';
import { cents, money } from '../../local/sandbox/money';
import type { Promotion, PromotionRule } from '../../local/sandbox/store-records';

const promotion = (rule: PromotionRule): Promotion => ({
  id: 1,
  redemption_type: 'COUPON',
  name: 'reward',
  channels: [{ id: 1 }],
  customer: {},
  rules: [rule],
  notifications: [],
  stop: false,
  currency_code: 'USD',
  current_uses: 0,
  start_date: '2026-11-26T00:00:00Z',
  status: 'ENABLED',
  can_be_used_with_other_promotions: false,
  coupon_overrides_other_promotions: false,
  coupon_type: 'SINGLE',
  created_from: 'api',
});

describe('money', () => {
  it.each([
    ['64.53', 6453n],
    ['64.5300', 6453n],
    ['5', 500n],
    ['0.07', 7n],
    ['0.1', 10n],
  ])('%s is %i cents', (amount, value) => {
    expect(cents(amount)).toBe(value);
  });

  it('writes cents as BigCommerce writes money (four decimals)', () => {
    expect(money(5953n)).toBe('59.5300');
    expect(money(7n)).toBe('0.0700');
  });
});

describe('a reward promotion read back as a discount', () => {
  it.each<[string, PromotionRule, ReturnType<typeof couponDiscount>]>([
    ['$5 off', { action: { cart_value: { discount: { fixed_amount: '5' } } } }, { type: 'fixed_amount', amount: '5' }],
    [
      '10% off',
      { action: { cart_value: { discount: { percentage_amount: '10' } } } },
      { type: 'percentage', amount: '10' },
    ],
    ['free shipping', { action: { shipping: { free_shipping: true, zone_ids: '*' } } }, { type: 'free_shipping' }],
    [
      '$5 off from $20',
      { action: { cart_value: { discount: { fixed_amount: '5' } } }, condition: { cart: { minimum_spend: '20' } } },
      { type: 'fixed_amount', amount: '5', minimumSpend: '20' },
    ],
  ])('%s', (_, rule, discount) => {
    expect(couponDiscount(promotion(rule))).toEqual(discount);
  });
});

describe('what a coupon takes off', () => {
  it.each<[string, ReturnType<typeof couponDiscount>, bigint, bigint, bigint]>([
    ['$5 off $64.53', { type: 'fixed_amount', amount: '5' }, 6453n, 0n, 500n],
    ['$5 off $3.00 takes the items only', { type: 'fixed_amount', amount: '5' }, 300n, 800n, 300n],
    ['10% off $64.53, rounded half up', { type: 'percentage', amount: '10' }, 6453n, 0n, 645n],
    ['12.5% off $10.04', { type: 'percentage', amount: '12.5' }, 1004n, 0n, 126n],
    ['free shipping takes the shipping', { type: 'free_shipping' }, 6453n, 899n, 899n],
    ['another kind of rule takes nothing', { type: 'other' }, 6453n, 899n, 0n],
  ])('%s', (_, discount, items, shipping, saving) => {
    expect(couponSaving(discount, items, shipping)).toBe(saving);
  });
});
