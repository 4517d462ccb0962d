// The sandbox storefront's cart and checkout coupons (carts.sf.yml, checkouts.sf.yml): one cart per
// shopper session, a coupon code applied with its promotion's discount or refused as BigCommerce does,
// and the order placed from the cart carrying the coupon.
import { describe, expect, it } from 'vitest';
import { useSandbox } from './support/sandbox';
import { DEMO_CUSTOMERS } from '../local/sandbox/storefront';
import { DEMO_PRODUCT } from '../local/sandbox/storefront-cart';

const STORE = 'shop1';
const TOKEN = 'sandbox-token';
const sandbox = useSandbox({
  stores: { [STORE]: TOKEN },
  storefront: {
    storeHash: STORE,
    clientId: 'sandbox-client',
    clientSecret: 'sandbox-client-secret-0123456789',
    customers: DEMO_CUSTOMERS,
  },
});

// biome-ignore lint/suspicious/noExplicitAny: the tests read the sandbox's JSON answers field by field
type Answer = { status: number; body: any };
async function call(url: string, method: string, headers: Record<string, string>, body?: unknown): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
const management = (method: string, path: string, body?: unknown) =>
  call(`${sandbox.url}/stores/${STORE}/v3${path}`, method, { 'X-Auth-Token': TOKEN }, body);

/** A shopper's browser: the session cookie, and the Storefront API on the store's origin. */
async function shopper(customerId?: number) {
  let cookie = '';
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', Cookie: cookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    cookie = response.headers.get('set-cookie')?.split(';')[0] ?? cookie;
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined } as Answer;
  };
  if (customerId) expect((await send('POST', '/login', { customerId })).status).toBe(204);
  const api = (method: string, path: string, body?: unknown) => send(method, `/api/storefront${path}`, body);
  return {
    send,
    api,
    cart: async () => (await api('GET', '/carts')).body[0],
    addProduct: async (quantity = 1) =>
      (await api('POST', '/carts', { lineItems: [{ productId: DEMO_PRODUCT.productId, quantity }] })).body,
    apply: (cartId: string, couponCode: unknown) => api('POST', `/checkouts/${cartId}/coupons`, { couponCode }),
  };
}

async function couponCode(code: string, rule: object, maxUses = 1): Promise<void> {
  const promotion = await management('POST', '/promotions', {
    name: `promotion for ${code}`,
    display_name: `${code} deal`,
    redemption_type: 'COUPON',
    coupon_type: 'BULK',
    rules: [rule],
  });
  expect(promotion.status).toBe(201);
  expect(
    (
      await management('POST', `/promotions/${promotion.body.data.id}/codes`, {
        code,
        max_uses: maxUses,
        max_uses_per_customer: 1,
      })
    ).status,
  ).toBe(201);
}
const fiveOff = { action: { cart_value: { discount: { fixed_amount: '5' } } } };

