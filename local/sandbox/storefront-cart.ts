// The demo store's cart through BigCommerce's REST Storefront API (carts.sf.yml, checkouts.sf.yml):
// one cart per shopper session, one demo product, and coupon codes applied at checkout with the
// discount their promotion gives (the same rule the order applies: orders-api.ts couponSaving).
// Requests arrive validated against the specs; the bodies built here are validated on the way out.
// Carts are plain data in StoreState.
import { randomUUID } from 'node:crypto';
import type { ApiResult } from './customers-api';
import { COUPON_TYPES, couponSaving } from './orders-api';
import type { StoreState } from './store-state';

export interface CartItem {
  id: string;
  productId: number;
  name: string;
  sku: string;
  quantity: number;
  priceCents: number;
}
export interface SandboxCart {
  id: string;
  session: string;
  customerId: number;
  items: CartItem[];
  couponCodes: string[];
  createdTime: string;
  updatedTime: string;
  version: number;
}

/** The one product of the demo store. */
export const DEMO_PRODUCT = { productId: 111, name: 'Orbit Terrarium', sku: 'DEMO-TERRARIUM', priceCents: 6453 };

/** Who asks: the store, the shopper's session ('' for none yet) and its customer (0: a guest). */
export interface CartContext {
  state: StoreState;
  session: string;
  customerId: number;
}
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
const ERROR_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00');
const amount = (cents: number) => cents / 100;
const problem = (status: number, title: string): ApiResult => ({ status, body: { status, title, type: ERROR_TYPE } });
const notFound = () => problem(404, 'Cart not found');

export const subtotalCents = (cart: SandboxCart) => cart.items.reduce((sum, i) => sum + i.priceCents * i.quantity, 0);

/** What the store's promotions make of a code on a cart worth `subtotal` cents: a discount, or a refusal. */
function priceCoupon(
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

function cartBody(state: StoreState, cart: SandboxCart) {
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
function checkoutBody(state: StoreState, cart: SandboxCart) {
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

const sessionCart = (c: CartContext) => c.state.carts.find((cart) => c.session && cart.session === c.session);
const ownCart = (c: CartContext, id: string | undefined) => {
  const cart = sessionCart(c);
  return cart && cart.id === id ? cart : undefined;
};
const touch = (cart: SandboxCart) => {
  cart.updatedTime = now();
  cart.version++;
};

/** Adds the requested items; the demo store sells one product, so any other product id is refused. */
function addItems(cart: SandboxCart, body: unknown): ApiResult | undefined {
  const items = (body as { lineItems?: Array<{ productId: number; quantity: number }> }).lineItems ?? [];
  if (items.some((i) => i.productId !== DEMO_PRODUCT.productId || !Number.isInteger(i.quantity) || i.quantity < 1)) {
    return problem(422, `The demo store sells product ${DEMO_PRODUCT.productId} only, in whole quantities.`);
  }
  for (const { quantity } of items) {
    const line = cart.items.find((i) => i.productId === DEMO_PRODUCT.productId);
    if (line) line.quantity += quantity;
    else cart.items.push({ id: randomUUID(), ...DEMO_PRODUCT, quantity });
  }
  touch(cart);
  return undefined;
}

type CartHandler = (c: CartContext, params: Record<string, string>, body: unknown) => ApiResult;

/** The Storefront API operations the sandbox serves, by operationId. */
export const cartHandlers: Record<string, CartHandler> = {
  getCart: (c) => {
    const cart = sessionCart(c);
    return { status: 200, body: cart ? [cartBody(c.state, cart)] : [] };
  },
  createCart: (c, _p, body) => {
    if (sessionCart(c)) return problem(409, 'This session has a cart already: add items to it.');
    const cart: SandboxCart = {
      id: randomUUID(),
      session: c.session,
      customerId: c.customerId,
      items: [],
      couponCodes: [],
      createdTime: now(),
      updatedTime: now(),
      version: 0,
    };
    const refused = addItems(cart, body);
    if (refused) return refused;
    c.state.carts.push(cart);
    return { status: 200, body: cartBody(c.state, cart) };
  },
  addCartLineItem: (c, params, body) => {
    const cart = ownCart(c, params.cartId);
    return !cart ? notFound() : (addItems(cart, body) ?? { status: 200, body: cartBody(c.state, cart) });
  },
  deleteCart: (c, params) => {
    const cart = ownCart(c, params.cartId);
    if (!cart) return notFound();
    c.state.carts.splice(c.state.carts.indexOf(cart), 1);
    return { status: 204 };
  },
  addCheckoutCoupon: (c, params, body) => {
    const cart = ownCart(c, params.checkoutId);
    if (!cart) return notFound();
    const code = String((body as { couponCode?: string }).couponCode ?? '').trim();
    if (appliedCoupons(c.state, cart).some((a) => a.code.toLowerCase() === code.toLowerCase()))
      return { status: 200, body: checkoutBody(c.state, cart) };
    const coupon = priceCoupon(c.state, code, cart.customerId, subtotalCents(cart));
    // checkouts.sf.yml documents no answer for a code the store will not apply; BigCommerce answers
    // 400 in its usual error shape, its title saying why.
    if ('refused' in coupon) return problem(400, coupon.refused);
    cart.couponCodes.push(coupon.code);
    touch(cart);
    return { status: 200, body: checkoutBody(c.state, cart) };
  },
  deleteCheckoutCoupon: (c, params) => {
    const cart = ownCart(c, params.checkoutId);
    if (!cart) return notFound();
    cart.couponCodes = cart.couponCodes.filter((code) => code.toLowerCase() !== params.couponCode?.toLowerCase());
    touch(cart);
    return { status: 200, body: checkoutBody(c.state, cart) };
  },
};
