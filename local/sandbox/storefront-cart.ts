// The demo store's cart through BigCommerce's REST Storefront API (carts.sf.yml, checkouts.sf.yml):
// one cart per shopper session, one demo product, and coupon codes applied at checkout with the
// discount their promotion gives. Requests arrive validated against the specs; the bodies built here
// are validated on the way out. Carts are plain data in StoreState (they survive a sandbox restart).
import { randomUUID } from 'node:crypto';
import type { ApiResult } from './customers-api';

export interface CartItem { id: string; productId: number; name: string; sku: string; quantity: number; priceCents: number }
export interface SandboxCart {
  id: string; session: string; customerId: number; items: CartItem[]; couponCodes: string[];
  createdTime: string; updatedTime: string; version: number;
}

/** What the store's promotions make of a code on a cart worth `subtotalCents`: a discount, or a refusal. */
export type CouponCheck = (code: string, subtotalCents: number) =>
  { displayName: string; couponType: number; discountCents: number } | { refused: string };

/** The one product of the demo store. */
export const DEMO_PRODUCT = { productId: 111, name: 'Orbit Terrarium', sku: 'DEMO-TERRARIUM', priceCents: 6453 };

/** How the cart API sees the request: the session's cart, if any, and the means to make one. */
export interface CartContext {
  carts: SandboxCart[];
  session: string;
  customerId: number;
  checkCoupon: CouponCheck;
}

const ERROR_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00');
const amount = (cents: number) => cents / 100;
const problem = (status: number, title: string): ApiResult => ({ status, body: { status, title, type: ERROR_TYPE } });
const notFound = () => problem(404, 'Cart not found');

export const subtotalCents = (cart: SandboxCart) => cart.items.reduce((sum, i) => sum + i.priceCents * i.quantity, 0);

/** The coupons of a cart with what each takes off now (the cart may have changed since they were applied). */
export function appliedCoupons(cart: SandboxCart, check: CouponCheck) {
  const subtotal = subtotalCents(cart);
  return cart.couponCodes.map((code) => {
    const coupon = check(code, subtotal);
    return 'refused' in coupon ? { code, displayName: code, couponType: 2, discountCents: 0 } : { code, ...coupon };
  });
}

function cartBody(cart: SandboxCart, check: CouponCheck) {
  const coupons = appliedCoupons(cart, check);
  const discount = coupons.reduce((sum, c) => sum + c.discountCents, 0);
  const base = subtotalCents(cart);
  return {
    id: cart.id, customerId: cart.customerId, email: '',
    currency: { code: 'USD', decimalPlaces: 2, name: 'US Dollar', symbol: '$' },
    isTaxIncluded: false, baseAmount: amount(base), discountAmount: 0, cartAmount: amount(Math.max(0, base - discount)),
    coupons: coupons.map((c) => ({ code: c.code, displayName: c.displayName, couponType: c.couponType, discountedAmount: amount(c.discountCents) })),
    discounts: [],
    lineItems: {
      physicalItems: cart.items.map((i) => ({
        id: i.id, productId: i.productId, name: i.name, sku: i.sku, quantity: i.quantity, type: 'physical' as const,
        listPrice: amount(i.priceCents), salePrice: amount(i.priceCents), extendedListPrice: amount(i.priceCents * i.quantity),
        extendedSalePrice: amount(i.priceCents * i.quantity), isTaxable: true, isMutable: true, isShippingRequired: true, discounts: [], discountAmount: 0, couponAmount: 0,
      })),
      digitalItems: [], giftCertificates: [], customItems: [],
    },
    createdTime: cart.createdTime, updatedTime: cart.updatedTime, locale: 'en', version: cart.version,
  };
}

/** A checkout is the cart seen from checkout (same id), with the coupons at checkout level too. */
function checkoutBody(cart: SandboxCart, check: CouponCheck) {
  const view = cartBody(cart, check);
  return {
    id: cart.id, cart: view, consignments: [], giftCertificates: [], taxes: [], fees: [], promotions: [],
    coupons: view.coupons, orderId: null, customerMessage: '', shippingCostTotal: 0, shippingCostBeforeDiscount: 0,
    handlingCostTotal: 0, giftWrappingCostTotal: 0, taxTotal: 0, subtotal: view.baseAmount, grandTotal: view.cartAmount,
    outstandingBalance: view.cartAmount, isStoreCreditApplied: false, channelId: 1,
    createdTime: cart.createdTime, updatedTime: cart.updatedTime, version: cart.version,
  };
}

const sessionCart = (c: CartContext) => c.carts.find((cart) => cart.session === c.session);
const ownCart = (c: CartContext, id: string | undefined) => { const cart = sessionCart(c); return cart && cart.id === id ? cart : undefined; };
const touch = (cart: SandboxCart) => { cart.updatedTime = now(); cart.version++; };

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
    return { status: 200, body: cart ? [cartBody(cart, c.checkCoupon)] : [] };
  },
  createCart: (c, _p, body) => {
    if (sessionCart(c)) return problem(409, 'This session has a cart already: add items to it.');
    const cart: SandboxCart = { id: randomUUID(), session: c.session, customerId: c.customerId, items: [], couponCodes: [], createdTime: now(), updatedTime: now(), version: 0 };
    const refused = addItems(cart, body);
    if (refused) return refused;
    c.carts.push(cart);
    return { status: 200, body: cartBody(cart, c.checkCoupon) };
  },
  addCartLineItem: (c, params, body) => {
    const cart = ownCart(c, params.cartId);
    return !cart ? notFound() : addItems(cart, body) ?? { status: 200, body: cartBody(cart, c.checkCoupon) };
  },
  deleteCart: (c, params) => {
    const cart = ownCart(c, params.cartId);
    if (!cart) return notFound();
    c.carts.splice(c.carts.indexOf(cart), 1);
    return { status: 204 };
  },
  addCheckoutCoupon: (c, params, body) => {
    const cart = ownCart(c, params.checkoutId);
    if (!cart) return notFound();
    const code = String((body as { couponCode?: string }).couponCode ?? '').trim();
    if (cart.couponCodes.includes(code)) return { status: 200, body: checkoutBody(cart, c.checkCoupon) };
    const coupon = check(c, code, subtotalCents(cart));
    if ('refused' in coupon) return problem(400, coupon.refused);
    cart.couponCodes.push(code);
    touch(cart);
    return { status: 200, body: checkoutBody(cart, c.checkCoupon) };
  },
  deleteCheckoutCoupon: (c, params) => {
    const cart = ownCart(c, params.checkoutId);
    if (!cart) return notFound();
    cart.couponCodes = cart.couponCodes.filter((code) => code !== params.couponCode);
    touch(cart);
    return { status: 200, body: checkoutBody(cart, c.checkCoupon) };
  },
};

function check(c: CartContext, code: string, subtotal: number): ReturnType<CouponCheck> {
  return code ? c.checkCoupon(code, subtotal) : { refused: 'Please enter a coupon code.' };
}