describe('sandbox storefront cart', () => {
  it('gives a guest no cart until they add a product, then keeps it in their session', async () => {
    const guest = await shopper();
    expect((await guest.api('GET', '/carts')).body).toEqual([]);
    const cart = await guest.addProduct(2);
    expect(cart).toMatchObject({
      baseAmount: 129.06,
      cartAmount: 129.06,
      coupons: [],
      lineItems: { physicalItems: [{ productId: DEMO_PRODUCT.productId, quantity: 2 }] },
    });
    expect((await guest.cart()).id).toBe(cart.id);
    expect(
      (
        await guest.api('POST', `/carts/${cart.id}/items`, {
          lineItems: [{ productId: DEMO_PRODUCT.productId, quantity: 1 }],
        })
      ).body.baseAmount,
    ).toBe(193.59);
    expect((await guest.api('POST', '/carts', { lineItems: [{ productId: 999, quantity: 1 }] })).status).toBe(409); // one cart per session
  });

  it("applies a code with its promotion's discount, at cart and checkout level, and removes it", async () => {
    await couponCode('FIVE-OFF-A', fiveOff);
    const ada = await shopper(1);
    const { id } = await ada.addProduct();
    const applied = await ada.apply(id, 'FIVE-OFF-A');
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({
      id,
      grandTotal: 59.53,
      coupons: [{ code: 'FIVE-OFF-A', discountedAmount: 5, couponType: 2 }],
      cart: { cartAmount: 59.53 },
    });
    expect(await ada.cart()).toMatchObject({
      baseAmount: 64.53,
      cartAmount: 59.53,
      coupons: [{ code: 'FIVE-OFF-A', displayName: 'FIVE-OFF-A deal' }],
    });
    expect((await ada.api('DELETE', `/checkouts/${id}/coupons/FIVE-OFF-A`)).body.coupons).toEqual([]);
    expect((await ada.cart()).cartAmount).toBe(64.53);
  });

  it('refuses an unknown code, one whose minimum spend the cart misses, and a malformed request', async () => {
    await couponCode('TEN-PCT-100', {
      action: { cart_value: { discount: { percentage_amount: '10' } } },
      condition: { cart: { minimum_spend: '100' } },
    });
    const ben = await shopper(2);
    const { id } = await ben.addProduct();
    const unknown = await ben.apply(id, 'NO-SUCH-CODE');
    expect(unknown).toMatchObject({
      status: 400,
      body: { status: 400, title: expect.any(String), type: expect.stringContaining('api-status-codes') },
    });
    expect((await ben.apply(id, 'TEN-PCT-100')).status).toBe(400);
    expect((await ben.apply(id, 42)).status).toBe(400); // the spec says couponCode is a string
    await ben.api('POST', `/carts/${id}/items`, { lineItems: [{ productId: DEMO_PRODUCT.productId, quantity: 1 }] });
    expect((await ben.apply(id, 'TEN-PCT-100')).body.coupons).toEqual([
      expect.objectContaining({ code: 'TEN-PCT-100', discountedAmount: 12.91 }),
    ]);
  });

  it("keeps each session's cart to itself, and forgets it at logout", async () => {
    const ada = await shopper(1);
    const { id } = await ada.addProduct();
    const chen = await shopper(3);
    expect((await chen.api('GET', '/carts')).body).toEqual([]);
    expect((await chen.apply(id, 'FIVE-OFF-A')).status).toBe(404);
    await ada.send('POST', '/logout');
    expect((await ada.api('GET', '/carts')).body).toEqual([]);
  });

  it('places the order from the cart with its coupon: the discount on the order, the code used up', async () => {
    await couponCode('FIVE-OFF-B', fiveOff);
    const chen = await shopper(3);
    const { id } = await chen.addProduct();
    await chen.apply(id, 'FIVE-OFF-B');
    const order = await chen.send('POST', '/place-order');
    expect(order).toMatchObject({
      status: 201,
      body: { customer_id: 3, subtotal_ex_tax: '64.5300', coupon_discount: '5.0000', total_ex_tax: '59.5300' },
    });
    expect((await chen.api('GET', '/carts')).body).toEqual([]);
    const coupons = await call(`${sandbox.url}/stores/${STORE}/v2/orders/${order.body.id}/coupons`, 'GET', {
      'X-Auth-Token': TOKEN,
    });
    expect(coupons.body).toEqual([expect.objectContaining({ code: 'FIVE-OFF-B', discount: 5 })]);
    const next = await chen.addProduct();
    expect((await chen.apply(next.id, 'FIVE-OFF-B')).status).toBe(400); // max_uses 1
  });

  it('fails as the network and BigCommerce sometimes do, when a test asks', async () => {
    const ben = await shopper(2);
    sandbox.storefront!.faults.inject({ kind: 'server-error', status: 503 });
    expect((await ben.api('GET', '/carts')).status).toBe(503);
    expect((await ben.api('GET', '/carts')).status).toBe(200);
  });
});
