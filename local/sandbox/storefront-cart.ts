// The demo store's cart through BigCommerce's REST Storefront API (carts.sf.yml, checkouts.sf.yml):
// one cart per shopper session, one demo product, and coupon codes applied at checkout with the
// discount their promotion gives (cart-view.ts prices them). Requests arrive validated against the
// specs; the bodies built here are validated on the way out. Carts are plain data in StoreState.
import { randomUUID } from 'node:crypto';
import { type ApiResult, problem } from './api-result';
import { appliedCoupons, cartBody, checkoutBody, priceCoupon, subtotalCents } from './cart-view';
import type { SandboxCart } from './store-records';
import type { StoreState } from './store-state';

/** The one product of the demo store. */
export const DEMO_PRODUCT = { productId: 111, name: 'Orbit Terrarium', sku: 'DEMO-TERRARIUM', priceCents: 6453 };

/** Who asks: the store, the shopper's session ('' for none yet) and its customer (0: a guest). */
interface CartContext {
  state: StoreState;
  session: string;
  customerId: number;
}

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00');
const notFound = () => problem(404, 'Cart not found');

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
