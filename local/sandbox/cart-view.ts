// A storefront cart as the Storefront API shows it (carts.sf.yml, checkouts.sf.yml): its amounts and
// its coupons priced by the store's promotions, with the same rule the order applies (coupons.ts).
import { COUPON_TYPES, couponSaving } from './coupons';
import type { SandboxCart } from './store-records';
import type { StoreState } from './store-state';

interface AppliedCoupon {
  code: string;
  displayName: string;
  couponType: number;
  discountCents: number;
}

const COUPON_TYPE_NAMES = [
  'per_item_discount',
  'percentage_discount',
  'per_total_discount',
  'shipping_discount',
  'free_shipping',
  'promotion',
];
const amount = (cents: number) => cents / 100;

export const subtotalCents = (cart: SandboxCart) => cart.items.reduce((sum, i) => sum + i.priceCents * i.quantity, 0);

/** What the store's promotions make of a code on a cart worth `subtotal` cents: a discount, or a refusal. */
export function priceCoupon(
  state: StoreState,
  code: string,
  customerId: number,
  subtotal: number,
): AppliedCoupon | { refused: string } {
  if (!code) return { refused: 'Please enter a coupon code.' };
  const check = state.couponFor(code, customerId, (subtotal / 100).toFixed(2));
  if (!check) return { refused: 'The coupon code you entered is not valid.' };
  if (!check.usable) return { refused: check.reason ?? 'The coupon code cannot be applied to your cart.' };
  const { promotion, discount } = check;
  // The cart has no shipping yet: free shipping shows, and takes nothing off the cart.
  const cents = Number(couponSaving(discount, BigInt(subtotal), 0n));
  return {
    code: check.code.code,
    displayName: promotion.display_name ?? promotion.name,
    couponType: COUPON_TYPES[discount.type],
    discountCents: cents,
  };
}

/**
 * The coupons of a cart with what each takes off now. A code that stopped applying since (used on
 * another order, promotion disabled, cart below the minimum) drops out, as BigCommerce re-evaluates.
 */
export function appliedCoupons(state: StoreState, cart: SandboxCart): AppliedCoupon[] {
  return cart.couponCodes
    .map((code) => priceCoupon(state, code, cart.customerId, subtotalCents(cart)))
    .filter((c): c is AppliedCoupon => !('refused' in c));
}

export function cartBody(state: StoreState, cart: SandboxCart) {
  const coupons = appliedCoupons(state, cart);
  const discount = coupons.reduce((sum, c) => sum + c.discountCents, 0);
  const base = subtotalCents(cart);
  return {
    id: cart.id,
    customerId: cart.customerId,
    email: '',
    currency: { code: 'USD', decimalPlaces: 2, name: 'US Dollar', symbol: '$' },
    isTaxIncluded: false,
    baseAmount: amount(base),
    discountAmount: 0,
    cartAmount: amount(Math.max(0, base - discount)),
    coupons: coupons.map((c) => ({
      code: c.code,
      displayName: c.displayName,
      couponType: c.couponType,
      discountedAmount: amount(c.discountCents),
    })),
    discounts: [],
    lineItems: {
      physicalItems: cart.items.map((i) => ({
        id: i.id,
        productId: i.productId,
        name: i.name,
        sku: i.sku,
        quantity: i.quantity,
        type: 'physical' as const,
        listPrice: amount(i.priceCents),
        salePrice: amount(i.priceCents),
        extendedListPrice: amount(i.priceCents * i.quantity),
        extendedSalePrice: amount(i.priceCents * i.quantity),
        isTaxable: true,
        isMutable: true,
        isShippingRequired: true,
        discounts: [],
        discountAmount: 0,
        couponAmount: 0,
      })),
      digitalItems: [],
      giftCertificates: [],
      customItems: [],
    },
    createdTime: cart.createdTime,
    updatedTime: cart.updatedTime,
    locale: 'en',
    version: cart.version,
  };
}

/** A checkout is the cart seen from checkout (same id), with the coupons at checkout level too. */
export function checkoutBody(state: StoreState, cart: SandboxCart) {
  const view = cartBody(state, cart);
  // checkouts.sf.yml names the cart's coupon types (CartCoupon) but numbers the checkout's (CheckoutCoupon).
  const named = { ...view, coupons: view.coupons.map((c) => ({ ...c, couponType: COUPON_TYPE_NAMES[c.couponType] })) };
  return {
    id: cart.id,
    cart: named,
    consignments: [],
    giftCertificates: [],
    taxes: [],
    fees: [],
    promotions: [],
    coupons: view.coupons,
    orderId: null,
    customerMessage: '',
    shippingCostTotal: 0,
    shippingCostBeforeDiscount: 0,
    handlingCostTotal: 0,
    giftWrappingCostTotal: 0,
    taxTotal: 0,
    subtotal: view.baseAmount,
    grandTotal: view.cartAmount,
    outstandingBalance: view.cartAmount,
    isStoreCreditApplied: false,
    channelId: 1,
    createdTime: cart.createdTime,
    updatedTime: cart.updatedTime,
    version: cart.version,
  };
}
